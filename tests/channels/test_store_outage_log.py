"""A store outage during `briefbot run`: one line per failing job (the first a WARNING), one when it is back."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.sources import SourceStore
from bot.store_outage import is_store_unreachable
from tests import pg
from tests.channels.channel_fakes import RecordingAdapter
from tests.pg_proxy import PgProxy, proxied_fresh_database

NAME = "briefbot_test_store_outage_log"
T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)
MAIN = ChannelRef("console", "main")


@pytest.fixture
async def proxy() -> AsyncIterator[PgProxy]:
    async with proxied_fresh_database(NAME) as running:
        yield running


async def _scheduler(db: Database, config: Config, clock: ManualClock) -> Scheduler:
    await ChannelStore(db).ensure(MAIN, ChannelDefaults("daily 08:00", "UTC"), now=T0)

    async def poll(now: datetime) -> object:
        return await SourceStore(db).list()

    return Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock, poll=poll)


async def _one_minute_of_jobs(scheduler: Scheduler, clock: ManualClock) -> None:
    await scheduler.sweep_job()
    await scheduler.poll_job()
    await scheduler.alert_rounds.idle()  # the poll job's alert round, in the background
    clock.advance(timedelta(minutes=1))


async def test_an_outage_is_one_line_per_failing_job_and_a_line_when_the_store_is_back(
        proxy: PgProxy, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    db = await Database.open(proxy.url(pg.db_name(NAME)))
    try:
        clock = ManualClock(T0)
        scheduler = await _scheduler(db, config, clock)
        await _one_minute_of_jobs(scheduler, clock)  # the store answers: nothing to say
        await proxy.stop()
        with caplog.at_level(logging.DEBUG):
            caplog.clear()
            for _minute in range(2):
                await _one_minute_of_jobs(scheduler, clock)
            down = [r for r in caplog.records if r.levelno >= logging.INFO]
            await proxy.start()
            caplog.clear()
            await _one_minute_of_jobs(scheduler, clock)
            back = [r for r in caplog.records if r.levelno >= logging.INFO]
    finally:
        await db.close()
    jobs = ["delivering due briefings", "polling the sources", "alert round"]
    assert [next(job for job in jobs if f": {job} failed" in r.getMessage()) for r in down] == jobs * 2
    assert [r.levelname for r in down] == ["WARNING"] + ["INFO"] * (len(down) - 1)
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in down)
    assert "store unreachable" in down[0].getMessage() and "Connect call failed" in down[0].getMessage()
    since = (T0 + timedelta(minutes=1)).isoformat()  # the first failing minute
    assert [r.getMessage() for r in back] == [
        f"store reachable again after {len(down)} failures (unreachable since {since})"]


async def test_an_error_that_is_not_the_store_keeps_its_traceback(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    async def poll(now: datetime) -> object:
        raise RuntimeError("a bug in a parser")

    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), ManualClock(T0), poll=poll)
    with caplog.at_level(logging.INFO):
        await scheduler.poll_job()
        await scheduler.alert_rounds.idle()
    failed = [r for r in caplog.records if r.getMessage() == "polling the sources failed"]
    assert len(failed) == 1 and failed[0].levelname == "ERROR" and failed[0].exc_info is not None
    assert scheduler.outage.failures == 0 and "store unreachable" not in caplog.text


async def _first_error(url: str, statement: str, **connect_args: object) -> BaseException:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url, connect_args=connect_args)
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text(statement))
    except Exception as exc:
        return exc
    finally:
        await engine.dispose()
    raise AssertionError(f"{statement!r} did not fail")


async def test_sqlite_bugs_are_not_an_outage_but_a_busy_or_unopenable_store_is(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'team.db'}"
    for bug in ("SELECT * FROM no_such_table", "SELECT no_such_column FROM sqlite_master", "SELEC 1"):
        assert not is_store_unreachable(await _first_error(url, bug)), bug
    holder = sqlite3.connect(tmp_path / "team.db")
    try:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN EXCLUSIVE")  # another process writing: SQLITE_BUSY at once with no wait
        busy = await _first_error(url, "SELECT * FROM t", timeout=0)
    finally:
        holder.close()
    assert "locked" in str(busy) and is_store_unreachable(busy)
    unopenable = await _first_error(f"sqlite+aiosqlite:///{tmp_path / 'no_such_dir' / 'team.db'}", "SELECT 1")
    assert "unable to open" in str(unopenable) and is_store_unreachable(unopenable)


async def test_postgresql_bugs_are_not_an_outage_but_an_ended_session_is() -> None:
    url = (await pg.fresh_database("briefbot_test_store_outage_kinds")).replace("postgresql:", "postgresql+asyncpg:")
    assert not is_store_unreachable(await _first_error(url, "SELECT * FROM no_such_table"))
    assert not is_store_unreachable(await _first_error(url, "SELECT 1 / 0"))
    ended = await _first_error(url, "SELECT pg_terminate_backend(pg_backend_pid())")  # as a server restart does
    assert is_store_unreachable(ended)


async def test_a_round_whose_every_channel_failed_on_the_store_does_not_say_it_is_back(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    scheduler = await _scheduler(db, config, ManualClock(T0))
    await scheduler.channels.set_alerts(MAIN, 2)
    monkeypatch.setattr(scheduler.delivery, "is_due", lambda *args: True)
    reading_the_store = scheduler.channels.get

    async def unreachable(ref: ChannelRef) -> object:
        raise OSError(111, "Connect call failed")

    with caplog.at_level(logging.INFO):
        monkeypatch.setattr(scheduler.channels, "get", unreachable)  # the round's reads pass, each channel's fails
        await scheduler.sweep_job()
        monkeypatch.setattr(scheduler.delivery, "is_due", lambda *args: False)
        await scheduler.alert_round()
        assert scheduler.outage.failures == 2 and "reachable again" not in caplog.text
        monkeypatch.setattr(scheduler.channels, "get", reading_the_store)
        await scheduler.alert_round()
    back = [r.getMessage() for r in caplog.records if "reachable again" in r.getMessage()]
    assert back == [f"store reachable again after 2 failures (unreachable since {T0.isoformat()})"]
