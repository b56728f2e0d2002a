"""Alert rounds off the polling path: a post that hangs does not hold back the next poll, a round asked for while
one runs comes after it and reads what is new, each alert goes out once, and stopping waits (bounded) or cancels.
Nothing sleeps: posts and rounds are held on ``asyncio.Event``s the tests release, times come from a ManualClock."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.alert_rounds import AlertRounds
from bot.config import Config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import ALERT, DeliveryLedger
from tests.channels.test_channels_at_once import FINE, STUCK, HoldingAdapter, bounded
from tests.channels.test_followups import DAY1, FIRE_A, FIRE_B, FIRE_E, FIRE_F, World


def asked(rounds: AlertRounds[int]) -> tuple[asyncio.Task[int], asyncio.Event]:
    """``rounds.run()`` in a task, and an event set once it has asked (run() asks before its first wait)."""
    flag = asyncio.Event()

    async def ask() -> int:
        flag.set()
        return await rounds.run()

    return asyncio.create_task(ask()), flag


class HeldRounds:
    """A round function that records each round's start and end, and whose rounds wait for ``release``."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started = asyncio.Event()
        self.events: list[str] = []
        self.running = 0
        self.most_at_once = 0
        self.error: Exception | None = None

    async def round(self) -> int:
        number = sum(e.startswith("start") for e in self.events) + 1
        self.events.append(f"start {number}")
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        self.started.set()
        try:
            await self.release.wait()
        finally:
            self.running -= 1
            self.events.append(f"end {number}")
        if self.error is not None:
            raise self.error
        return number


async def test_requests_while_a_round_runs_make_one_more_round_after_it() -> None:
    held = HeldRounds()
    rounds = AlertRounds(held.round)
    rounds.request()  # returns at once: the round runs in the background
    await bounded(held.started.wait())
    rounds.request()
    rounds.request()
    waiting, asking = asked(rounds)  # served by the round after the running one, not by it
    await bounded(asking.wait())
    assert held.events == ["start 1"] and rounds.busy
    held.release.set()
    assert await bounded(waiting) == 2
    await bounded(rounds.idle())
    assert held.events == ["start 1", "end 1", "start 2", "end 2"]  # three requests, one more round
    assert held.most_at_once == 1


async def test_run_raises_what_its_round_raised_and_the_next_request_still_runs() -> None:
    held = HeldRounds()
    held.release.set()
    held.error = RuntimeError("the store went away")
    rounds = AlertRounds(held.round)
    with pytest.raises(RuntimeError, match="the store went away"):
        await bounded(rounds.run())
    held.error = None
    assert await bounded(rounds.run()) == 2


async def test_a_waiter_that_gives_up_does_not_stop_the_round() -> None:
    held = HeldRounds()
    rounds = AlertRounds(held.round)
    waiting = asyncio.create_task(rounds.run())
    await bounded(held.started.wait())
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    held.release.set()
    await bounded(rounds.idle())
    assert held.events == ["start 1", "end 1"]


async def test_close_lets_a_released_round_finish_and_takes_no_more_requests() -> None:
    held = HeldRounds()
    rounds = AlertRounds(held.round)
    waiting = asyncio.create_task(rounds.run())
    await bounded(held.started.wait())
    held.release.set()
    await bounded(rounds.close(grace=30))  # returns as soon as the round has ended, not after the grace
    assert await bounded(waiting) == 1
    rounds.request()
    assert not rounds.busy and held.events == ["start 1", "end 1"]
    with pytest.raises(RuntimeError, match="stopped"):
        await rounds.run()


async def test_close_cancels_a_round_still_held_after_the_grace() -> None:
    held = HeldRounds()
    rounds = AlertRounds(held.round)
    rounds.request()
    await bounded(held.started.wait())
    waiting, asking = asked(rounds)  # asked for during the held round: it will not come
    await bounded(asking.wait())
    await bounded(rounds.close(grace=0))
    assert held.events == ["start 1", "end 1"] and not rounds.busy  # cancelled, and its cleanup ran
    with pytest.raises(asyncio.CancelledError):
        await bounded(waiting)


async def two_alerting_channels(db: Database, config: Config, tmp_path: Path,
                                adapter: HoldingAdapter) -> tuple[World, Scheduler, list[asyncio.Event]]:
    """STUCK alerts at three outlets, FINE at four; the 08:00 briefings are out of the way; the port fire has
    two outlets. The scheduler's poll stores the next of two batches each time: the third outlet (due in STUCK),
    then a fourth (due in FINE)."""
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    for ref, outlets in ((STUCK, 3), (FINE, 4)):
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
        await store.set_alerts(ref, outlets)
    polled = [asyncio.Event(), asyncio.Event()]  # set when each poll has stored its batch
    batches = [(DAY1 + timedelta(hours=10), FIRE_E), (DAY1 + timedelta(hours=10, minutes=10), FIRE_F)]

    async def poll(now: datetime) -> None:
        done = sum(e.is_set() for e in polled)
        at, record = batches[done]
        await world.ingest(at, record)
        polled[done].set()

    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), world.clock, poll=poll)
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["empty", "empty"]
    await world.ingest(DAY1 + timedelta(hours=9), FIRE_A, FIRE_B)
    return world, scheduler, polled


async def alerts_of(db: Database, channel: str) -> list[str]:
    return [e.state for e in await DeliveryLedger(db).entries(channel) if e.kind == ALERT]


async def test_a_held_alert_post_does_not_stop_the_next_poll_and_goes_out_once(
        db: Database, config: Config, tmp_path: Path) -> None:
    adapter = HoldingAdapter(held=frozenset({STUCK.key}))
    world, scheduler, polled = await two_alerting_channels(db, config, tmp_path, adapter)
    await bounded(scheduler.poll_job())  # the third outlet: STUCK's alert is posted in the background, and hangs
    await bounded(adapter.flag(adapter.entered, STUCK.key).wait())
    await bounded(scheduler.poll_job())  # polls and stores while that post still hangs
    assert polled[1].is_set() and await world.article_id(FIRE_F)
    assert await world.story_of(FIRE_F) == await world.story_of(FIRE_A)  # the fire's fourth outlet
    assert not adapter.flag(adapter.done, STUCK.key).is_set()
    assert FINE.key not in adapter.entered  # the second round waits for the first
    adapter.release.set()
    await bounded(scheduler.alert_rounds.idle())
    # the second round came after the first had ended, and read the fourth outlet: FINE's alert
    assert adapter.events == [f"start {STUCK.key}", f"end {STUCK.key}", f"start {FINE.key}", f"end {FINE.key}"]
    assert await alerts_of(db, STUCK.key) == ["delivered"]  # once, not again in the second round
    assert await alerts_of(db, FINE.key) == ["delivered"]
    await scheduler.shutdown()


async def test_poll_once_waits_for_a_round_after_the_running_one(
        db: Database, config: Config, tmp_path: Path) -> None:
    """``run --once`` (``poll_once``) returns only when the round reading its poll's articles has posted."""
    adapter = HoldingAdapter(held=frozenset({STUCK.key}))
    _, scheduler, polled = await two_alerting_channels(db, config, tmp_path, adapter)
    await bounded(scheduler.poll_job())
    await bounded(adapter.flag(adapter.entered, STUCK.key).wait())
    once = asyncio.create_task(scheduler.poll_once())
    await bounded(polled[1].wait())  # the poll itself is not held back ...
    assert not once.done()  # ... but poll_once waits for its round
    adapter.release.set()
    outcomes = await bounded(once)
    assert [(o.channel, o.state) for o in outcomes] == [(FINE.key, "delivered")]
    assert not scheduler.alert_rounds.busy


async def test_stopping_cancels_a_held_alert_and_the_next_start_finishes_it(
        db: Database, config: Config, tmp_path: Path) -> None:
    adapter = HoldingAdapter(held=frozenset({STUCK.key}))
    world, scheduler, _ = await two_alerting_channels(db, config, tmp_path, adapter)
    await bounded(scheduler.poll_job())
    await bounded(adapter.flag(adapter.entered, STUCK.key).wait())
    await bounded(scheduler.shutdown(grace=0))
    assert not scheduler.alert_rounds.busy and await alerts_of(db, STUCK.key) == ["posting"]
    adapter.held = frozenset()
    restarted = Scheduler(Delivery(db, config, {"console": adapter}), world.clock)
    assert [(o.channel, o.state) for o in await restarted.tick()] == [(STUCK.key, "delivered")]
    assert await alerts_of(db, STUCK.key) == ["delivered"]
