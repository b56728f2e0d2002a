"""A channel's job that a store outage left unarmed (its date job fired while the store was out) is armed again once
the store is back: its later slots come on time and /readyz's next briefing names it again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import Channel, ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import RecordingAdapter

# Far ahead of the wall clock, so apscheduler never fires a job by itself during the test.
T0 = datetime(2033, 5, 2, 0, 0, tzinfo=UTC)
HOLLOWAY = ChannelRef("console", "holloway")
JOB = "deliver:console:holloway"


async def test_a_channel_job_lost_to_an_outage_is_armed_again_by_the_next_sweep(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    await ChannelStore(db).ensure(HOLLOWAY, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock)
    await scheduler.start()
    try:
        assert scheduler.job_times()[JOB] == T0 + timedelta(hours=8)
        clock.set(T0 + timedelta(hours=8))
        scheduler._aps.remove_job(JOB)  # as apscheduler does with a date job once it fires
        reading_the_store = scheduler.channels.get

        async def unreachable(ref: ChannelRef) -> Channel | None:
            raise OSError(111, "Connect call failed")

        monkeypatch.setattr(scheduler.channels, "get", unreachable)
        await scheduler._run_channel(HOLLOWAY)  # the store is out at the slot: nothing delivered, nothing armed
        assert JOB not in scheduler.job_times()
        monkeypatch.setattr(scheduler.channels, "get", reading_the_store)
        clock.advance(timedelta(minutes=1))
        await scheduler.sweep_job()  # the store is back: the sweep delivers the slot, and arms the job again
        assert scheduler.job_times()[JOB] == T0 + timedelta(days=1, hours=8)
        assert scheduler.outage.current() is None
    finally:
        await scheduler.shutdown()


async def test_a_channel_job_whose_delivery_failed_is_not_armed_in_the_past(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    """Armed again at its undelivered slot, from inside its own run, apscheduler would skip it ("maximum number of
    running instances reached") and drop it: it is left to the sweep, which delivers the slot and arms the job."""
    await ChannelStore(db).ensure(HOLLOWAY, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock)
    await scheduler.start()
    try:
        clock.set(T0 + timedelta(hours=8))
        scheduler._aps.remove_job(JOB)  # as apscheduler does with a date job once it fires
        delivering = scheduler.delivery.deliver_due

        async def dropped(channel: Channel, now: datetime) -> list[object]:
            raise OSError(104, "Connection reset by peer")  # the store went away for this delivery only

        monkeypatch.setattr(scheduler.delivery, "deliver_due", dropped)
        await scheduler._run_channel(HOLLOWAY)
        assert all(when > clock() for when in scheduler.job_times().values() if when.year == T0.year)
        monkeypatch.setattr(scheduler.delivery, "deliver_due", delivering)
        clock.advance(timedelta(minutes=1))
        await scheduler.sweep_job()
        assert scheduler.job_times()[JOB] == T0 + timedelta(days=1, hours=8)
    finally:
        await scheduler.shutdown()


async def test_a_channel_of_a_platform_not_running_is_left_to_the_sweep(db: Database, config: Config) -> None:
    fogwell = ChannelRef("slack", "C0FOGWELL")  # no slack adapter runs: each slot stays due
    await ChannelStore(db).ensure(fogwell, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock)
    await scheduler.start()
    try:
        assert "deliver:slack:C0FOGWELL" not in scheduler.job_times()  # its platform is not running: no job
        clock.set(T0 + timedelta(hours=8))
        await scheduler._run_channel(fogwell)
        clock.advance(timedelta(minutes=1))
        await scheduler.sweep_job()
        assert "deliver:slack:C0FOGWELL" not in scheduler.job_times()  # never armed at a time already come
    finally:
        await scheduler.shutdown()
