"""One `briefbot run` per store: an exclusive lock held for the life of the process, released on exit."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from pathlib import Path
from typing import IO

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.db import Database, StoreError

log = logging.getLogger(__name__)

# PostgreSQL advisory locks are keyed by a 64-bit number; this one is "briefbot" in ASCII
ADVISORY_KEY = 0x6272696566626F74


class RunLock:
    """Held while a bot runs against a store; a second bot on the same store is refused with a clear error.

    SQLite: ``flock`` on ``<store>.run.lock`` beside the database file (the kernel drops it if the process
    dies). PostgreSQL: a session advisory lock on one connection kept open (dropped with the session).
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._file: IO[bytes] | None = None
        self._conn: AsyncConnection | None = None

    async def acquire(self) -> None:
        if self.db.dialect == "sqlite":
            self._acquire_file(sqlite_path(self.db.url))
        else:
            await self._acquire_advisory()

    async def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
        if self._conn is not None:
            conn, self._conn = self._conn, None
            try:
                await conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            except sa.exc.DBAPIError:  # the session ended (a server restart, a lost connection): so did its lock
                log.warning("the PostgreSQL session holding the run lock had ended; nothing to release")
            finally:
                with contextlib.suppress(sa.exc.DBAPIError):
                    await conn.close()

    def _acquire_file(self, path: Path | None) -> None:
        if path is None:  # an in-memory store belongs to this process alone
            return
        lock_path = path.with_name(path.name + ".run.lock")
        handle = open(lock_path, "ab")  # noqa: SIM115 - held open for the life of the bot
        os.chmod(lock_path, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StoreError(
                f"another `briefbot run` is already using the store {path} (it holds {lock_path}); "
                "run one bot per store (docs/DEPLOY.md)") from None
        self._file = handle

    async def _acquire_advisory(self) -> None:
        conn = await self.db.engine.connect()
        try:
            got = (await conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY})).scalar()
            await conn.commit()  # the lock is session-level: it outlives this statement's transaction
        except Exception:
            await conn.close()
            raise
        if not got:
            await conn.close()
            raise StoreError("another `briefbot run` is already using this PostgreSQL store (it holds the "
                             "advisory lock briefbot takes); run one bot per store (docs/DEPLOY.md)")
        self._conn = conn


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite store URL or path (None for an in-memory store)."""
    rest = url.split(":///", 1)[1] if ":///" in url else url
    if rest in ("", ":memory:"):
        return None
    return Path(rest).expanduser()
