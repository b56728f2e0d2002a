"""Channels delivered at the same time: one whose post hangs does not hold back the others of a tick, an alert
round or the start-up catch-up; outcomes still come in channel order. Nothing sleeps: a post is held on an
``asyncio.Event`` the test releases."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from bot.adapter import PostError
from bot.clock import ManualClock
from bot.commands.base import Dispatch
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Briefing, ChannelRef
from bot.scheduler import CHANNELS_AT_ONCE, Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story
from tests.channels.test_followups import DAY1, FIRE_A, FIRE_B, FIRE_E, World

T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)  # far ahead of the wall clock: apscheduler never fires a job itself
SLOT = T0 + timedelta(hours=8)
STUCK = ChannelRef("console", "a-stuck")  # first in channel order (the store orders channels by key)
FINE = ChannelRef("console", "b-fine")
LATER = ChannelRef("console", "c-later")
T = TypeVar("T")


async def bounded(waiting: Awaitable[T]) -> T:
    """A failing test must not hang the run: the bound is never reached when the code is right (the test waits on
    events the code sets, not on time)."""
    return await asyncio.wait_for(waiting, 30)


@dataclass
class HoldingAdapter:
    """A console adapter whose posts to the ``held`` channels wait for ``release``; every post is recorded as it
    starts and as it ends, and ``done[key]`` is set when that channel's post has returned."""

    held: frozenset[str] = frozenset()
    name: str = "console"
    release: asyncio.Event = field(default_factory=asyncio.Event)
    entered: dict[str, asyncio.Event] = field(default_factory=dict)
    done: dict[str, asyncio.Event] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    errors: dict[str, PostError] = field(default_factory=dict)

    def flag(self, flags: dict[str, asyncio.Event], key: str) -> asyncio.Event:
        return flags.setdefault(key, asyncio.Event())

    async def run(self, dispatch: Dispatch) -> None:
        return None

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        self.events.append(f"start {channel.key}")
        self.flag(self.entered, channel.key).set()
        if channel.key in self.held:
            await self.release.wait()
        self.events.append(f"end {channel.key}")
        self.flag(self.done, channel.key).set()
        if channel.key in self.errors:
            raise self.errors[channel.key]
        return [f"{key}#0"]

    async def notify(self, channel: ChannelRef, text: str) -> None:
        return None

    async def close(self) -> None:
        return None


async def three_channels(db: Database) -> None:
    store = ChannelStore(db)
    for ref in (STUCK, FINE, LATER):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(db, "s1", text="The ferry timetable changed for the winter. Two crossings were dropped.",
                    title="Ferry timetable", now=T0 + timedelta(hours=1))


async def test_a_hanging_post_does_not_hold_back_the_other_channels_of_the_tick(db: Database, config: Config) -> None:
    await three_channels(db)
    adapter = HoldingAdapter(held=frozenset({STUCK.key}))
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), ManualClock(SLOT))
    tick = asyncio.create_task(scheduler.tick(SLOT))
    await bounded(adapter.flag(adapter.done, FINE.key).wait())  # posted while the first channel still hangs
    await bounded(adapter.flag(adapter.done, LATER.key).wait())
    assert not tick.done() and not adapter.flag(adapter.done, STUCK.key).is_set()
    adapter.release.set()
    outcomes = await bounded(tick)
    assert [(o.channel, o.state) for o in outcomes] == [
        (STUCK.key, "delivered"), (FINE.key, "delivered"), (LATER.key, "delivered")]  # in channel order
    assert adapter.events[-1] == f"end {STUCK.key}"


async def test_one_channels_failure_or_exception_leaves_the_others_delivered(db: Database, config: Config) -> None:
    await three_channels(db)
    adapter = HoldingAdapter(errors={FINE.key: PostError(FINE, "retryable", "HTTP 503")})
    delivery = Delivery(db, config, {"console": adapter})
    broken = delivery.deliver_due

    async def deliver_due(channel: object, now: datetime) -> object:
        if getattr(channel, "key", "") == STUCK.key:
            raise RuntimeError("a bug in one channel's delivery")
        return await broken(channel, now)  # type: ignore[arg-type]

    delivery.deliver_due = deliver_due  # type: ignore[assignment,method-assign]
    outcomes = await Scheduler(delivery, ManualClock(SLOT)).tick(SLOT)
    assert [(o.channel, o.state) for o in outcomes] == [
        (STUCK.key, "error"), (FINE.key, "retry"), (LATER.key, "delivered")]


async def test_at_most_the_bound_of_channels_post_at_once(db: Database, config: Config) -> None:
    """With room for one channel at a time, the tick is as before: one channel's post ends before the next
    starts, whatever the hold."""
    await three_channels(db)
    adapter = HoldingAdapter(held=frozenset({STUCK.key}))
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), ManualClock(SLOT), channels_at_once=1)
    tick = asyncio.create_task(scheduler.tick(SLOT))
    await bounded(adapter.flag(adapter.entered, STUCK.key).wait())
    adapter.release.set()
    outcomes = await bounded(tick)
    assert [o.state for o in outcomes] == ["delivered"] * 3
    starts = [i for i, e in enumerate(adapter.events) if e.startswith("start")]
    ends = [i for i, e in enumerate(adapter.events) if e.startswith("end")]
    assert all(end < start for end, start in zip(ends, starts[1:], strict=False))  # never two posts at once


async def test_the_start_up_catch_up_does_not_wait_for_a_hanging_channel(db: Database, config: Config) -> None:
    await three_channels(db)
    adapter = HoldingAdapter(held=frozenset({STUCK.key}))
    clock = ManualClock(SLOT + timedelta(minutes=5))  # restarted a little after the slot: start() catches up
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), clock)
    started = asyncio.create_task(scheduler.start())
    try:
        await bounded(adapter.flag(adapter.done, FINE.key).wait())
        await bounded(adapter.flag(adapter.done, LATER.key).wait())
        assert not started.done() and not adapter.flag(adapter.done, STUCK.key).is_set()
        adapter.release.set()
        await bounded(started)
        assert adapter.flag(adapter.done, STUCK.key).is_set() and scheduler.running
    finally:
        adapter.release.set()
        await bounded(started)
        await scheduler.shutdown()


async def test_an_alert_round_does_not_wait_for_a_hanging_channel(db: Database, config: Config,
                                                                  tmp_path: Path) -> None:
    adapter, scheduler, at = await alert_due_in_both(db, config, tmp_path)
    rounds = asyncio.create_task(scheduler.alert_round(at))
    await bounded(adapter.flag(adapter.done, FINE.key).wait())
    assert not rounds.done() and not adapter.flag(adapter.done, STUCK.key).is_set()
    adapter.release.set()
    outcomes = await bounded(rounds)
    assert [(o.channel, o.state) for o in outcomes] == [(STUCK.key, "delivered"), (FINE.key, "delivered")]


async def alert_due_in_both(db: Database, config: Config, tmp_path: Path,
                            channels_at_once: int = CHANNELS_AT_ONCE) -> tuple[HoldingAdapter, Scheduler, datetime]:
    """STUCK and FINE alert at 3 outlets; a story reaches its third outlet, so an alert is due in both at the
    time returned; STUCK's post will be held."""
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    for ref in (STUCK, FINE):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
        await store.set_alerts(ref, 3)
    adapter = HoldingAdapter()
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), world.clock, channels_at_once=channels_at_once)
    # the 08:00 briefings first (nothing to say yet): an alert never comes while a briefing is due
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["empty", "empty"]
    await world.ingest(DAY1 + timedelta(hours=9), FIRE_A, FIRE_B)
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_E)  # the third outlet: an alert is due in both
    adapter.held = frozenset({STUCK.key})
    return adapter, scheduler, DAY1 + timedelta(hours=10, minutes=5)
