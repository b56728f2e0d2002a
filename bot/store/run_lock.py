"""One `briefbot run` per store: an exclusive lock held for the life of the process, released on exit."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import Clock, system_clock
from bot.store.db import Database, StoreError

log = logging.getLogger(__name__)

# PostgreSQL advisory locks are keyed by a 64-bit number; this one is "briefbot" in ASCII
ADVISORY_KEY = 0x6272696566626F74
# pg_locks shows a 64-bit advisory key as classid (high half), objid (low half), objsubid 1
# (advisory locks are per database: another database on the same server may hold the same key)
_KEY_LOCKS = ("FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = :hi AND objid = :lo "
              "AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
_HOLDER = sa.text(f"SELECT pid {_KEY_LOCKS}")
# whether the session this statement runs in holds the lock: asked on the held connection itself
_HELD_HERE = sa.text(f"SELECT EXISTS (SELECT 1 {_KEY_LOCKS} AND pid = pg_backend_pid())")
HELD_BY_ANY = sa.text(f"SELECT EXISTS (SELECT 1 {_KEY_LOCKS})")  # bot/store/run_lock_probe.py
KEY_HALVES = {"hi": ADVISORY_KEY >> 32, "lo": ADVISORY_KEY & 0xFFFFFFFF}
CHECK_TIMEOUT_SECONDS = 15.0  # a check on a connection that hangs (a network gone silent) counts as a lost one
# What the health endpoint reports: not taken yet or released; this run's; lost and being taken again at each check;
# taken by another run meanwhile (this run stops)
LOCK_STATES = ("not_held", "held", "retaking", "taken")


class RunLockTaken(StoreError):
    """This run lost its lock (a dropped connection) and another `briefbot run` took it meanwhile."""


@dataclass(frozen=True)
class RunLockState:
    """The run lock as the health endpoint shows it: one of ``LOCK_STATES``, when this run found it lost (while
    ``retaking`` or ``taken``), and how many times it was taken again since the run started."""

    state: str
    lost_at: datetime | None
    retaken: int


class RunLock:
    """Held while a bot runs against a store; a second bot on the same store is refused with a clear error.

    SQLite: ``flock`` on ``<store>.run.lock`` beside the database file (the kernel drops it if the process
    dies). PostgreSQL: a session advisory lock on one connection kept open (dropped with the session).
    """

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock  # when the lock was found lost, for the health endpoint
        self._file: IO[bytes] | None = None
        self._lock_path: Path | None = None
        self._conn: AsyncConnection | None = None
        self._pid: int | None = None  # PostgreSQL: the backend of the session holding the lock
        self._held = False  # acquired and not released: ``keep`` holds on to it
        self._state = "not_held"
        self._lost_at: datetime | None = None
        self._retaken = 0

    def status(self) -> RunLockState:
        """Held, being taken again or taken by another run: read by the health endpoint, changes nothing."""
        return RunLockState(self._state, self._lost_at, self._retaken)

    def _lost(self) -> None:
        if self._state != "retaking":
            self._state, self._lost_at = "retaking", self.clock()

    def _taken_again(self) -> bool:
        self._state, self._lost_at = "held", None
        self._retaken += 1
        return True

    async def acquire(self) -> None:
        if self.db.dialect == "sqlite":
            self._acquire_file(sqlite_path(self.db.url))
        else:
            await self._acquire_advisory()
        self._held, self._state = True, "held"

    async def keep(self) -> bool:
        """Check the lock is still this run's, and take it again if it was lost (PostgreSQL: the session holding
        it ended with a dropped connection or a server restart; SQLite: its lock file was deleted). True when it
        was taken again. Raises ``RunLockTaken`` if another run holds it now; the store's own errors (still
        unreachable) are raised as they are, for the next check to try again."""
        if not self._held:
            return False
        if self.db.dialect == "sqlite":
            return self._keep_file()
        if self._conn is not None:
            if await self._session_holds_lock(self._conn):
                return False
            await self._drop_connection()
            self._lost()
            log.warning("the PostgreSQL session holding the run lock ended (a dropped connection or a server "
                        "restart): taking the lock again as soon as the store answers")
        old_pid = self._pid
        try:
            await self._acquire_advisory()
        except StoreError:
            holder = await self._holder()
            if holder is None:  # whoever held it let go in between: not taken by another run, try again next check
                log.info("the run lock was held a moment ago and is free now; taking it at the next check")
                return False
            if holder == old_pid:  # the server has not ended this bot's old session yet
                log.info("the run lock is still held by this bot's old session (backend %d); trying again at "
                         "the next check", old_pid)
                return False
            self._state = "taken"
            raise RunLockTaken(
                "the run lock was lost with the store connection and another `briefbot run` took it meanwhile: "
                "this one stops so that two bots never serve one store (docs/DEPLOY.md)") from None
        log.warning("run lock taken again: this bot is still the only one running on the store")
        return self._taken_again()

    async def _session_holds_lock(self, conn: AsyncConnection) -> bool:
        try:
            async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
                held = (await conn.execute(_HELD_HERE, KEY_HALVES)).scalar()
                await conn.commit()
        except (sa.exc.DBAPIError, OSError, TimeoutError):
            return False
        return bool(held)

    async def _holder(self) -> int | None:
        async with self.db.engine.connect() as conn:
            holder = (await conn.execute(_HOLDER, KEY_HALVES)).scalar()
        return int(holder) if holder is not None else None

    async def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(sa.exc.DBAPIError, OSError):
                await conn.invalidate()  # its connection is broken: not returned to the pool
            with contextlib.suppress(sa.exc.DBAPIError, OSError):
                await conn.close()

    def _keep_file(self) -> bool:
        if self._file is None or self._lock_path is None:  # an in-memory store
            return False
        try:
            if os.stat(self._lock_path).st_ino == os.fstat(self._file.fileno()).st_ino:
                return False
        except FileNotFoundError:
            pass
        log.warning("the run lock file %s was deleted or replaced while the bot ran: taking it again",
                    self._lock_path)
        self._lost()
        held, self._file = self._file, None
        try:
            self._acquire_file(sqlite_path(self.db.url))
        except OSError:  # could not open it (a full disk, permissions): keep the old handle, try again next check
            self._file = held
            raise
        except StoreError:
            held.close()
            self._state = "taken"
            raise RunLockTaken(f"the run lock file {self._lock_path} was deleted while this bot ran and another "
                               "`briefbot run` now holds it: this one stops so that two bots never serve one "
                               "store (docs/DEPLOY.md)") from None
        held.close()
        return self._taken_again()

    async def release(self) -> None:
        self._held, self._state, self._lost_at = False, "not_held", None
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
        try:
            os.chmod(lock_path, 0o600)
            _flock(handle, path, lock_path)
        except BaseException:  # a chmod refused (someone else's file) or the lock held: the handle is not kept
            handle.close()
            raise
        self._file = handle
        self._lock_path = lock_path

    async def _acquire_advisory(self) -> None:
        conn = await self.db.engine.connect()
        try:
            got = (await conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY})).scalar()
            pid = (await conn.execute(sa.text("SELECT pg_backend_pid()"))).scalar()
            await conn.commit()  # the lock is session-level: it outlives this statement's transaction
            if not got:
                raise StoreError("another `briefbot run` is already using this PostgreSQL store (it holds the "
                                 "advisory lock briefbot takes); run one bot per store (docs/DEPLOY.md)")
        except BaseException:  # a cancellation too: a connection holding the lock must not be left open
            await asyncio.shield(_close_quietly(conn))
            raise
        self._conn = conn
        self._pid = int(pid) if pid is not None else None


def _flock(handle: IO[bytes], path: Path, lock_path: Path) -> None:
    """Lock the open lock file, or say which store another run is already using."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise StoreError(
            f"another `briefbot run` is already using the store {path} (it holds {lock_path}); "
            "run one bot per store (docs/DEPLOY.md)") from None


async def _close_quietly(conn: AsyncConnection) -> None:
    """Closed for good, its session ended (a session lock outlives the rollback of a connection back in the pool)."""
    with contextlib.suppress(sa.exc.DBAPIError, OSError):
        await conn.invalidate()
    with contextlib.suppress(sa.exc.DBAPIError, OSError):
        await conn.close()


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite store URL or path (None for an in-memory store)."""
    rest = url.split(":///", 1)[1] if ":///" in url else url
    if rest in ("", ":memory:"):
        return None
    return Path(rest).expanduser()
