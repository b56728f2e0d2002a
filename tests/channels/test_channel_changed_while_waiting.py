"""A channel waiting for a delivery slot (the others of the tick hold them all) is delivered as the store has it when
its turn comes, not as the tick read it: paused meanwhile, it gets nothing; its schedule changed meanwhile, the old
schedule's slot is not posted. Nothing sleeps: the first channel's post is held on an event the test releases."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests import pg
from tests.channels.test_channels_at_once import (
    FINE,
    LATER,
    SLOT,
    STUCK,
    HoldingAdapter,
    alert_due_in_both,
    bounded,
    three_channels,
)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The store on each backend (PostgreSQL: skipped where no server answers, see tests/pg.py)."""
    url = (f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_changed_while_waiting"))
    database = await Database.open(url)
    yield database
    await database.close()


async def held_tick(db: Database, config: Config) -> tuple[HoldingAdapter, asyncio.Task[object]]:
    """A tick at the 08:00 slot with room for one channel at a time, its first channel's post held: the other two
    wait for the slot it holds."""
    await three_channels(db)
    adapter = HoldingAdapter(held=frozenset({STUCK.key}))
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), ManualClock(SLOT), channels_at_once=1)
    tick: asyncio.Task[object] = asyncio.create_task(scheduler.tick(SLOT))
    await bounded(adapter.flag(adapter.entered, STUCK.key).wait())
    return adapter, tick


async def test_a_channel_paused_while_waiting_for_its_turn_gets_no_briefing(db: Database, config: Config) -> None:
    adapter, tick = await held_tick(db, config)
    await ChannelStore(db).set_paused(FINE, True, now=SLOT + timedelta(seconds=1))
    adapter.release.set()
    outcomes = await bounded(tick)
    assert isinstance(outcomes, list)
    assert f"start {FINE.key}" not in adapter.events
    assert [(o.channel, o.state) for o in outcomes] == [(STUCK.key, "delivered"), (LATER.key, "delivered")]
    assert await DeliveryLedger(db).entries(FINE.key) == []


async def test_a_schedule_changed_while_waiting_for_its_turn_posts_no_slot_of_the_old_one(
        db: Database, config: Config) -> None:
    adapter, tick = await held_tick(db, config)
    # "slots of the old schedule up to now are never due" (ChannelStore.set_schedule)
    await ChannelStore(db).set_schedule(FINE, now=SLOT + timedelta(seconds=1), schedule="daily 20:00")
    adapter.release.set()
    outcomes = await bounded(tick)
    assert isinstance(outcomes, list)
    assert f"start {FINE.key}" not in adapter.events
    assert [(o.channel, o.state) for o in outcomes] == [(STUCK.key, "delivered"), (LATER.key, "delivered")]
    assert await DeliveryLedger(db).entries(FINE.key) == []


async def test_a_channel_paused_while_waiting_for_its_alert_turn_gets_no_alert(db: Database, config: Config,
                                                                              tmp_path: Path) -> None:
    adapter, scheduler, at = await alert_due_in_both(db, config, tmp_path, channels_at_once=1)
    store = ChannelStore(db)
    rounds = asyncio.create_task(scheduler.alert_round(at))
    await bounded(adapter.flag(adapter.entered, STUCK.key).wait())
    await store.set_paused(FINE, True, now=at)
    adapter.release.set()
    outcomes = await bounded(rounds)
    assert [(o.channel, o.state) for o in outcomes] == [(STUCK.key, "delivered")]
    assert f"start {FINE.key}" not in adapter.events
