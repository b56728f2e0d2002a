"""The source key of a local file or folder (its resolved absolute path, however it was spelt on the command line), and
the name a briefing shows for one."""

from __future__ import annotations

from pathlib import Path, PurePath


def source_key(target: str) -> str:
    """``feeds/x.xml``, ``./feeds/x.xml`` and ``~/feeds/x.xml`` as the one absolute path they name, so the same file
    is one source from any working directory. URLs, and paths that name nothing (their error then names them as
    given), are returned as they are."""
    stripped = target.strip()
    if not stripped or _is_url(stripped):
        return target
    path = Path(stripped).expanduser()
    try:
        if not (path.is_file() or path.is_dir()):
            return target
        return str(path.resolve())
    except (OSError, RuntimeError):  # unreadable, or a symlink loop: read_source reports it as given
        return target


def _is_url(target: str) -> bool:
    return "://" in target[:16] or target.lower().startswith(("http:", "https:"))


def shown_file_name(source: str, url: str) -> str:
    """The name a briefing credits an article read from a local file by: the file's name alone ("ferry-notes.txt"),
    never its folders (the server's paths stay out of chat) nor a file:// link; "" for an article with a link or
    from a URL source (a feed item without a link)."""
    if url or not source.strip() or _is_url(source.strip()):
        return ""
    return PurePath(source.strip()).name


def names_the_file(name: str, file: str) -> bool:
    """Whether an outlet name is only its local file's name or stem ("ferry-notes" for "ferry-notes.txt", what a
    text file without an outlet of its own is named): then the file is credited once, "file ferry-notes.txt"."""
    shown = name.strip().casefold()
    return bool(file) and shown in (file.casefold(), PurePath(file).stem.casefold())
