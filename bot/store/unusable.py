"""A store that cannot be used right now, in one line: which store (password masked), the driver's words, and why."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from bot.store.db_errors import one_line_reason
from bot.store.url_forms import redact_url

_BUSY = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_NOT_WRITABLE = frozenset({sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR})
STUCK_CONNECTION = "another operation"  # asyncpg: "cannot switch to state N; another operation (M) is in progress"
LOST = "; the connection to the server was lost: run the same command again once the server answers"


def unusable_store_line(exc: BaseException, url: str, path: Path | None = None) -> str:
    """``the store at URL cannot be used: REASON; WHY``; ``path``: the file of a SQLite store (its folder is looked at
    when SQLite could not open or write it)."""
    return f"the store at {redact_url(url)} cannot be used: {one_line_reason(exc, url)}{why(exc, path)}"


def why(exc: BaseException, path: Path | None) -> str:
    """What the driver's words mean for an operator: another process's lock, a full disk, a folder or file system
    that is read-only, a lost server connection; "" when there is nothing to add."""
    codes = {
        c.sqlite_errorcode & 0xFF
        for c in _causes(exc)
        if isinstance(c, sqlite3.Error) and isinstance(getattr(c, "sqlite_errorcode", None), int)
    }
    if codes & _BUSY:
        from bot.store.db import SQLITE_BUSY_SECONDS  # the module that opens the store, and imports this one

        return (
            f"; another process is writing to it and held its lock longer than briefbot waits ({SQLITE_BUSY_SECONDS:g}"
            " s): run the same command again when that process is done"
        )
    if sqlite3.SQLITE_FULL in codes or _errno(exc) == errno.ENOSPC:
        return "; the disk it is on is full: free space, then run the same command again"
    if path is not None and (codes & _NOT_WRITABLE or _errno(exc) is not None):
        return unwritable(path)
    if connection_lost(exc):
        return LOST
    return ""


def connection_lost(exc: BaseException) -> bool:
    """The connection under ``exc`` is gone: SQLAlchemy invalidated it, or asyncpg left it stuck mid-operation."""
    return bool(getattr(exc, "connection_invalidated", False)) or any(stuck_connection(c) for c in _causes(exc))


def stuck_connection(exc: BaseException) -> bool:
    """asyncpg's error for a connection left mid-operation (its server session ended under it): not usable again."""
    return type(exc).__name__ == "InternalClientError" and STUCK_CONNECTION in str(exc)


def unwritable(path: Path) -> str:
    """``; FOLDER is not writable (a read-only file system), ...`` (SQLite writes its lock files beside the store, so
    even reading needs the folder writable), ``; FILE is not writable``, or "" when both are."""
    folder = path.parent
    beside = ", and SQLite writes its lock files beside the store even to read it"
    if read_only_file_system(folder):
        return f"; {folder} is not writable (a read-only file system){beside}"
    if not writable(folder):
        return f"; {folder} is not writable{beside}"
    if path.exists() and not writable(path):
        return f"; {path} is not writable"
    return ""


def not_creatable(path: Path, exc: OSError) -> str:
    """Why a new SQLite store's file (or folder) could not be made: ``cannot create the store at PATH: FOLDER is not
    writable (Read-only file system)``."""
    where = Path(os.fsdecode(exc.filename)).parent if exc.filename else path.parent  # the folder it was made in
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"cannot create the store at {path}: {where} is not writable ({exc.strerror})"
    return f"cannot create the store at {path}: {where}: {exc.strerror or exc}"


def read_only_file_system(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc``, the driver's error it wraps (``orig``) and what each was raised from."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo and len(seen) < 12:
        item = todo.pop(0)
        if item is None or item in seen:
            continue
        seen.append(item)
        orig = getattr(item, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None, item.__cause__, item.__context__]
    return seen


def _errno(exc: BaseException) -> int | None:
    return next((c.errno for c in _causes(exc) if isinstance(c, OSError) and c.errno is not None), None)
