"""A scheduler tick reads the store a fixed number of times however many channels there are: the clock-set-back check
takes each channel's newest alert from the tick's one overview query, not from a query of its own."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import RecordingAdapter

T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)


class Counted:
    """Wraps the store's ``connect`` and ``begin``: every read and write goes through one of them."""

    def __init__(self, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        for name in ("connect", "begin"):
            monkeypatch.setattr(db, name, self.counting(getattr(db, name)))

    def counting(self, real: Callable[[], AbstractAsyncContextManager[AsyncConnection]]
                 ) -> Callable[[], AbstractAsyncContextManager[AsyncConnection]]:
        @asynccontextmanager
        async def counted() -> AsyncIterator[AsyncConnection]:
            self.calls += 1
            async with real() as conn:
                yield conn

        return counted


async def channels_with_alerts(db: Database, count: int) -> None:
    """``count`` channels briefed daily at 08:00, each with a breaking alert posted an hour ago (not ahead)."""
    store = ChannelStore(db)
    ledger = Delivery(db, Config(), {}).ledger
    for n in range(count):
        ref = ChannelRef("console", f"desk{n}")
        await store.ensure(ref, ChannelDefaults("daily 08:00", "Europe/London"), now=T0)
        slot = T0 + timedelta(hours=1, seconds=n)
        entry = await ledger.plan(ref.key, slot, kind="alert", cutoff=slot, story_ids=[], now=slot)
        assert entry is not None
        await ledger.complete(entry, message_ids=[f"m{n}"], now=slot)


async def reads_per_tick(db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> int:
    clock = ManualClock(T0 + timedelta(hours=2))
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter(clock=clock)}), clock)
    with monkeypatch.context() as patch:
        counted = Counted(db, patch)
        assert await scheduler.tick(clock()) == []  # nothing due at 02:00
    return counted.calls


@pytest.mark.parametrize("channels", [1, 40])
async def test_a_tick_reads_the_store_twice_whatever_the_number_of_channels(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch, channels: int) -> None:
    await channels_with_alerts(db, channels)
    assert await reads_per_tick(db, config, monkeypatch) == 2  # the channels, and the ledger's overview


async def test_the_one_channel_whose_alert_lies_ahead_is_still_taken_back(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    await channels_with_alerts(db, 12)
    clock = ManualClock(T0 + timedelta(hours=2))
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter(clock=clock)}), clock)
    ahead = T0 + timedelta(days=3)
    entry = await scheduler.ledger.plan("console:desk7", ahead, kind="alert", cutoff=ahead, story_ids=[], now=ahead)
    assert entry is not None
    await scheduler.ledger.complete(entry, message_ids=["m-ahead"], now=ahead)
    with caplog.at_level(logging.WARNING):
        assert await scheduler.tick(clock()) == []
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and said[0].startswith("channel console:desk7: ") and ahead.isoformat() in said[0]
    newest = [await scheduler.ledger.last_alert(f"console:desk{n}") for n in range(12)]
    assert newest[7] is not None and T0 + timedelta(hours=1, seconds=11) < newest[7] <= clock()  # taken back
    assert [t for n, t in enumerate(newest) if n != 7] == [
        T0 + timedelta(hours=1, seconds=n) for n in range(12) if n != 7]  # the others as they were
