"""Slack's missing_scope naming chat:write.public refuses one channel (the bot is not in it), not the bot's token:
that channel fails saying to invite the bot or add the scope, the channels the bot is in get their briefings in the
same tick, and the platform is never marked refused (no bot-wide hold, /readyz unaffected). Time is a ManualClock;
nothing sleeps."""

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
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 6, 2, 0, 0, tzinfo=UTC)  # far ahead of the wall clock
SLOT = T0 + timedelta(hours=8)
OUTSIDE, INSIDE = ChannelRef("slack", "C0TIDEPOOL"), ChannelRef("slack", "C0LANTERN")  # the bot is in INSIDE only


async def no_wait(seconds: float) -> None:
    """The adapter's sleep: nothing here waits (no failure is retryable)."""


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'slack_public.db'}")
    channels = ChannelStore(database)
    for ref in (OUTSIDE, INSIDE):
        await channels.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(
        database,
        "s1",
        text="The Quillmere lighthouse got a new lamp. Its keeper lit it at dusk.",
        title="Quillmere lighthouse lit again",
        now=SLOT - timedelta(hours=1),
    )
    yield database
    await database.close()


def adapter_for(fake: FakeSlack, clock: ManualClock) -> tuple[Config, SlackAdapter]:
    config = Config(
        briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
        scheduler=SchedulerConfig(catch_up_grace="6h"),
        slack=slack_config(fake),
    )
    adapter = build_slack_adapter(config.slack, clock=clock, sleep=no_wait, policy=RetryPolicy(attempts=5))
    adapter.ready.set()  # receiving commands (HTTP mode)
    return config, adapter


async def test_a_missing_public_scope_fails_that_channel_only(
    fake: FakeSlack, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    clock = ManualClock(SLOT)
    config, adapter = adapter_for(fake, clock)
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    check = HealthCheck.for_store(db, Scheduler(delivery, clock), [adapter], clock)
    fake.fail_next("chat.postMessage", Failure(error="missing_scope", needed="chat:write.public"))
    store = ChannelStore(db)
    try:
        outside = await store.get(OUTSIDE)
        assert outside is not None
        assert [o.state for o in await delivery.deliver_due(outside, SLOT)] == ["failed"]
        ready_between, report_between = await check.readiness()
        inside = await store.get(INSIDE)
        assert inside is not None
        assert [o.state for o in await delivery.deliver_due(inside, SLOT)] == ["delivered"]  # the same tick
        _, report = await check.readiness()
    finally:
        await adapter.close()
    assert delivery.tokens.reason("slack") is None  # never marked refused: nothing to flap
    for state in (report_between, report):
        assert state["adapters"] == {"slack": "ready"}
        assert state["reasons"] == ["scheduler: not running"]  # (not started here): nothing about Slack
        assert state["channels"]["with_errors"] == [OUTSIDE.key]
        assert state["deliveries"]["retrying"] == 0
    assert not ready_between  # only for the scheduler, as the reasons show
    stored = await store.get(OUTSIDE)
    assert stored is not None and stored.last_error is not None
    error = stored.last_error
    assert "chat:write.public" in error and "/invite @" in error and "reinstall" in error, error
    assert "$SLACK_BOT_TOKEN" not in error
    assert [m["channel"] for m in fake.messages] == [INSIDE.id]  # no notice into the channel that refused
    assert "$SLACK_BOT_TOKEN" not in caplog.text and "nothing is lost" not in caplog.text


async def test_another_missing_scope_stays_bot_wide(fake: FakeSlack, db: Database) -> None:
    clock = ManualClock(SLOT)
    config, adapter = adapter_for(fake, clock)
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    fake.fail_next("chat.postMessage", Failure(error="missing_scope", needed="chat:write"))
    outside = await ChannelStore(db).get(OUTSIDE)
    assert outside is not None
    try:
        assert [o.state for o in await delivery.deliver_due(outside, SLOT)] == ["retry"]
    finally:
        await adapter.close()
    reason = delivery.tokens.reason("slack")
    assert reason is not None and "lacks the chat:write scope" in reason


@pytest.mark.parametrize(("needed", "named"), [
    ("chat:write.public,chat:write.customize", "the chat:write.public and chat:write.customize scopes"),
    ("chat:write,chat:write.public", "the chat:write and chat:write.public scopes"),
])
async def test_several_missing_scopes_stay_bot_wide_unless_all_are_per_channel(
    fake: FakeSlack, db: Database, needed: str, named: str
) -> None:
    """Slack names several scopes comma-separated; one that is not per channel (chat:write.customize: the message's
    name and icon, chat:write: any post) refuses every channel, so the list is the token's, each scope named."""
    clock = ManualClock(SLOT)
    config, adapter = adapter_for(fake, clock)
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    fake.fail_next("chat.postMessage", Failure(error="missing_scope", needed=needed))
    outside = await ChannelStore(db).get(OUTSIDE)
    assert outside is not None
    try:
        assert [o.state for o in await delivery.deliver_due(outside, SLOT)] == ["retry"]
    finally:
        await adapter.close()
    reason = delivery.tokens.reason("slack")
    assert reason is not None and f"lacks {named} (chat.postMessage: missing_scope). Add them under" in reason


async def test_a_list_of_per_channel_scopes_only_is_the_channels_own(fake: FakeSlack, db: Database) -> None:
    """The same per-channel scope listed with spaces or twice is still chat:write.public alone: that channel fails."""
    clock = ManualClock(SLOT)
    config, adapter = adapter_for(fake, clock)
    delivery = Delivery(db, config, {"slack": adapter}, clock=clock)
    fake.fail_next("chat.postMessage", Failure(error="missing_scope", needed="chat:write.public, chat:write.public"))
    store = ChannelStore(db)
    outside = await store.get(OUTSIDE)
    assert outside is not None
    try:
        assert [o.state for o in await delivery.deliver_due(outside, SLOT)] == ["failed"]
    finally:
        await adapter.close()
    assert delivery.tokens.reason("slack") is None
    stored = await store.get(OUTSIDE)
    assert stored is not None and stored.last_error is not None and "/invite @" in stored.last_error
