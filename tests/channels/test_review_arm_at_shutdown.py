"""Review finding: a chat command that changes a channel while `briefbot run` stops (``channel_changed`` reading
the store as ``shutdown`` drops the apscheduler) must not fail on the scheduler that is gone: nothing is left to
arm, and the command's change is in the store for the next start."""

from __future__ import annotations

from datetime import UTC, datetime

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
T0 = datetime(2033, 6, 6, 0, 0, tzinfo=UTC)
ASHBY = ChannelRef("console", "ashby")


async def test_a_channel_change_answered_during_the_stop_does_not_raise(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    await ChannelStore(db).ensure(ASHBY, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), ManualClock(T0))
    await scheduler.start()
    reading = scheduler.channels.get

    async def stopping_meanwhile(ref: ChannelRef) -> Channel | None:
        channel = await reading(ref)
        await scheduler.shutdown()  # SIGTERM arrives while the command's change is read back
        return channel

    monkeypatch.setattr(scheduler.channels, "get", stopping_meanwhile)
    await scheduler.channel_changed(ASHBY)
    assert scheduler.job_times() == {}
