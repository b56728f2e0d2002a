"""Where a config error's key path sits in the TOML file: "config.toml, line 12", for the one-line error."""

from __future__ import annotations

import re
from pathlib import Path

# a message starts with its key path: ``channels[2].schedule: ...``, ``ingest.max_bytes: ...``, ``log_level: ...``
_KEY_PATH = re.compile(r"[A-Za-z_][\w-]*(?:\[\d+\])?(?:\.[A-Za-z_][\w-]*(?:\[\d+\])?)*")
_PART = re.compile(r"([A-Za-z_][\w-]*)(?:\[(\d+)\])?")
_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z_][\w.-]*)\s*\]\]?\s*(?:#.*)?$")


def key_line(text: str, key_path: str) -> int | None:
    """The 1-based line of ``key_path`` (``channels[1].id``, ``slack.mode``, ``log_level``) in the TOML ``text``:
    its ``key =`` line, else the header of its table; None when it cannot be told (dotted or inline keys)."""
    parts = [(m.group(1), int(m.group(2)) if m.group(2) is not None else None)
             for m in (_PART.fullmatch(p) for p in key_path.split(".")) if m]
    if not parts:
        return None
    lines = text.splitlines()
    (table, index), rest = parts[0], parts[1:]
    start, end = _table_span(lines, table, index)
    if start is None and not rest:  # a top-level key, or a table written as ``name = ...``
        return _key_in(lines, 0, _first_header(lines), table)
    if start is None:
        return None
    if rest:
        found = _key_in(lines, start + 1, end, rest[0][0])
        if found is not None:
            return found
    return start + 1


def located(path: str | Path | None, message: str) -> str:
    """`` (config.toml, line 12)`` for the key path ``message`` starts with, `` (config.toml)`` when the line
    cannot be told, "" without a file: put after the message."""
    if path is None or message.startswith(str(path)):  # "config.toml: not valid TOML: ... (at line 3, ...)"
        return ""
    return f" ({where(path, message)})"


def where(path: str | Path, message: str) -> str:
    """``config.toml, line 12`` for the key path ``message`` starts with, ``config.toml`` when the line cannot be
    told."""
    match = _KEY_PATH.match(message)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return str(path)
    line = key_line(text, match.group(0)) if match else None
    return f"{path}, line {line}" if line is not None else str(path)


def _first_header(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if _HEADER.match(line)), len(lines))


def _table_span(lines: list[str], name: str, index: int | None) -> tuple[int | None, int]:
    """The header line of ``[name]`` (or the ``index``-th ``[[name]]``) and where its table ends."""
    seen = -1
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
        if not header or header.group(2) != name:
            continue
        seen += 1
        if index is None or seen == index:
            end = next((j for j in range(i + 1, len(lines)) if _HEADER.match(lines[j])), len(lines))
            return i, end
    return None, len(lines)


def _key_in(lines: list[str], start: int, end: int, key: str) -> int | None:
    pattern = re.compile(rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
    return next((i + 1 for i in range(start, end) if pattern.match(lines[i])), None)
