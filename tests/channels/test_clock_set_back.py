"""A clock that ran ahead and was set back: the slots and watermark stored while it was ahead are taken back to
the clock's now (one WARNING), so the next real slot runs and carries what came in since, none of it twice."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import RecordingAdapter, add_story

T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)  # a Monday; London is on UTC in January
LDN = ChannelRef("console", "ldn")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path}/store.db")
    yield database
    await database.close()


def config() -> Config:
    return Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        scheduler=SchedulerConfig(catch_up_grace="6h"),
    )


async def test_a_forward_jump_then_a_correction_loses_no_briefing_and_no_story(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    await ChannelStore(db).ensure(LDN, ChannelDefaults("daily 08:00", "Europe/London"), now=T0)
    clock = ManualClock(T0)
    adapter = RecordingAdapter(clock=clock)
    scheduler = Scheduler(Delivery(db, config(), {"console": adapter}), clock)

    async def tick(at: datetime) -> list[tuple[str, datetime | None]]:
        clock.set(at)
        return [(o.state, o.slot) for o in await scheduler.tick(at)]

    await add_story(
        db, "lock", text="The Quarnby lock flooded. Barges waited.", title="Lock", now=T0 + timedelta(hours=2)
    )
    assert await tick(T0 + timedelta(hours=8)) == [("delivered", T0 + timedelta(hours=8))]
    # at noon the clock jumps two days ahead, and is set right ten minutes later
    jumped = await tick(T0 + timedelta(days=2, hours=8, minutes=5))
    assert jumped == [("empty", T0 + timedelta(days=2, hours=8))]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert await tick(T0 + timedelta(hours=12, minutes=10)) == []
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and "console:ldn" in said[0] and "2031-01-08T08:00:00+00:00" in said[0]
    assert "2031-01-06T12:10:00+00:00" in said[0]

    stored = {"b0": 13, "b1": 20, "b2": 30, "b3": 40}  # hours after T0: the next day and a half
    for story, hour in list(stored.items())[:3]:
        await add_story(
            db,
            story,
            text=f"A barge named {story} passed the Quarnby canal. Boats moved.",
            title=f"Canal {story}",
            now=T0 + timedelta(hours=hour),
        )
    assert await tick(T0 + timedelta(days=1, hours=8, minutes=1)) == [("delivered", T0 + timedelta(days=1, hours=8))]
    await add_story(
        db,
        "b3",
        text="A barge named b3 passed the Quarnby canal. Boats moved.",
        title="Canal b3",
        now=T0 + timedelta(hours=40),
    )
    assert await tick(T0 + timedelta(days=2, hours=8, minutes=1)) == [("delivered", T0 + timedelta(days=2, hours=8))]
    assert await tick(T0 + timedelta(days=3, hours=8, minutes=1)) == [("empty", T0 + timedelta(days=3, hours=8))]
    posted = [set(p.story_ids) for p in adapter.posts]
    assert posted == [{"lock"}, {"b0", "b1", "b2"}, {"b3"}]  # each once, at the first real slot after it came


async def test_a_clock_that_never_jumped_is_left_alone(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    await ChannelStore(db).ensure(LDN, ChannelDefaults("daily 08:00", "Europe/London"), now=T0)
    clock = ManualClock(T0)
    adapter = RecordingAdapter(clock=clock)
    scheduler = Scheduler(Delivery(db, config(), {"console": adapter}), clock)
    await add_story(
        db, "lock", text="The Quarnby lock flooded. Barges waited.", title="Lock", now=T0 + timedelta(hours=2)
    )
    with caplog.at_level(logging.WARNING):
        for hours in (8, 9, 12, 32):
            clock.set(T0 + timedelta(hours=hours))
            await scheduler.tick(clock())
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert [set(p.story_ids) for p in adapter.posts] == [{"lock"}]


async def test_a_briefing_posted_while_the_clock_was_ahead_is_kept_and_not_posted_again(db: Database) -> None:
    await ChannelStore(db).ensure(LDN, ChannelDefaults("daily 08:00", "Europe/London"), now=T0)
    clock = ManualClock(T0 + timedelta(days=2, hours=8, minutes=5))  # ahead by two days from the start
    adapter = RecordingAdapter(clock=clock)
    scheduler = Scheduler(Delivery(db, config(), {"console": adapter}), clock)
    await add_story(db, "weir", text="The Pellby weir was mended. Anglers came back.", title="Weir", now=clock())
    assert [o.state for o in await scheduler.tick(clock())] == ["delivered"]
    clock.set(T0 + timedelta(hours=6))  # set right
    assert await scheduler.tick(clock()) == []
    entries = await scheduler.ledger.entries(LDN.key)
    assert [(e.state, e.story_ids) for e in entries] == [("delivered", ("weir",))]
    assert entries[0].slot < clock()  # counted as the channel's newest slot, before now
    assert await scheduler.delivery.ledger.story_delivery(LDN.key, "weir") is not None
    await add_story(
        db, "mill", text="The Pellby mill reopened. Flour was sold.", title="Mill", now=T0 + timedelta(hours=7)
    )
    clock.set(T0 + timedelta(hours=8, minutes=1))
    assert [(o.state, o.slot) for o in await scheduler.tick(clock())] == [("delivered", T0 + timedelta(hours=8))]
    assert [p.story_ids for p in adapter.posts] == [("weir",), ("mill",)]


async def test_a_manual_post_after_the_clock_was_set_back_takes_this_second(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """`briefbot post` before any tick: the slot stored ahead is taken back first, so the post's slot is now."""
    await ChannelStore(db).ensure(LDN, ChannelDefaults("daily 08:00", "Europe/London"), now=T0)
    clock = ManualClock(T0 + timedelta(days=2, hours=8, minutes=5))  # ahead by two days
    adapter = RecordingAdapter(clock=clock)
    delivery = Delivery(db, config(), {"console": adapter})
    await add_story(db, "ford", text="The Tallow ford was paved. Carts crossed.", title="Ford", now=clock())
    assert [o.state for o in await Scheduler(delivery, clock).tick(clock())] == ["delivered"]
    clock.set(T0 + timedelta(hours=12, minutes=30, seconds=7))  # set right; no tick yet
    await add_story(db, "quay", text="The Tallow quay was widened. Ferries docked.", title="Quay", now=clock())
    channel = await ChannelStore(db).get(LDN)
    assert channel is not None
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        outcome = await delivery.post_now(channel, clock())
    assert (outcome.state, outcome.slot) == ("delivered", clock())
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and "console:ldn" in said[0] and "2031-01-08T08:00:00+00:00" in said[0]
    assert [p.story_ids for p in adapter.posts] == [("ford",), ("quay",)]
    slots = [e.slot for e in await delivery.ledger.entries(LDN.key)]
    assert all(s <= clock() for s in slots)


async def test_a_breaking_alert_stored_ahead_of_the_clock_is_taken_back(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A channel whose only row ahead is an alert's: corrected too, so alerts are not held back for the jump."""
    await ChannelStore(db).ensure(LDN, ChannelDefaults("daily 08:00", "Europe/London"), now=T0)
    ahead = T0 + timedelta(days=3, hours=2)
    await add_story(db, "dam", text="The Caddow dam held. Fields stayed dry.", title="Dam", now=T0)
    scheduler = Scheduler(Delivery(db, config(), {"console": RecordingAdapter()}), ManualClock(T0))
    ledger = scheduler.delivery.ledger
    entry = await ledger.plan(LDN.key, ahead, kind="alert", cutoff=ahead, story_ids=["dam"], now=ahead)
    assert entry is not None
    await ledger.complete(entry, message_ids=["m1"], now=ahead)
    now = T0 + timedelta(hours=5)
    with caplog.at_level(logging.WARNING):
        assert await scheduler.tick(now) == []
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and "console:ldn" in said[0] and "2031-01-09T02:00:00+00:00" in said[0]
    last = await ledger.last_alert(LDN.key)
    assert last is not None and last < now
    assert await ledger.story_delivery(LDN.key, "dam") is not None  # still shown to the channel: not posted again


async def test_a_schedule_changed_while_the_clock_was_ahead_starts_from_now(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """The schedule's start (``slots_from``, set when it changes) written two days ahead would hold back every slot
    until then: it is taken back like the others (docs/DEPLOY.md)."""
    store = ChannelStore(db)
    await store.ensure(LDN, ChannelDefaults("daily 08:00", "Europe/London"), now=T0)
    await store.set_schedule(LDN, now=T0 + timedelta(days=2, hours=3), schedule="daily 08:00")
    clock = ManualClock(T0 + timedelta(hours=7))
    scheduler = Scheduler(Delivery(db, config(), {"console": RecordingAdapter(clock=clock)}), clock)
    with caplog.at_level(logging.WARNING):
        assert await scheduler.tick(clock()) == []
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and "slots from 2031-01-08T03:00:00+00:00" in said[0]
    clock.set(T0 + timedelta(hours=8, minutes=1))
    assert [(o.state, o.slot) for o in await scheduler.tick(clock())] == [("empty", T0 + timedelta(hours=8))]
