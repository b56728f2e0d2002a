"""Refusals that end a slot: a webhook refused for good (deleted, revoked) gets no failure notice posted to it, a
refused message still does, and a message refused twice (its layout, then its plain-text version) says so."""

from __future__ import annotations

from datetime import timedelta

from fake_discord import CHANNEL_ID, FakeDiscord
from fake_slack import Failure, FakeSlack
from webhook_helpers import (
    DISCORD_KEY,
    SLACK_KEY,
    SLOT,
    RecordingSleep,
    both_webhooks,
    by_name,
    close_all,
    seed,
    slack_posts,
    slack_webhook_alone,
    webhook_calls,
)

from adapters.webhooks import build_webhook_adapters
from bot.clock import ManualClock
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database

DISCORD_POSTS = r"/webhooks/.*"


async def test_a_revoked_webhook_gets_no_failure_notice_posted_to_it(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=RecordingSleep()))
    await seed(db, config, 2)
    slack.fail_next("webhook", *[Failure(status=403, error="action_prohibited")] * 5)
    discord_fake.fail("POST", DISCORD_POSTS, 403, count=5)
    try:
        outcomes = {o.channel: o for o in await Scheduler(Delivery(db, config, adapters), clock).tick(SLOT)}
    finally:
        await close_all(adapters)
    assert outcomes[SLACK_KEY].state == outcomes[DISCORD_KEY].state == "failed"
    assert webhook_calls(slack) == 1 and len(discord_fake.calls("POST", DISCORD_POSTS)) == 1  # the briefing only
    for key in (SLACK_KEY, DISCORD_KEY):  # `briefbot channels` shows what to do
        stored = await ChannelStore(db).get(ChannelRef.parse(key))
        assert stored is not None and stored.last_error is not None and "refused the webhook" in stored.last_error


async def test_a_message_refused_twice_says_so_and_its_notice_still_goes_out(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    adapter, channel = await slack_webhook_alone(db, config, clock)
    # the blocks are refused, then the plain-text version of the same message too
    slack.fail_next("webhook", Failure(status=400, error="invalid_blocks"),
                    Failure(status=400, error="invalid_payload"))
    try:
        outcome = await Delivery(db, config, {adapter.name: adapter}, clock=clock).post_now(channel, SLOT)
    finally:
        await adapter.close()
    assert outcome.state == "failed"
    assert outcome.detail == ("Slack refused the message, and then its plain-text version too "
                              "(invalid_blocks, HTTP 400; invalid_payload, HTTP 400)")
    assert "layout" not in outcome.detail
    [notice] = slack_posts(slack)  # the webhook is there: only the message was refused
    assert notice["text"].startswith(f"I could not post the briefing for {SLACK_KEY}: Slack refused the message, "
                                     "and then its plain-text version too")


async def test_the_same_refusal_twice_names_it_once(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    adapter, channel = await slack_webhook_alone(db, config, clock)
    slack.fail_next("webhook", *[Failure(status=400, error="invalid_payload")] * 2)
    try:
        outcome = await Delivery(db, config, {adapter.name: adapter}, clock=clock).post_now(
            channel, SLOT + timedelta(minutes=1))
    finally:
        await adapter.close()
    assert outcome.detail == ("Slack refused the message, and then its plain-text version too "
                              "(invalid_payload, HTTP 400)")
    assert CHANNEL_ID not in discord_fake.messages  # the Discord webhook was never posted to
