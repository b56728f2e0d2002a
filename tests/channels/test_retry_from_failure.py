"""A failed post's retry is counted from when it failed (the clock then), not from when the tick started; a channel
that refused the briefing itself (its webhook deleted or revoked) gets no failure notice posted to it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from bot.adapter import PostError
from bot.clock import ManualClock
from bot.commands.base import Dispatch
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Briefing, ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 5, 5, 0, 0, tzinfo=UTC)  # far ahead of the wall clock
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("console", "main")
POST_TOOK = timedelta(seconds=40)  # the adapter's own retries before it gave up (what the clock moves by)


@dataclass
class SlowFailingAdapter:
    """Its post takes ``POST_TOOK`` on the clock (the adapter's own waits), then raises ``error``."""

    clock: ManualClock
    error: PostError
    name: str = "console"
    notices: list[tuple[str, str]] = field(default_factory=list)

    async def run(self, dispatch: Dispatch) -> None:
        return None

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        self.clock.advance(POST_TOOK)
        raise self.error

    async def notify(self, channel: ChannelRef, text: str) -> None:
        self.notices.append((channel.key, text))

    async def close(self) -> None:
        return None


async def due(db: Database) -> None:
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(db, "s1", text="The lighthouse keeper retired after thirty years. A new keeper starts soon.",
                    title="Lighthouse keeper retires", now=SLOT - timedelta(hours=1))


@pytest.mark.parametrize(("retry_after", "wait"), [
    (300.0, timedelta(seconds=300)),  # the platform's Retry-After, from its answer at the end of the post
    (None, timedelta(minutes=1)),  # none: the ledger's own first backoff, from the failure too
])
async def test_the_retry_is_counted_from_when_the_post_failed(db: Database, config: Config,
                                                              retry_after: float | None, wait: timedelta) -> None:
    await due(db)
    clock = ManualClock(SLOT)
    adapter = SlowFailingAdapter(clock, PostError(REF, "retryable", "rate limited", retry_after=retry_after))
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    [outcome] = await Delivery(db, config, {"console": adapter}, clock=clock).deliver_due(channel, SLOT)
    assert outcome.state == "retry"
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.retry_at == SLOT + POST_TOOK + wait  # not SLOT + wait: POST_TOOK early


async def test_the_scheduler_lends_its_clock_to_a_delivery_without_one(db: Database, config: Config) -> None:
    await due(db)
    clock = ManualClock(SLOT)
    adapter = SlowFailingAdapter(clock, PostError(REF, "retryable", "rate limited", retry_after=300.0))
    delivery = Delivery(db, config, {"console": adapter})
    [outcome] = await Scheduler(delivery, clock).tick(SLOT)
    assert outcome.state == "retry" and delivery.clock is clock
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.retry_at == SLOT + POST_TOOK + timedelta(seconds=300)
    [waiting] = await Scheduler(delivery, clock).tick(entry.retry_at - timedelta(seconds=1))
    assert waiting.state == "waiting"  # a tick one second before the Retry-After has passed posts nothing


async def test_without_a_clock_the_step_time_is_kept(db: Database, config: Config) -> None:
    """A Delivery used on its own without a clock (the commands' previews, tests) counts from the ``now`` it
    was given, as before."""
    await due(db)
    adapter = SlowFailingAdapter(ManualClock(SLOT), PostError(REF, "retryable", "rate limited", retry_after=300.0))
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    await Delivery(db, config, {"console": adapter}).deliver_due(channel, SLOT)
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.retry_at == SLOT + timedelta(seconds=300)


async def test_a_channel_that_refused_the_briefing_itself_gets_no_notice_posted_to_it(
        db: Database, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    await due(db)
    clock = ManualClock(SLOT)
    refused = PostError(REF, "permanent", "the webhook was deleted (HTTP 404)", channel_refused=True)
    adapter = SlowFailingAdapter(clock, refused)
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    with caplog.at_level(logging.INFO, logger="bot.delivery"):
        [outcome] = await Delivery(db, config, {"console": adapter}, clock=clock).deliver_due(channel, SLOT)
    assert outcome.state == "failed" and adapter.notices == []
    assert any("no failure notice posted there" in r.getMessage() for r in caplog.records)
    stored = await ChannelStore(db).get(REF)  # `briefbot channels` shows why
    assert stored is not None and stored.last_error == "the webhook was deleted (HTTP 404)"


async def test_a_refused_message_still_gets_its_notice_in_the_channel(db: Database, config: Config) -> None:
    """The channel is there, only this message was refused (a 400): the notice tells whoever reads it."""
    await due(db)
    clock = ManualClock(SLOT)
    adapter = SlowFailingAdapter(clock, PostError(REF, "permanent", "the platform refused the message (HTTP 400)"))
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    [outcome] = await Delivery(db, config, {"console": adapter}, clock=clock).deliver_due(channel, SLOT)
    assert outcome.state == "failed"
    [(where, text)] = adapter.notices
    assert where == REF.key and "refused the message (HTTP 400)" in text
