"""The webhook adapters' part of resuming: the parts the ledger says are out are skipped, each new part is reported
before the next is sent, and a Retry-After is handed back in the PostError."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fake_discord import CHANNEL_ID, FakeDiscord
from fake_slack import Failure, FakeSlack
from webhook_helpers import (
    DISCORD_KEY,
    DISCORD_VAR,
    SLACK_CHANNEL,
    SLACK_KEY,
    SLACK_VAR,
    SLOT,
    RecordingSleep,
    seed,
    slack_posts,
    webhook_calls,
    webhook_config,
)

from adapters.webhooks import build_webhook_adapters
from bot.adapter import PostError, ResumablePost
from bot.clock import ManualClock
from bot.delivery import Delivery
from bot.models import Briefing, ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database


async def briefing_of(db: Database, slack: FakeSlack, discord_fake: FakeDiscord, stories: int,
                      key: str) -> tuple[dict[str, str], Briefing]:
    """The env of both webhooks and the briefing ``stories`` stories make for the channel ``key``."""
    env = {SLACK_VAR: slack.add_webhook(SLACK_CHANNEL), DISCORD_VAR: discord_fake.add_webhook()}
    config = webhook_config(env, max_stories=stories)
    await seed(db, config, stories)
    channel = await ChannelStore(db).get(ChannelRef.parse(key))
    assert channel is not None
    return env, await Delivery(db, config, {}).preview(channel, SLOT)


async def test_discord_posts_only_the_parts_not_recorded_and_reports_each_before_the_next(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    env, briefing = await briefing_of(db, slack, discord_fake, 12, DISCORD_KEY)
    [adapter] = [a for a in build_webhook_adapters(webhook_config(env), clock=clock) if a.name == "discord-webhook"]
    assert isinstance(adapter, ResumablePost)
    reported: list[tuple[str, int]] = []

    async def on_part(message_id: str) -> None:
        reported.append((message_id, len(discord_fake.messages[CHANNEL_ID])))

    try:
        ids = await adapter.post_resuming(ChannelRef.parse(DISCORD_KEY), briefing, key="k|slot",
                                          posted=["1111"], on_part=on_part)
    finally:
        await adapter.close()
    sent = discord_fake.messages[CHANNEL_ID]
    assert len(sent) == 2  # parts 2 and 3 of 3: part 1 is out already (a process before this one posted it)
    assert [n for n, _ in reported] == [m["id"] for m in sent]
    assert [count for _, count in reported] == [1, 2]  # each reported before the next was sent
    assert ids == ["1111", *(m["id"] for m in sent)]
    numbers = [int(e["title"].split(".")[0]) for m in sent for e in m["embeds"] if e["title"][0].isdigit()]
    assert numbers and min(numbers) > 1 and numbers == sorted(numbers)  # part 1's stories are not among them


@pytest.mark.parametrize("posted", [["a#1", "a#2", "a#3"], ["a#1", "a#2", "a#3", "a#4"]])
async def test_slack_with_every_part_recorded_sends_nothing(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord, posted: list[str]) -> None:
    env, briefing = await briefing_of(db, slack, discord_fake, 26, SLACK_KEY)
    [adapter] = [a for a in build_webhook_adapters(webhook_config(env), clock=clock) if a.name == "slack-webhook"]
    assert isinstance(adapter, ResumablePost)
    reported: list[str] = []

    async def on_part(message_id: str) -> None:
        reported.append(message_id)

    try:
        ids = await adapter.post_resuming(ChannelRef.parse(SLACK_KEY), briefing, key="a", posted=posted,
                                          on_part=on_part)
    finally:
        await adapter.close()
    assert ids == posted and reported == [] and webhook_calls(slack) == 0


async def test_a_long_retry_after_is_handed_back_in_the_error_and_counted_down(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    env, briefing = await briefing_of(db, slack, discord_fake, 1, SLACK_KEY)
    sleep = RecordingSleep()
    [adapter] = [a for a in build_webhook_adapters(webhook_config(env), clock=clock, sleep=sleep)
                 if a.name == "slack-webhook"]
    slack.fail_next("webhook", Failure(status=429, error="rate_limited", retry_after=300))
    ref = ChannelRef.parse(SLACK_KEY)
    try:
        with pytest.raises(PostError) as first:
            await adapter.post(ref, briefing, key="k")
        assert (first.value.kind, first.value.retry_after) == ("retryable", 300.0) and sleep.delays == []
        clock.set(clock() + timedelta(seconds=60))
        with pytest.raises(PostError) as early:  # refused without a request: what is left of the wait
            await adapter.post(ref, briefing, key="k")
        assert early.value.retry_after == 240.0 and webhook_calls(slack) == 1
        clock.set(clock() + timedelta(seconds=240))
        assert len(await adapter.post(ref, briefing, key="k")) == 1
        assert len(slack_posts(slack)) == 1
    finally:
        await adapter.close()
