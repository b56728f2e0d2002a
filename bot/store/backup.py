"""A consistent copy of a SQLite store while the bot runs: SQLite's online backup to a new owner-only file."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30.0


class BackupError(RuntimeError):
    """The backup failed part-way (the store could not be read, the copy failed its check); nothing was left."""


class BackupRefused(BackupError):
    """The backup was not started: no store there, or the destination exists already."""


@dataclass(frozen=True)
class Backup:
    """The file written and its size."""

    path: Path
    bytes: int


def backup_sqlite(store: Path, destination: Path) -> Backup:
    """Copy the SQLite database ``store`` to ``destination``, which must not exist yet.

    Python's ``Connection.backup`` copies every page in one step under one read transaction, so the copy is the
    store as of one commit even while the bot writes (WAL: writers are not held up). It goes to a temporary file
    beside ``destination`` (mode 0600), switched to a single self-contained file (rollback journal: the bot puts it
    back in WAL mode when it opens it), checked (``PRAGMA quick_check``), synced, and only then linked into place,
    so a crash or an error leaves no half-written backup and an existing file is never replaced."""
    store, destination = store.expanduser(), destination.expanduser()
    if not store.is_file():
        raise BackupRefused(f"no SQLite store at {store}")
    if destination.exists() or destination.is_symlink():
        raise BackupRefused(f"{destination} exists already; a backup never replaces a file (choose a new name)")
    if not destination.parent.is_dir():
        raise BackupRefused(f"no folder {destination.parent} for the backup")
    fd, name = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial")
    os.close(fd)
    temp = Path(name)
    try:
        os.chmod(temp, 0o600)  # owner only, as the store (mkstemp's mode already; kept whatever the umask)
        _copy_pages(store, temp)
        _sync(temp)
        _link_new(temp, destination)
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    _sync_folder(destination.parent)
    return Backup(destination, destination.stat().st_size)


def _copy_pages(store: Path, temp: Path) -> None:
    try:  # mode=rw: a store that vanished is an error, not a new empty file
        with (contextlib.closing(sqlite3.connect(f"{store.resolve().as_uri()}?mode=rw", uri=True,
                                                 timeout=BUSY_TIMEOUT_SECONDS)) as source,
              contextlib.closing(sqlite3.connect(temp, timeout=BUSY_TIMEOUT_SECONDS)) as target):
            source.backup(target)  # pages=-1: every page in one step, one consistent read
            target.execute("PRAGMA journal_mode=DELETE")  # the store's WAL flag came along; one file, no -wal beside
            verdict = target.execute("PRAGMA quick_check").fetchone()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot back up {store}: {exc}") from exc
    if verdict is None or verdict[0] != "ok":
        raise BackupError(f"the copy failed its check: {verdict[0] if verdict else 'no answer'}")


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link_new(temp: Path, destination: Path) -> None:
    """Put the finished file in place unless ``destination`` appeared meanwhile (a hard link never replaces)."""
    try:
        os.link(temp, destination)
    except FileExistsError:
        raise BackupRefused(f"{destination} appeared while the backup ran; it was left as it is") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if destination.exists():  # a file system without hard links: check, then rename
            raise BackupRefused(f"{destination} appeared while the backup ran; it was left as it is") from None
        os.rename(temp, destination)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system syncs a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
