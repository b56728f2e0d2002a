"""Start-up says once, in one clean line, that a channel whose platform is not running gets no briefing in this
run, and arms no job for it that apscheduler would run (or skip) for nothing."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery, Outcome
from bot.models import ChannelRef
from bot.scheduler import Scheduler, outcome_log_line
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import RecordingAdapter

T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)  # far ahead of the wall clock: apscheduler fires nothing by itself
HARBOUR = ChannelRef("slack", "C0HARBOUR")


async def test_a_channel_of_a_platform_not_running_is_said_once_and_gets_no_job(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    await ChannelStore(db).ensure(HARBOUR, ChannelDefaults("every 1h", "UTC"), now=T0 - timedelta(hours=3))
    await ChannelStore(db).ensure(ChannelRef("console", "main"), ChannelDefaults("daily 08:00", "UTC"), now=T0)
    caplog.set_level(logging.INFO)
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock)
    await scheduler.start()
    try:
        jobs = scheduler.job_times()
        assert "deliver:slack:C0HARBOUR" not in jobs and "deliver:console:main" in jobs
        clock.advance(timedelta(minutes=1))
        await scheduler.sweep_job()
        await scheduler.channel_changed(HARBOUR)  # a command touching it: still no job, nothing said again
        assert "deliver:slack:C0HARBOUR" not in scheduler.job_times()
    finally:
        await scheduler.shutdown()
    lines = [r.getMessage() for r in caplog.records
             if "C0HARBOUR" in r.getMessage() or r.levelno >= logging.WARNING]
    assert lines == ["channel slack:C0HARBOUR: not delivered in this run: no slack adapter is running "
                     "(its briefings wait)"]


async def test_an_unfinished_briefing_of_a_platform_not_running_is_said_once_across_sweeps(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    await ChannelStore(db).ensure(HARBOUR, ChannelDefaults("every 1h", "UTC"), now=T0 - timedelta(hours=3))
    slot = T0 - timedelta(hours=1)
    entry = await DeliveryLedger(db).plan(HARBOUR.key, slot, kind="scheduled", cutoff=slot, story_ids=["s1"],
                                          now=slot)  # left unfinished by a run that had a slack adapter
    assert entry is not None
    caplog.set_level(logging.INFO)
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock)
    await scheduler.start()  # its catch-up tick meets the unfinished briefing
    try:
        for _ in range(2):
            clock.advance(timedelta(minutes=1))
            await scheduler.sweep_job()
    finally:
        await scheduler.shutdown()
    assert [r.getMessage() for r in caplog.records if "C0HARBOUR" in r.getMessage()] == [
        "channel slack:C0HARBOUR: not delivered in this run: no slack adapter is running (its briefings wait)"]


def test_a_delivery_outcome_is_logged_with_one_space_between_its_parts() -> None:
    slot = datetime(2031, 1, 6, 8, 0, tzinfo=UTC)
    assert outcome_log_line(Outcome("slack:C1", "no-adapter", detail="no slack adapter is running")) == \
        "channel slack:C1: no-adapter no slack adapter is running"
    assert outcome_log_line(Outcome("console:main", "delivered", slot, "3 stories")) == \
        "channel console:main: delivered 2031-01-06T08:00:00+00:00 3 stories"
    assert outcome_log_line(Outcome("console:main", "empty", slot)) == \
        "channel console:main: empty 2031-01-06T08:00:00+00:00"


async def test_the_channel_is_delivered_by_a_run_whose_platform_runs(db: Database, config: Config) -> None:
    await ChannelStore(db).ensure(HARBOUR, ChannelDefaults("every 1h", "UTC"), now=T0 - timedelta(hours=3))
    scheduler = Scheduler(Delivery(db, config, {"slack": RecordingAdapter()}), ManualClock(T0))
    await scheduler.start()
    try:
        assert "deliver:slack:C0HARBOUR" in scheduler.job_times()
    finally:
        await scheduler.shutdown()
