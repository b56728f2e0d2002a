"""Scheduled briefings through Slack incoming webhooks and Discord channel webhooks, on the real scheduler and
delivery path against local servers speaking the webhook protocols; time is injected, nothing sleeps."""

from __future__ import annotations

import re
from datetime import timedelta

from discord_limits import embed_problems
from fake_discord import CHANNEL_ID, FakeDiscord
from fake_slack import SERVER_ERROR, Failure, FakeSlack, validate_blocks
from webhook_helpers import (
    DISCORD_KEY,
    DISCORD_VAR,
    SLACK_CHANNEL,
    SLACK_KEY,
    SLACK_VAR,
    SLOT,
    RecordingSleep,
    block_types,
    both_webhooks,
    by_name,
    close_all,
    seed,
    shown,
    slack_posts,
    slack_webhook_alone,
    story_text,
    webhook_calls,
    webhook_config,
)

from adapters.registry import build_adapters
from adapters.webhooks import RetryPolicy, build_webhook_adapters
from bot.clock import ManualClock
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story


async def test_the_schedule_posts_each_briefing_once_through_both_webhooks(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    adapters = {a.name: a for a in build_adapters(config)}  # the composition root's factory: no app, no bot
    assert set(adapters) == {"slack-webhook", "discord-webhook"}
    await seed(db, config, 3)
    scheduler = Scheduler(Delivery(db, config, adapters), clock)
    try:
        assert await scheduler.tick(SLOT - timedelta(minutes=1)) == []
        assert slack.messages == [] and discord_fake.messages == {}

        outcomes = await scheduler.tick(SLOT + timedelta(seconds=30))
        assert sorted((o.channel, o.state) for o in outcomes) == [(DISCORD_KEY, "delivered"), (SLACK_KEY, "delivered")]

        [posted] = slack_posts(slack)
        assert validate_blocks(posted["blocks"]) is None and posted["text"]
        assert "actions" not in block_types(posted)  # no buttons: a click would reach no app
        assert posted["unfurl_links"] is False and posted["unfurl_media"] is False
        for n in (1, 2, 3):
            assert f"Quay {n} repairs weighed by the board" in shown(posted)
        assert "Briefing" in shown(posted["blocks"][0])  # the bot's header block, as a bot briefing has it

        [sent] = discord_fake.messages[CHANNEL_ID]
        [request] = discord_fake.calls("POST", r"/webhooks/\d+/[^/]+")
        assert request.query == {"wait": "true"} and request.body["allowed_mentions"] == {"parse": []}
        assert embed_problems(request.body) == [] and "components" not in request.body
        titles = [e["title"] for e in sent["embeds"]]  # numbered as the bot's are, each story once
        assert sorted(t.split(". ", 1)[1] for t in titles) == [f"Quay {n} repairs weighed by the board"
                                                               for n in (1, 2, 3)]
        assert sorted(t.split(". ", 1)[0] for t in titles) == ["1", "2", "3"]
        assert sent["webhook_id"]

        ledger = DeliveryLedger(db)
        [slack_entry] = await ledger.entries(SLACK_KEY)
        [discord_entry] = await ledger.entries(DISCORD_KEY)
        assert slack_entry.state == discord_entry.state == "delivered" and slack_entry.slot == SLOT
        assert list(discord_entry.message_ids) == [sent["id"]]  # ?wait=true gives the message's id back
        assert len(slack_entry.message_ids) == 1  # Slack answers "ok": one id per part, made up by us

        for minutes in (1, 30, 600):  # later ticks post nothing more
            assert await scheduler.tick(SLOT + timedelta(minutes=minutes)) == []
        assert (len(slack_posts(slack)), len(discord_fake.messages[CHANNEL_ID])) == (1, 1)
    finally:
        await close_all(adapters)


async def test_a_long_briefing_goes_out_in_order_and_a_failure_midway_resumes_after_the_parts_out(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake, max_stories=20)
    sleep = RecordingSleep()
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=sleep))
    await seed(db, config, 20)
    scheduler = Scheduler(Delivery(db, config, adapters), clock)
    # the second part fails on every try of the first round: a 5xx, three times; so does Discord's
    slack.fail_next("webhook", SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, after=1)
    discord_fake.fail("POST", r"/webhooks/.*", 502, count=3, skip=1)
    try:
        clock.set(SLOT)
        outcomes = await scheduler.tick(clock())
        assert sorted((o.channel, o.state) for o in outcomes) == [(DISCORD_KEY, "retry"), (SLACK_KEY, "retry")]
        # bounded backoff within the attempt (1 s, 2 s for each channel), then handed back; the two channels post at
        # the same time, so their waits interleave in whatever order their fake servers answer
        assert sorted(sleep.delays) == [1.0, 1.0, 2.0, 2.0]
        first_slack, first_discord = slack_posts(slack), discord_fake.messages[CHANNEL_ID]
        assert len(first_slack) == 1 and len(first_discord) == 1
        ledger = DeliveryLedger(db)
        for key in (SLACK_KEY, DISCORD_KEY):
            entry = await ledger.get(key, SLOT)
            assert entry is not None and entry.state == "posting" and len(entry.message_ids) == 1  # parts out
            assert entry.retry_at is not None
        assert (await ledger.get(DISCORD_KEY, SLOT)).message_ids == (first_discord[0]["id"],)  # type: ignore[union-attr]

        clock.set(SLOT + timedelta(minutes=5))
        outcomes = await scheduler.tick(clock())
        assert sorted((o.channel, o.state) for o in outcomes) == [(DISCORD_KEY, "delivered"),
                                                                  (SLACK_KEY, "delivered")]
        posts = slack_posts(slack)
        total = len(posts)
        assert total >= 2
        for n, message in enumerate(posts, 1):  # every part once, in order
            assert validate_blocks(message["blocks"]) is None and "actions" not in block_types(message)
            assert f"part {n} of {total}" in shown(message["blocks"][-1])
        sent = discord_fake.messages[CHANNEL_ID]
        assert len(sent) >= 2 and sent[0] is first_discord[0]
        titles = [e["title"] for m in sent for e in m["embeds"] if re.match(r"\d+\. ", e["title"])]
        assert [int(t.split(".")[0]) for t in titles] == list(range(1, 21))  # every story once, in order
        entry = await ledger.get(DISCORD_KEY, SLOT)
        assert entry is not None and list(entry.message_ids) == [m["id"] for m in sent]
        entry = await ledger.get(SLACK_KEY, SLOT)
        assert entry is not None and entry.state == "delivered" and len(entry.message_ids) == total
    finally:
        await close_all(adapters)


async def test_a_429_with_a_long_retry_after_is_kept_and_the_briefing_goes_out_at_a_later_tick(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    sleep = RecordingSleep()
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=sleep, policy=RetryPolicy(max_wait=10.0)))
    await seed(db, config, 2)
    scheduler = Scheduler(Delivery(db, config, adapters), clock)
    slack.fail_next("webhook", Failure(status=429, error="rate_limited", retry_after=300))
    discord_fake.fail("POST", r"/webhooks/.*", 429, retry_after=90.0)
    waits = {SLACK_KEY: timedelta(seconds=300), DISCORD_KEY: timedelta(seconds=90)}
    ledger = DeliveryLedger(db)

    def requests() -> dict[str, int]:
        return {SLACK_KEY: webhook_calls(slack), DISCORD_KEY: len(discord_fake.calls("POST", r"/webhooks/.*"))}

    try:
        clock.set(SLOT)
        outcomes = await scheduler.tick(clock())
        assert sorted((o.channel, o.state) for o in outcomes) == [(DISCORD_KEY, "retry"), (SLACK_KEY, "retry")]
        assert sleep.delays == []  # longer than the policy waits in-process: handed back at once
        assert requests() == {SLACK_KEY: 1, DISCORD_KEY: 1}
        entry = await ledger.get(SLACK_KEY, SLOT)
        assert entry is not None and "rate limited by Slack (rate_limited, HTTP 429)" in (entry.error or "")
        for key, wait in waits.items():  # the Retry-After reached the ledger: its retry is no earlier (not 1 min)
            retried = await ledger.get(key, SLOT)
            assert retried is not None and retried.retry_at == SLOT + wait

        # a tick before then posts nothing and asks nothing of the webhooks
        assert {o.state for o in await scheduler.tick(SLOT + timedelta(minutes=1))} == {"waiting"}
        assert requests() == {SLACK_KEY: 1, DISCORD_KEY: 1}

        # tick at each retry the delivery path asks for: nothing reaches a webhook before its Retry-After passed
        delivered: dict[str, int] = {}
        refused = {SLACK_KEY: 0, DISCORD_KEY: 0}
        for _ in range(10):
            due = [e.retry_at for key in waits if (e := await ledger.get(key, SLOT)) is not None
                   and e.state != "delivered" and e.retry_at is not None]
            if not due:
                break
            clock.set(min(due))
            before = requests()
            for outcome in await scheduler.tick(clock()):
                if outcome.state == "delivered":
                    delivered[outcome.channel] = ticks = delivered.get(outcome.channel, 0) + 1
                    assert ticks == 1 and clock() >= SLOT + waits[outcome.channel]
                elif outcome.state == "retry":
                    assert clock() < SLOT + waits[outcome.channel] and "until" in outcome.detail
                    assert requests()[outcome.channel] == before[outcome.channel]  # refused without a request
                    refused[outcome.channel] += 1
        assert set(delivered) == {SLACK_KEY, DISCORD_KEY}
        assert refused == {SLACK_KEY: 0, DISCORD_KEY: 0}  # no retry came before its Retry-After had passed
        assert requests() == {SLACK_KEY: 2, DISCORD_KEY: 2}  # the 429, then the briefing: nothing else
        assert len(slack_posts(slack)) == 1 and len(discord_fake.messages[CHANNEL_ID]) == 1
        assert await scheduler.tick(clock() + timedelta(hours=1)) == []
        assert len(slack_posts(slack)) == 1 and len(discord_fake.messages[CHANNEL_ID]) == 1
    finally:
        await close_all(adapters)


async def test_a_short_retry_after_is_waited_out_in_the_same_tick(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    sleep = RecordingSleep()
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=sleep))
    await seed(db, config, 2)
    slack.fail_next("webhook", Failure(status=429, error="rate_limited", retry_after=1))
    discord_fake.fail("POST", r"/webhooks/.*", 429, retry_after=0.25)
    try:
        outcomes = await Scheduler(Delivery(db, config, adapters), clock).tick(SLOT)
        assert sorted((o.channel, o.state) for o in outcomes) == [(DISCORD_KEY, "delivered"),
                                                                  (SLACK_KEY, "delivered")]
        assert sorted(sleep.delays) == [0.25, 1.0]  # Discord's JSON retry_after (fractions), Slack's header
        assert len(slack_posts(slack)) == 1 and len(discord_fake.messages[CHANNEL_ID]) == 1
    finally:
        await close_all(adapters)


async def test_a_deleted_webhook_fails_for_good_and_the_reason_says_what_to_do(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    slack_url, discord_url = slack.add_webhook(SLACK_CHANNEL), discord_fake.add_webhook()
    config = webhook_config({SLACK_VAR: slack_url, DISCORD_VAR: discord_url})
    adapters = by_name(build_webhook_adapters(config, clock=clock, sleep=RecordingSleep()))
    await seed(db, config, 2)
    slack.remove_webhook(slack_url)
    discord_fake.delete_webhook(discord_url)
    try:
        outcomes = {o.channel: o for o in await Scheduler(Delivery(db, config, adapters), clock).tick(SLOT)}
        assert outcomes[SLACK_KEY].state == outcomes[DISCORD_KEY].state == "failed"
        assert webhook_calls(slack) == 1  # the briefing, tried once: no retries, no failure notice to a dead webhook
        store = ChannelStore(db)
        slack_error = (await store.get(ChannelRef.parse(SLACK_KEY))).last_error  # type: ignore[union-attr]
        discord_error = (await store.get(ChannelRef.parse(DISCORD_KEY))).last_error  # type: ignore[union-attr]
        assert slack_error is not None and discord_error is not None
        assert slack_error.startswith("the Slack webhook was removed or disabled (no_service, HTTP 404)")
        assert f"set ${SLACK_VAR} to its URL" in slack_error
        assert discord_error.startswith("the Discord webhook was deleted (HTTP 404, code 10015: Unknown Webhook)")
        assert f"set ${DISCORD_VAR} to its URL" in discord_error
        for error in (slack_error, discord_error):
            assert "127.0.0.1" not in error and "whsecret" not in error and "whtok" not in error
        entry = await DeliveryLedger(db).get(SLACK_KEY, SLOT)
        assert entry is not None and entry.state == "failed"
    finally:
        await close_all(adapters)


async def test_an_archived_channel_a_revoked_webhook_and_a_refused_layout(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    config = both_webhooks(slack, discord_fake)
    adapter, channel = await slack_webhook_alone(db, config, clock)
    delivery = Delivery(db, config, {adapter.name: adapter})
    try:
        # Slack refuses the blocks: the plain-text version of the same part goes out instead
        slack.fail_next("webhook", Failure(status=400, error="invalid_blocks"))
        assert (await delivery.post_now(channel, SLOT)).state == "delivered"
        [posted] = slack_posts(slack)
        assert "blocks" not in posted and "Quay 1 repairs" in posted["text"]

        slack.archived.add(SLACK_CHANNEL)
        await seed_one_more(db)
        outcome = await delivery.post_now(channel, SLOT + timedelta(hours=1))
        assert outcome.state == "failed" and outcome.detail.startswith(
            "the channel behind the webhook is archived (channel_is_archived, HTTP 410)")
        slack.archived.clear()
        slack.fail_next("webhook", Failure(status=403, error="action_prohibited"))
        await seed_one_more(db, 3)
        outcome = await delivery.post_now(channel, SLOT + timedelta(hours=2))
        assert outcome.state == "failed" and "Slack refused the webhook (action_prohibited, HTTP 403)" in outcome.detail
    finally:
        await adapter.close()


async def seed_one_more(db: Database, n: int = 2) -> None:
    await add_story(db, f"late{n}", text=story_text(100 + n), title=f"Late story {n}",
                    now=SLOT + timedelta(minutes=30 * n))


async def test_a_restart_mid_post_resumes_after_the_parts_the_ledger_recorded(
        db: Database, clock: ManualClock, slack: FakeSlack, discord_fake: FakeDiscord) -> None:
    """Webhooks cannot read the channel, but the ledger records each part as it goes out: a new process posts
    only the rest, every part once, and the ledger closes the slot once."""
    config = both_webhooks(slack, discord_fake, max_stories=20)
    await seed(db, config, 20)
    slack.fail_next("webhook", SERVER_ERROR, SERVER_ERROR, SERVER_ERROR, after=1)
    discord_fake.fail("POST", r"/webhooks/.*", 502, count=3, skip=1)
    before = by_name(build_webhook_adapters(config, clock=clock, sleep=RecordingSleep()))
    try:
        assert sorted(o.state for o in await Scheduler(Delivery(db, config, before), clock).tick(SLOT)) == [
            "retry", "retry"]
    finally:
        await close_all(before)
    first_slack, first_discord = slack_posts(slack), list(discord_fake.messages[CHANNEL_ID])
    assert len(first_slack) == 1 and len(first_discord) == 1
    ledger = DeliveryLedger(db)
    recorded = await ledger.get(DISCORD_KEY, SLOT)
    assert recorded is not None and recorded.message_ids == (first_discord[0]["id"],)

    after = by_name(build_webhook_adapters(config, clock=clock, sleep=RecordingSleep()))  # restarted
    scheduler = Scheduler(Delivery(db, config, after), clock)
    try:
        assert sorted(o.state for o in await scheduler.tick(SLOT + timedelta(minutes=5))) == [
            "delivered", "delivered"]
        posts = slack_posts(slack)
        total = len(posts)
        assert total >= 2 and posts[0] is first_slack[0]  # part 1 not again: the rest, in order
        assert [f"part {n} of {total}" in shown(m["blocks"][-1]) for n, m in enumerate(posts, 1)] == [True] * total
        sent = discord_fake.messages[CHANNEL_ID]
        titles = [e["title"] for m in sent for e in m["embeds"] if re.match(r"\d+\. ", e["title"])]
        assert [int(t.split(".")[0]) for t in titles] == list(range(1, 21))  # every story once, in order
        assert await scheduler.tick(SLOT + timedelta(hours=3)) == []
        assert len(slack_posts(slack)) == total and len(discord_fake.messages[CHANNEL_ID]) == len(sent)
        for key, ids in ((SLACK_KEY, None), (DISCORD_KEY, [m["id"] for m in sent])):
            [entry] = await ledger.entries(key)
            assert (entry.slot, entry.state) == (SLOT, "delivered")
            assert len(entry.message_ids) == (total if ids is None else len(ids))
            assert ids is None or list(entry.message_ids) == ids
    finally:
        await close_all(after)
