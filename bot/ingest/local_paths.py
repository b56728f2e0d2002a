"""The source key of a local file or folder: its resolved absolute path, however it was spelt on the command line."""

from __future__ import annotations

from pathlib import Path


def source_key(target: str) -> str:
    """``feeds/x.xml``, ``./feeds/x.xml`` and ``~/feeds/x.xml`` as the one absolute path they name, so the same file
    is one source from any working directory. URLs, and paths that name nothing (their error then names them as
    given), are returned as they are."""
    stripped = target.strip()
    if not stripped or "://" in stripped[:16] or stripped.lower().startswith(("http:", "https:")):
        return target
    path = Path(stripped).expanduser()
    try:
        if not (path.is_file() or path.is_dir()):
            return target
        return str(path.resolve())
    except (OSError, RuntimeError):  # unreadable, or a symlink loop: read_source reports it as given
        return target
