"""The webhook adapters apart from scheduling: the URL never reaches a log line or an error, an unset variable,
notices, channels they do not serve, and ``run`` (a webhook receives nothing)."""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import UTC, datetime, timedelta

import pytest
from fake_discord import CHANNEL_ID, FakeDiscord
from fake_slack import SERVER_ERROR, Failure, FakeSlack
from webhook_helpers import (
    DISCORD_KEY,
    DISCORD_VAR,
    SLACK_CHANNEL,
    SLACK_KEY,
    SLACK_VAR,
    SLOT,
    RecordingSleep,
    both_webhooks,
    by_name,
    close_all,
    seed,
    slack_posts,
    webhook_calls,
    webhook_config,
)

from adapters.webhooks import build_webhook_adapters
from bot.adapter import PostError
from bot.clock import ManualClock
from bot.delivery import Delivery
from bot.models import Briefing, ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def our_log(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured line, formatted, but the local fake servers' own access log (the server side's, not ours)."""
    return "\n".join(caplog.handler.format(r) for r in caplog.records if r.name != "aiohttp.access")


async def test_the_url_and_its_token_never_reach_a_log_line_an_outcome_or_the_store(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # everything, libraries included
    slack_url, discord_url = slack.add_webhook(SLACK_CHANNEL), discord_fake.add_webhook()
    secrets = [slack_url, discord_url, slack_url.rsplit("/", 1)[1], discord_url.rsplit("/", 1)[1]]
    config = webhook_config({SLACK_VAR: slack_url, DISCORD_VAR: discord_url})
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=RecordingSleep()))
    await seed(db, config, 2)
    scheduler = Scheduler(Delivery(db, config, adapters), clock)
    details: list[str] = []
    try:
        # a 5xx burst, a 429, then success; and a webhook deleted between two briefings
        slack.fail_next("webhook", SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, Failure(status=429, retry_after=1))
        discord_fake.fail("POST", r"/webhooks/.*", 500, count=3)
        for minutes in (0, 1, 3, 7, 15):
            details += [o.detail for o in await scheduler.tick(SLOT + timedelta(minutes=minutes))]
        assert len(slack_posts(slack)) == 1 and len(discord_fake.messages[CHANNEL_ID]) == 1
        slack.remove_webhook(slack_url)
        discord_fake.delete_webhook(discord_url)
        await seed(db, config, 4, at=SLOT + timedelta(hours=2))
        details += [o.detail for o in await scheduler.tick(SLOT + timedelta(days=1))]
        assert details and caplog.records
        stored = [str(c.last_error) for c in await ChannelStore(db).all()]
        stored += [str(e.error) for key in (SLACK_KEY, DISCORD_KEY) for e in await DeliveryLedger(db).entries(key)]
        assert any("deleted" in text for text in stored)
        logged = our_log(caplog)
        assert "slack-webhook:newsdesk" in logged and "discord-webhook:newsdesk" in logged  # the channel's key
        for secret in secrets:
            assert secret not in logged
            assert not any(secret in d for d in details) and not any(secret in t for t in stored)
    finally:
        await close_all(adapters)


async def test_an_unreachable_webhook_is_retried_later_and_named_by_its_channel_only(
        clock: ManualClock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    port = closed_port()
    slack_url = f"http://127.0.0.1:{port}/services/T0TEAM/B0HOOK/closedportsecret0123456789"
    discord_url = f"http://127.0.0.1:{port}/api/webhooks/1234567890/closed-port-token-0123456789"
    config = webhook_config({SLACK_VAR: slack_url, DISCORD_VAR: discord_url})
    sleep = RecordingSleep()
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=sleep))
    story = await _briefing()
    try:
        for key in (SLACK_KEY, DISCORD_KEY):
            ref = ChannelRef.parse(key)
            with pytest.raises(PostError) as caught:
                await adapters[ref.platform].post(ref, story, key=f"{key}|slot")
            assert caught.value.kind == "retryable" and caught.value.posted == ()
            assert caught.value.reason.startswith("cannot reach ") and "ClientConnectorError" in caught.value.reason
        assert sleep.delays == [1.0, 2.0, 1.0, 2.0]
        for secret in ("closedportsecret0123456789", "closed-port-token-0123456789"):
            assert secret not in our_log(caplog)
        assert "slack-webhook:newsdesk" in our_log(caplog) and "discord-webhook:newsdesk" in our_log(caplog)
    finally:
        await close_all(adapters)


async def test_an_unset_variable_fails_that_channel_with_its_name_and_the_others_post(
        db: Database, clock: ManualClock, discord_fake: FakeDiscord, caplog: pytest.LogCaptureFixture) -> None:
    config = webhook_config({DISCORD_VAR: discord_fake.add_webhook()})  # NEWSDESK_SLACK_WEBHOOK_URL unset
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=RecordingSleep()))
    assert f"channels[0].webhook_url_env names {SLACK_VAR}, which is not set or empty" in caplog.text
    await seed(db, config, 1)
    try:
        outcomes = {o.channel: o for o in await Scheduler(Delivery(db, config, adapters), clock).tick(SLOT)}
        assert outcomes[DISCORD_KEY].state == "delivered"
        assert outcomes[SLACK_KEY].state == "failed"
        assert outcomes[SLACK_KEY].detail == (f"channels[0].webhook_url_env: the environment variable {SLACK_VAR} is "
                                              "not set or empty; set it to the webhook's URL and restart briefbot")
    finally:
        await close_all(adapters)


async def test_notices_go_through_the_webhook_inert_and_direct_messages_are_refused(
        clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=RecordingSleep()))
    text = "Source <Harbour Wire> is failing: HTTP 503 @channel"
    try:
        await adapters["slack-webhook"].notify(ChannelRef.parse(SLACK_KEY), text)
        await adapters["discord-webhook"].notify(ChannelRef.parse(DISCORD_KEY), text)
        [notice] = slack_posts(slack)
        assert notice["text"] == "Source &lt;Harbour Wire&gt; is failing: HTTP 503 @\u200bchannel"
        [sent] = discord_fake.messages[CHANNEL_ID]
        assert sent["content"] == text and sent["allowed_mentions"] == {"parse": []}  # pings nobody

        for name, ref, reason in (
                ("slack-webhook", ChannelRef("slack-webhook", "U0ALICE", is_user=True), "cannot send direct messages"),
                ("discord-webhook", ChannelRef("discord", CHANNEL_ID), "not a discord-webhook channel"),
                ("slack-webhook", ChannelRef.parse("slack-webhook:sports"), 'no [[channels]] entry with id = ')):
            with pytest.raises(PostError) as caught:
                await adapters[name].notify(ref, text)
            assert caught.value.kind == "permanent" and reason in caught.value.reason
        assert webhook_calls(slack) == 1  # none of those reached a webhook
    finally:
        await close_all(adapters)


async def test_run_receives_nothing_and_ends_when_closed_or_cancelled(
        clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    slack_adapter, discord_adapter = build_webhook_adapters(config, clock=clock)

    async def dispatch(_invocation: object) -> object:
        raise AssertionError("a webhook channel receives no commands")

    closing = asyncio.create_task(slack_adapter.run(dispatch))  # type: ignore[arg-type]
    cancelled = asyncio.create_task(discord_adapter.run(dispatch))  # type: ignore[arg-type]
    for adapter in (slack_adapter, discord_adapter):
        await asyncio.wait_for(adapter.ready.wait(), 5)  # type: ignore[attr-defined]
    await slack_adapter.close()
    await asyncio.wait_for(closing, 5)
    assert not slack_adapter.ready.is_set()  # type: ignore[attr-defined]
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    await discord_adapter.close()
    assert slack.calls == [] and discord_fake.requests == []


async def _briefing() -> Briefing:
    return Briefing(title="Briefing", generated=datetime(2031, 6, 2, 8, 0, tzinfo=UTC), items=())
