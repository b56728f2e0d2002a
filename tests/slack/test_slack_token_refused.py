"""A bot token Slack refuses while posting (revoked, invalid, a scope missing) is a bot-wide condition: one line
naming $SLACK_BOT_TOKEN and the fix, every channel's briefing kept and retried, no notice sent through the refused
token, the health check not ready with the reason; once the token works the briefings go out. Time is a
ManualClock the adapter's waits move; nothing sleeps."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fake_slack import Failure, FakeSlack
from slack_helpers import slack_config

from adapters.slack import SlackAdapter, build_slack_adapter
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
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 6, 2, 0, 0, tzinfo=UTC)  # far ahead of the wall clock
SLOT = T0 + timedelta(hours=8)
NEWS, HARBOUR = ChannelRef("slack", "C0NEWS"), ChannelRef("slack", "C0HARBOUR")


class ClockSleep:
    """The adapter's sleep: moves the clock as a real wait would, and returns at once."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock

    async def __call__(self, seconds: float) -> None:
        self.clock.advance(timedelta(seconds=seconds))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'slack_token.db'}")
    channels = ChannelStore(database)
    for ref in (NEWS, HARBOUR):
        await channels.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=T0)
        await channels.subscribe(ref, "ferry", user="U0ORLA", now=T0)  # a configurer a notice would go to by DM
    await add_story(
        database,
        "s1",
        text="The Velmora ferry resumed its night crossings. Tickets cost less.",
        title="Velmora ferry resumes night crossings",
        now=SLOT - timedelta(hours=1),
    )
    yield database
    await database.close()


def config_for(fake: FakeSlack) -> Config:
    return Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        scheduler=SchedulerConfig(catch_up_grace="6h"),
        slack=slack_config(fake),
    )


def adapter_for(config: Config, clock: ManualClock) -> SlackAdapter:
    adapter = build_slack_adapter(config.slack, clock=clock, sleep=ClockSleep(clock), policy=RetryPolicy(attempts=5))
    adapter.ready.set()  # receiving commands (HTTP mode): only posting is refused
    return adapter


def post_calls(fake: FakeSlack) -> int:
    return sum(1 for method, _ in fake.rejected if method == "chat.postMessage") + len(fake.messages)


async def deliver_all(delivery: Delivery, db: Database, now: datetime) -> list[str]:
    states = []
    for ref in (NEWS, HARBOUR):
        channel = await ChannelStore(db).get(ref)
        assert channel is not None
        states += [o.state for o in await delivery.deliver_due(channel, now)]
    return states


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked", "account_inactive"])
async def test_a_refused_bot_token_is_told_once_kept_and_delivered_once_it_works(
    fake: FakeSlack, db: Database, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    caplog.set_level(logging.INFO)
    config, clock = config_for(fake), ManualClock(SLOT)
    adapter = adapter_for(config, clock)
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    check = HealthCheck.for_store(db, Scheduler(delivery, clock), [adapter], clock)
    fake.fail_next("chat.postMessage", *[Failure(error=error)] * 10)
    try:
        assert await deliver_all(delivery, db, SLOT) == ["retry", "retry"]
        assert post_calls(fake) == 2  # the two briefings; no notice to the channels or their configurer
        ready, report = await check.readiness()
        clock.advance(timedelta(hours=1))
        assert await deliver_all(delivery, db, clock()) == ["retry", "retry"]  # still refused: told no one again
        assert post_calls(fake) == 4
        fake.failures.clear()  # the token is fixed
        clock.advance(timedelta(hours=1))
        assert await deliver_all(delivery, db, clock()) == ["delivered", "delivered"]
        ready_after, report_after = await check.readiness()
    finally:
        await adapter.close()
    told = [
        r.getMessage() for r in caplog.records if "$SLACK_BOT_TOKEN" in r.getMessage() and r.levelno >= logging.ERROR
    ]
    assert len(told) == 1, told
    assert f"Slack refused the bot token from $SLACK_BOT_TOKEN (chat.postMessage: {error})" in told[0]
    assert "restart briefbot" in told[0] and "nothing is lost" in told[0]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Invite the bot" not in logged and "were told" not in logged
    assert not ready and report["adapters"] == {"slack": "degraded"}  # (the scheduler is not started here)
    assert any(r.startswith("slack: Slack refused the bot token from $SLACK_BOT_TOKEN") for r in report["reasons"])
    assert sorted(report["channels"]["with_errors"]) == sorted([NEWS.key, HARBOUR.key])
    assert 'briefbot_adapter_state{adapter="slack",state="degraded"} 1' in prometheus_text(ready, report)
    # once the token works: both briefings out, once each, the errors and the refusal cleared
    assert [m["channel"] for m in fake.messages] == [NEWS.id, HARBOUR.id]
    assert report_after["adapters"] == {"slack": "ready"}
    assert report_after["reasons"] == ["scheduler: not running"] and not ready_after
    assert report_after["channels"]["with_errors"] == []
    assert [e.state for e in await DeliveryLedger(db).entries(NEWS.key)] == ["delivered"]


async def test_a_missing_scope_is_named(fake: FakeSlack, db: Database, caplog: pytest.LogCaptureFixture) -> None:
    config, clock = config_for(fake), ManualClock(SLOT)
    adapter = adapter_for(config, clock)
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    fake.fail_next("chat.postMessage", *[Failure(error="missing_scope", needed="chat:write")] * 4)
    try:
        assert await deliver_all(delivery, db, SLOT) == ["retry", "retry"]
    finally:
        await adapter.close()
    channel = await ChannelStore(db).get(NEWS)
    assert channel is not None and channel.last_error is not None
    assert channel.last_error.startswith("the bot token from $SLACK_BOT_TOKEN lacks the chat:write scope")
    assert post_calls(fake) == 2
    assert "Invite the bot" not in caplog.text


async def test_past_the_grace_the_slot_ends_untold_and_its_story_comes_next(
    fake: FakeSlack, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    config, clock = config_for(fake), ManualClock(SLOT)
    adapter = adapter_for(config, clock)
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    fake.fail_next("chat.postMessage", *[Failure(error="invalid_auth")] * 20)
    channel = await ChannelStore(db).get(NEWS)
    assert channel is not None
    try:
        assert [o.state for o in await delivery.deliver_due(channel, SLOT)] == ["retry"]
        clock.advance(timedelta(hours=7))  # past the 6 h grace, still refused
        assert [o.state for o in await delivery.deliver_due(channel, clock())] == ["failed"]
        fake.failures.clear()
        clock.set(SLOT + timedelta(days=1))
        assert [o.state for o in await delivery.deliver_due(channel, clock())] == ["delivered"]
    finally:
        await adapter.close()
    assert post_calls(fake) == 3  # two refused tries of the first slot, the next day's briefing; no notice
    assert "Velmora ferry resumes night crossings" in str(fake.messages[0])
    assert "were told" not in caplog.text
