"""`briefbot run` prunes once a day when keep_days > 0; a failing prune is one log line and the bot goes on."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.cli_retention import prune_job
from bot.clock import ManualClock
from bot.config import Config, DatabaseConfig
from bot.delivery import Delivery
from bot.scheduler import PRUNE_FIRST_AFTER, Scheduler
from bot.store.db import Database
from bot.store.stories import StoryStore
from tests.channels.channel_fakes import RecordingAdapter, add_story

# Far ahead of the wall clock, so apscheduler never fires a job by itself during the test.
T0 = datetime(2031, 6, 2, 6, 0, tzinfo=UTC)


def keeping(config: Config, days: int) -> Config:
    return replace(config, database=DatabaseConfig(keep_days=days))


@pytest.mark.parametrize("days", [7, 90])
async def test_a_daily_prune_job_is_registered_when_keep_days_is_set(db: Database, config: Config, days: int) -> None:
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock,
                          prune=prune_job(keeping(config, days), db))
    await scheduler.start()
    try:
        jobs = scheduler.job_times()
        assert jobs["prune"] == T0 + PRUNE_FIRST_AFTER and "sweep" in jobs
        job = scheduler._aps.get_job("prune")
        assert job.trigger.interval == timedelta(days=1)
    finally:
        await scheduler.shutdown()


async def test_no_prune_job_when_keep_days_is_zero(db: Database, config: Config) -> None:
    job = prune_job(keeping(config, 0), db)
    assert job is None
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), ManualClock(T0), prune=job)
    await scheduler.start()
    try:
        assert "prune" not in scheduler.job_times() and "sweep" in scheduler.job_times()
    finally:
        await scheduler.shutdown()


async def test_the_prune_job_removes_what_is_past_retention(db: Database, config: Config) -> None:
    await add_story(db, "old", text="The canal lock was rebuilt in stone. Barges queued for a week.", title="Lock",
                    now=T0 - timedelta(days=40))
    await add_story(db, "new", text="A footbridge over the canal opened. Cyclists may use it.", title="Footbridge",
                    now=T0 - timedelta(days=1))
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock,
                          prune=prune_job(keeping(config, 30), db))
    await scheduler.prune_once()
    stories = StoryStore(db)
    assert await stories.get("old") is None and await stories.get("new") is not None
    clock.advance(timedelta(days=30))  # a month on, the next daily run takes the other one
    await scheduler.prune_once()
    assert await stories.get("new") is None


async def test_a_failing_prune_logs_one_line_and_the_bot_carries_on(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    seen: list[datetime] = []

    async def broken(now: datetime) -> object:
        seen.append(now)
        raise RuntimeError("database is locked\n[SQL: DELETE FROM articles ...]")

    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), ManualClock(T0), prune=broken)
    with caplog.at_level(logging.INFO, logger="bot.scheduler"):
        await scheduler.prune_once()  # does not raise
    assert seen == [T0]
    [record] = [r for r in caplog.records if r.name == "bot.scheduler"]
    assert record.levelno == logging.ERROR and record.exc_info is None
    message = record.getMessage()
    assert message.startswith("pruning old stories failed") and "database is locked" in message
    assert "\n" not in message
    assert await scheduler.tick(T0) == []  # the scheduler still works
