"""A channel whose post goes on past the delivery deadline stops holding one of the channels-at-once turns: the
tick leaves it to finish on its own and delivers every other channel. Nothing sleeps: the deadline is an injected
wait that ends for the stuck channels once they are posting, and their posts are held on an ``asyncio.Event``."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, ConfigError, SchedulerConfig, parse_config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story
from tests.channels.test_channels_at_once import SLOT, T0, HoldingAdapter, bounded

CHANNELS = [ChannelRef("console", f"pier-{i:03d}") for i in range(60)]
STUCK = frozenset(ref.key for ref in CHANNELS[3:7])  # four stuck early in channel order: every turn taken


async def sixty_channels(db: Database) -> None:
    store = ChannelStore(db)
    for ref in CHANNELS:
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(
        db,
        "s1",
        text="The Ostrel pier reopened after repairs. Anglers queued at dawn.",
        title="Pier reopens",
        now=T0 + timedelta(hours=1),
    )


def stuck_run_over(adapter: HoldingAdapter) -> object:
    async def overdue(key: str) -> None:
        if key in adapter.held:  # the deadline passes while it posts
            await adapter.flag(adapter.entered, key).wait()
        else:  # done well within it
            await asyncio.Event().wait()

    return overdue


async def test_four_stuck_channels_do_not_hold_back_the_other_fifty_six(db: Database, config: Config) -> None:
    await sixty_channels(db)
    adapter = HoldingAdapter(held=STUCK)
    scheduler = Scheduler(
        Delivery(db, config, {"console": adapter}),
        ManualClock(SLOT),
        channels_at_once=4,
        overdue=stuck_run_over(adapter),
    )  # type: ignore[arg-type]
    outcomes = await bounded(scheduler.tick(SLOT))
    states = {o.channel: o.state for o in outcomes}
    assert {key for key, state in states.items() if state == "delivered"} == {r.key for r in CHANNELS} - STUCK
    assert {key for key, state in states.items() if state == "overdue"} == STUCK
    assert not any(adapter.flag(adapter.done, key).is_set() for key in STUCK)
    # the next sweep neither waits for them nor starts them again
    assert await bounded(scheduler.tick(SLOT + timedelta(minutes=1))) == []
    assert sorted(e for e in adapter.events if e.startswith("start")) == sorted(f"start {r.key}" for r in CHANNELS)
    going_on = [scheduler.turns.overrunning[key] for key in sorted(STUCK)]
    adapter.release.set()  # their posts end on their own, each recorded as delivered
    finished = await bounded(asyncio.gather(*going_on))
    assert [[(o.channel, o.state) for o in outcomes] for outcomes in finished] == [
        [(key, "delivered")] for key in sorted(STUCK)
    ]
    assert scheduler.turns.overrunning == {}
    ledger = DeliveryLedger(db)
    for ref in CHANNELS:
        assert await ledger.last_slot(ref.key) == SLOT
        assert await ledger.unfinished(ref.key) == []
    assert len(adapter.events) == 2 * len(CHANNELS)  # each channel posted once


async def test_an_overdue_channels_failed_post_is_retried_as_any_failed_slot(db: Database, config: Config) -> None:
    from bot.adapter import PostError

    await sixty_channels(db)
    stuck = CHANNELS[3]
    adapter = HoldingAdapter(held=frozenset({stuck.key}), errors={stuck.key: PostError(stuck, "retryable", "HTTP 504")})
    scheduler = Scheduler(
        Delivery(db, config, {"console": adapter}), ManualClock(SLOT), overdue=stuck_run_over(adapter)
    )  # type: ignore[arg-type]
    first = await bounded(scheduler.tick(SLOT))
    assert [o.state for o in first if o.channel == stuck.key] == ["overdue"]
    going_on = scheduler.turns.overrunning[stuck.key]
    adapter.release.set()
    assert [o.state for o in await bounded(going_on)] == ["retry"]  # its delivery recorded the failure
    assert stuck.key not in scheduler.turns.overrunning
    adapter.errors.clear()
    adapter.held = frozenset()
    later = SLOT + timedelta(minutes=30)
    assert [(o.channel, o.state) for o in await bounded(scheduler.tick(later))] == [(stuck.key, "delivered")]


async def test_the_turns_and_the_deadline_are_settings(db: Database) -> None:
    config = Config(
        briefing=BriefingConfig(timezone="UTC"), scheduler=SchedulerConfig(channels_at_once=9, delivery_deadline="45s")
    )
    scheduler = Scheduler(Delivery(db, config, {}), ManualClock(SLOT))
    assert scheduler.turns.at_once == 9
    assert scheduler.turns.deadline == 45.0


def test_settings_out_of_range_stop_start_up_naming_their_key() -> None:
    with pytest.raises(ConfigError) as bad:
        parse_config({"scheduler": {"channels_at_once": 0, "delivery_deadline": "soon"}}, {})
    assert "scheduler.channels_at_once" in str(bad.value)
    assert "scheduler.delivery_deadline" in str(bad.value)
