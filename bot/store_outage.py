"""A store outage in the log: one line per failing job, the first a WARNING, and one line when it is back."""

from __future__ import annotations

import logging
from datetime import datetime

import sqlalchemy as sa

from bot.clock import Clock
from bot.store.db_errors import one_line_reason

log = logging.getLogger(__name__)


def is_store_unreachable(exc: BaseException) -> bool:
    """True for the errors of a store that cannot be reached or used right now (a refused or dropped connection,
    a server restarting, a timeout, SQLite busy), as opposed to a bug or bad data."""
    if isinstance(exc, OSError | TimeoutError | sa.exc.TimeoutError):  # refused, reset, unreachable; pool timeout
        return True
    if isinstance(exc, sa.exc.DBAPIError):
        return exc.connection_invalidated or isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError)
    return False


class StoreOutage:
    """Shared by the scheduler's jobs. ``failed(job, exc)`` logs a store error as one line (the first of an outage
    at WARNING, the next ones at INFO, each traceback at DEBUG) and returns True; any other error returns False
    for the caller to log as before. ``reachable()`` after a job that used the store ends the outage with one
    INFO line saying how many failures it saw."""

    def __init__(self, clock: Clock, url: str = "") -> None:
        self.clock = clock
        self.url = url  # its password is masked in what is logged
        self.failures = 0
        self.since: datetime | None = None

    def failed(self, job: str, exc: BaseException) -> bool:
        if not is_store_unreachable(exc):
            return False
        self.failures += 1
        reason = one_line_reason(exc, self.url)
        if self.since is None:
            self.since = self.clock()
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
