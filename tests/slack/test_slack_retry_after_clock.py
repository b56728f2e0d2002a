"""The Slack app adapter hands back a 429's Retry-After counted from that answer, not from the start of the post
whose own retries waited first; the delivery counts it from when the post failed, so the ledger's retry is no
earlier than Slack asked, after a restart too. Time is a ManualClock the adapter's waits move; nothing sleeps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fake_slack import Failure, FakeSlack
from slack_helpers import make_briefing, slack_config

from adapters.slack import build_slack_adapter
from adapters.slack.post import RetryPolicy
from bot.adapter import PostError
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 6, 2, 0, 0, tzinfo=UTC)  # far ahead of the wall clock
SLOT = T0 + timedelta(hours=8)
CHANNEL = ChannelRef("slack", "C0NEWS")
SHORT = Failure(status=429, error="ratelimited", retry_after=2)  # waited out in the adapter (2 s each)
LONG = Failure(status=429, error="ratelimited", retry_after=300)  # past the policy's 120 s: handed back


class ClockSleep:
    """The adapter's sleep: moves the clock as a real wait moves the wall clock, and returns at once."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock

    async def __call__(self, seconds: float) -> None:
        self.clock.advance(timedelta(seconds=seconds))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'slack_retry.db'}")
    yield database
    await database.close()


async def test_the_handed_back_retry_after_is_the_last_answers_own(fake: FakeSlack) -> None:
    clock = ManualClock(SLOT)
    adapter = build_slack_adapter(slack_config(fake), clock=clock, sleep=ClockSleep(clock),
                                  policy=RetryPolicy(attempts=5))
    fake.fail_next("chat.postMessage", SHORT, SHORT, LONG)
    try:
        with pytest.raises(PostError) as failed:
            await adapter.post(CHANNEL, make_briefing(2), key="slot-1")
    finally:
        await adapter.close()
    assert clock() == SLOT + timedelta(seconds=4)  # the two short waits
    assert (failed.value.kind, failed.value.retry_after) == ("retryable", 300.0)  # from the 429 that said it


async def test_the_ledgers_retry_is_no_earlier_than_the_long_retry_after(fake: FakeSlack, db: Database) -> None:
    config = Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"), slack=slack_config(fake))
    await ChannelStore(db).ensure(CHANNEL, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(db, "s1", text="The tram depot reopened after the flood. Services resume on Monday.",
                    title="Tram depot reopens", now=SLOT - timedelta(hours=1))
    clock = ManualClock(SLOT)
    adapter = build_slack_adapter(config.slack, clock=clock, sleep=ClockSleep(clock), policy=RetryPolicy(attempts=5))
    fake.fail_next("chat.postMessage", SHORT, SHORT, LONG)
    channel = await ChannelStore(db).get(CHANNEL)
    assert channel is not None
    try:
        [outcome] = await Delivery(db, config, {"slack": adapter}, clock=clock).deliver_due(channel, SLOT)
    finally:
        await adapter.close()
    assert outcome.state == "retry"
    entry = await DeliveryLedger(db).get(CHANNEL.key, SLOT)
    # the long 429 came 4 s into the post: its 300 s count from then (counted from the tick: 4 s early)
    assert entry is not None and entry.retry_at == SLOT + timedelta(seconds=4 + 300)
