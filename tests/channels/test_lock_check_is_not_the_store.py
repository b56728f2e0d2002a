"""A SQLite run-lock check opens only its lock file: it ends a store outage only once the store itself reads."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.run_lock import RunLock
from tests.channels.channel_fakes import RecordingAdapter

T0 = datetime(2032, 4, 12, 9, 0, tzinfo=UTC)
BRAMBLEFORD = ChannelRef("console", "brambleford")


@asynccontextmanager
async def disk_gone() -> AsyncIterator[object]:
    """Database.connect on a store whose disk fails."""
    raise OSError(5, "Input/output error")
    yield


async def test_a_sqlite_lock_check_says_the_store_is_back_only_once_it_reads(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    await ChannelStore(db).ensure(BRAMBLEFORD, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    lock = RunLock(db)
    await lock.acquire()  # the lock file beside the store: held, untouched by the outage
    try:
        scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), ManualClock(T0),
                              keep_lock=lock.keep)

        monkeypatch.setattr(db, "connect", disk_gone)
        with caplog.at_level(logging.INFO):
            await scheduler.sweep_job()  # the store fails: the outage starts
            await scheduler.lock_job()  # the lock file is fine, the store is not
            await scheduler.sweep_job()  # still failing
            during = [r.getMessage() for r in caplog.records]
            monkeypatch.undo()
            caplog.clear()
            await scheduler.lock_job()  # the store reads again: the lock check may say so
    finally:
        await lock.release()
    assert len(during) == 3 and not any("reachable again" in line for line in during)
    assert "store still unreachable (failure 2 since" in during[1] and "checking the run lock failed" in during[1]
    assert [r.getMessage() for r in caplog.records] == [
        "store reachable again after 3 failures (unreachable since 2032-04-12T09:00:00+00:00)"]
    assert scheduler.outage.current() is None


async def test_a_postgresql_lock_check_still_ends_an_outage(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []

    async def keep() -> bool:  # the PostgreSQL check asks the server on the lock's own session
        checked.append("asked")
        return False

    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), ManualClock(T0), keep_lock=keep)
    monkeypatch.setattr(db, "dialect", "postgresql")
    monkeypatch.setattr(db, "connect", disk_gone)  # not read again: the check itself asked the server
    scheduler.outage.failed("polling the sources", OSError(111, "Connect call failed"))
    await scheduler.lock_job()
    assert checked == ["asked"] and scheduler.outage.current() is None
