"""A store outage in the log: one line per failing job, the first a WARNING, and one line when it is back."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.clock import Clock
from bot.store.db_errors import one_line_reason
from bot.store.unusable import stuck_connection

log = logging.getLogger(__name__)


# SQLite result codes (the low byte of an extended code) of a store that cannot be used right now; the others
# (SQLITE_ERROR: no such table, a syntax error...) are bugs and keep their tracebacks
_SQLITE_OUTAGE_CODES = frozenset({
    sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_READONLY})
# PostgreSQL SQLSTATEs of a server that cannot be reached or used right now: class 08 (connection exceptions),
# a server shutting down or starting up, too many connections; not e.g. 42P01 undefined_table
_PG_OUTAGE_STATES = frozenset({"57P01", "57P02", "57P03", "53300"})


def is_store_unreachable(exc: BaseException) -> bool:
    """True for the errors of a store that cannot be reached or used right now (a refused or dropped connection,
    a server restarting, a timeout, SQLite busy or its disk failing), as opposed to a bug or bad data."""
    if isinstance(exc, OSError | TimeoutError | sa.exc.TimeoutError):  # refused, reset, unreachable; pool timeout
        return True
    if not isinstance(exc, sa.exc.DBAPIError):
        return False
    if exc.connection_invalidated or isinstance(exc, sa.exc.InterfaceError):  # a connection closed or dropped
        return True
    return any(_is_outage_cause(cause) for cause in _causes(exc.orig))


def _causes(exc: BaseException | None) -> list[BaseException]:
    """The driver's error and what it was raised from (the asyncpg adapter wraps asyncpg's own errors)."""
    seen: list[BaseException] = []
    while exc is not None and exc not in seen and len(seen) < 8:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def _is_outage_cause(exc: BaseException) -> bool:
    if isinstance(exc, OSError | TimeoutError) or stuck_connection(exc):
        return True
    if isinstance(exc, sqlite3.Error):
        return (exc.sqlite_errorcode & 0xFF) in _SQLITE_OUTAGE_CODES
    state = getattr(exc, "sqlstate", None)
    return isinstance(state, str) and (state.startswith("08") or state in _PG_OUTAGE_STATES)


@dataclass(frozen=True)
class OutageState:
    """A store outage under way, as the health endpoint shows it: since when, how many job failures, and which
    job saw it first and last (job names such as "polling the sources", never an error's text)."""

    since: datetime
    failures: int
    first_job: str
    last_job: str
    last_failure_at: datetime


class StoreOutage:
    """Shared by the scheduler's jobs. ``failed(job, exc)`` logs a store error as one line (the first of an outage
    at WARNING, the next ones at INFO, each traceback at DEBUG) and returns True; any other error returns False
    for the caller to log as before. ``reachable()`` after a job that used the store ends the outage with one
    INFO line saying how many failures it saw. ``current()`` is the outage under way (None when there is none)."""

    def __init__(self, clock: Clock, url: str = "") -> None:
        self.clock = clock
        self.url = url  # its password is masked in what is logged
        self.failures = 0
        self.since: datetime | None = None
        self.failures_seen = 0  # every store failure ever, never reset: a job compares it before and after
        self._first_job = self._last_job = ""
        self._last_failure_at: datetime | None = None

    def mark(self) -> int:
        """Before a job whose parts catch their own store errors: ``reachable_unless_failed_since(mark)`` after."""
        return self.failures_seen

    def reachable_unless_failed_since(self, mark: int) -> None:
        """``reachable()``, unless a store failure was logged since ``mark`` (each channel failing in a round
        must not be followed by a "reachable again" line)."""
        if self.failures_seen == mark:
            self.reachable()

    def failed(self, job: str, exc: BaseException) -> bool:
        if not is_store_unreachable(exc):
            return False
        self.failures += 1
        self.failures_seen += 1
        reason = one_line_reason(exc, self.url)
        now = self.clock()
        self._last_job, self._last_failure_at = job, now
        if self.since is None:
            self.since, self._first_job = now, job
            log.warning("store unreachable: %s failed: %s (one line per failing job until it is back)", job, reason)
        else:
            log.info("store still unreachable (failure %d since %s): %s failed: %s", self.failures,
                     self.since.isoformat(timespec="seconds"), job, reason)
        log.debug("%s: store error traceback", job, exc_info=exc)
        return True

    def reachable(self) -> None:
        if self.since is None:
            return
        log.info("store reachable again after %d failures (unreachable since %s)", self.failures,
                 self.since.isoformat(timespec="seconds"))
        self.failures, self.since = 0, None

    def current(self) -> OutageState | None:
        """The outage under way, from its first failing job until a job reaches the store again; else None."""
        if self.since is None or self._last_failure_at is None:
            return None
        return OutageState(since=self.since, failures=self.failures, first_job=self._first_job,
                           last_job=self._last_job, last_failure_at=self._last_failure_at)
