"""A long Slack outage is visible while its slot waits: the channel's error says it is retrying (cleared when the
briefing goes out) and the health report counts the deliveries waiting to retry. Time is a ManualClock the adapter's
waits move; nothing sleeps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fake_slack import Failure, FakeSlack
from slack_helpers import slack_config

from adapters.slack import build_slack_adapter
from adapters.slack.post import RetryPolicy
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.health import HealthCheck
from bot.metrics import prometheus_text
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 6, 2, 0, 0, tzinfo=UTC)  # far ahead of the wall clock
SLOT = T0 + timedelta(hours=8)
CHANNEL = ChannelRef("slack", "C0NEWS")


class ClockSleep:
    """The adapter's sleep: moves the clock as a real wait would, and returns at once."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock

    async def __call__(self, seconds: float) -> None:
        self.clock.advance(timedelta(seconds=seconds))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'outage.db'}")
    await ChannelStore(database).ensure(CHANNEL, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(
        database,
        "s1",
        text="The Kelby tram depot reopened after the flood. Night services resume.",
        title="Kelby tram depot reopens",
        now=SLOT - timedelta(hours=1),
    )
    yield database
    await database.close()


async def test_a_slot_waiting_out_an_outage_shows_an_error_and_is_counted(fake: FakeSlack, db: Database) -> None:
    config = Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        scheduler=SchedulerConfig(catch_up_grace="6h"),
        slack=slack_config(fake),
    )
    clock = ManualClock(SLOT)
    adapter = build_slack_adapter(config.slack, clock=clock, sleep=ClockSleep(clock), policy=RetryPolicy(attempts=3))
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    check = HealthCheck.for_store(db, Scheduler(delivery, clock), [adapter], clock)
    fake.fail_next("chat.postMessage", *[Failure(status=502)] * 6)  # two tries of three attempts each
    errors, counted = [], []
    try:
        for _ in range(3):
            channel = await ChannelStore(db).get(CHANNEL)
            assert channel is not None
            await delivery.deliver_due(channel, clock())
            stored = await ChannelStore(db).get(CHANNEL)
            assert stored is not None
            errors.append(stored.last_error)
            _, report = await check.readiness()
            counted.append((report["deliveries"]["retrying"], report["channels"]["with_errors"]))
            text = prometheus_text(False, report)
            assert f"briefbot_deliveries_retrying {report['deliveries']['retrying']}" in text
            clock.advance(timedelta(hours=1))
    finally:
        await adapter.close()
    assert errors[0] is not None and errors[0].startswith("retrying: HTTP 502 (next try at 2031-06-02T08:")
    assert errors[1] is not None and errors[1].startswith("retrying: HTTP 502 (next try at 2031-06-02T09:")
    assert errors[2] is None  # delivered: cleared
    assert counted == [(1, [CHANNEL.key]), (1, [CHANNEL.key]), (0, [])]
    assert len(fake.messages) == 1


async def test_an_outage_past_the_grace_is_told_once_not_again_at_the_next_slot(fake: FakeSlack, db: Database) -> None:
    """The retrying error does not hide a failure for good (told once), nor make the next one news again."""
    config = Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        scheduler=SchedulerConfig(catch_up_grace="6h"),
        slack=slack_config(fake),
    )
    clock = ManualClock(SLOT)
    adapter = build_slack_adapter(config.slack, clock=clock, sleep=ClockSleep(clock), policy=RetryPolicy(attempts=1))
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    fake.fail_next("chat.postMessage", *[Failure(status=502)] * 100)
    states, errors = [], []
    try:
        for when in (SLOT, SLOT + timedelta(hours=7), SLOT + timedelta(days=1), SLOT + timedelta(days=1, hours=7)):
            clock.set(when)
            channel = await ChannelStore(db).get(CHANNEL)
            assert channel is not None
            states += [o.state for o in await delivery.deliver_due(channel, when)]
            stored = await ChannelStore(db).get(CHANNEL)
            assert stored is not None
            errors.append(stored.last_error)
    finally:
        await adapter.close()
    assert states == ["retry", "failed", "retry", "failed"]
    assert errors[0] is not None and errors[0].startswith("retrying: HTTP 502")
    assert errors[1:] == ["HTTP 502"] * 3  # a failure for good stays shown while the next slot retries
    notices = [(m, e) for m, e in fake.rejected if m == "chat.postMessage"]
    # each slot's one try, and one failure notice (refused too, by the outage): at the first failure for good only
    assert len(notices) == 5
