"""The run lock outlives a dropped store connection: taken again when the store is back, and a bot that lost it to
another `briefbot run` meanwhile stops with one clear error instead of running twice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.db import Database, StoreError
from bot.store.run_lock import RunLock, RunLockTaken
from tests import pg
from tests.pg_proxy import PgProxy, cut, proxied_fresh_database

NAME = "briefbot_test_run_lock_lost"
DIRECT = f"postgresql://postgres@{pg.PG_HOST}:{pg.PG_PORT}/{pg.db_name(NAME)}"  # a second bot, not behind the proxy
T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)  # far ahead of the wall clock: apscheduler fires nothing by itself


@pytest.fixture
async def proxy() -> AsyncIterator[PgProxy]:
    async with proxied_fresh_database(NAME) as running:
        yield running


async def test_the_lock_is_taken_again_when_the_store_is_back_and_still_keeps_a_second_bot_out(
        proxy: PgProxy) -> None:
    bot_db, other_db = await Database.open(proxy.url(pg.db_name(NAME))), await Database.open(DIRECT)
    try:
        lock = RunLock(bot_db)
        await lock.acquire()
        assert await lock.keep() is False  # held: nothing to do
        await cut(proxy, NAME)
        with pytest.raises(OSError):  # the store does not answer yet: the next check tries again
            await lock.keep()
        await proxy.start()
        assert await lock.keep() is True
        assert await lock.keep() is False
        with pytest.raises(StoreError, match="another `briefbot run` is already using"):
            await RunLock(other_db).acquire()
        await lock.release()
    finally:
        await bot_db.close()
        await other_db.close()


async def test_a_bot_whose_lock_another_run_took_meanwhile_stops_its_scheduler(
        proxy: PgProxy, tmp_path: Path) -> None:
    bot_db, other_db = await Database.open(proxy.url(pg.db_name(NAME))), await Database.open(DIRECT)
    try:
        lock, other = RunLock(bot_db), RunLock(other_db)
        await lock.acquire()
        scheduler = Scheduler(Delivery(bot_db, Config(), {}), ManualClock(T0), keep_lock=lock.keep)
        await cut(proxy, NAME)
        await other.acquire()  # a second `briefbot run` started while the first could not reach the store
        await proxy.start()
        await scheduler.lock_job()
        assert scheduler.stopping.is_set() and isinstance(scheduler.stop_reason, RunLockTaken)
        assert "another `briefbot run` took it meanwhile" in str(scheduler.stop_reason)
        await lock.release()
        await other.release()
    finally:
        await bot_db.close()
        await other_db.close()


async def test_briefbot_run_stops_with_one_error_when_another_run_took_its_lock(tmp_path: Path) -> None:
    from bot.cli_run_bot import _serve

    store = tmp_path / "team.db"
    bot_db, other_db = await Database.open(str(store)), await Database.open(str(store))
    try:
        lock = RunLock(bot_db)
        await lock.acquire()
        scheduler = Scheduler(Delivery(bot_db, Config(), {}), ManualClock(T0), keep_lock=lock.keep)
        (tmp_path / "team.db.run.lock").unlink()  # SQLite's lock is lost only with its file
        other = RunLock(other_db)
        await other.acquire()  # a second bot started meanwhile
        await scheduler.lock_job()  # as its job does every LOCK_CHECK_EVERY
        assert scheduler.stopping.is_set()  # else _serve would wait for a signal
        with pytest.raises(RunLockTaken, match="another `briefbot run` now holds it"):
            await _serve(scheduler, [], None)  # raised after stopping its adapters: the CLI's one line, exit 3
        assert "run-lock" in scheduler.job_times()  # the check is one of the run's jobs
        await scheduler.shutdown()
        await other.release()
    finally:
        await bot_db.close()
        await other_db.close()


async def test_a_deleted_sqlite_lock_file_is_taken_again(tmp_path: Path) -> None:
    store = tmp_path / "team.db"
    bot_db, other_db = await Database.open(str(store)), await Database.open(str(store))
    try:
        lock = RunLock(bot_db)
        await lock.acquire()
        (tmp_path / "team.db.run.lock").unlink()
        assert await lock.keep() is True
        with pytest.raises(StoreError, match="another `briefbot run` is already using"):
            await RunLock(other_db).acquire()
        await lock.release()
    finally:
        await bot_db.close()
        await other_db.close()
