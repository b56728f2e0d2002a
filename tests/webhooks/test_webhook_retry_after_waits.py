"""A long Retry-After met after the adapter already waited out short ones in the same post: the ledger's retry time
counts those waits, so a restarted process (which forgets the adapter's own not-before) posts no earlier than asked.
Found by ``benchmarks/reliability_webhooks.py --failures-only`` (a 429 restart row posted 4 s early)."""

from __future__ import annotations

from datetime import timedelta

from fake_discord import CHANNEL_ID, FakeDiscord
from fake_slack import Failure, FakeSlack
from webhook_helpers import DISCORD_KEY, DISCORD_VAR, SLACK_CHANNEL, SLACK_KEY, SLACK_VAR, SLOT, seed, slack_posts

from adapters.webhooks import RetryPolicy, build_webhook_adapters
from bot.adapter import Adapter
from bot.clock import ManualClock
from bot.config import Config, parse_config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger


def one_channel_config(key: str, var: str, url: str) -> Config:
    raw = {"briefing": {"max_stories": 10, "timezone": "UTC", "default_since": "24h"},
           "scheduler": {"catch_up_grace": "6h"},
           "channels": [{"id": key, "webhook_url_env": var, "schedule": "daily 08:00"}]}
    return parse_config(raw, {var: url})


def adapters_on(config: Config, clock: ManualClock) -> dict[str, Adapter]:
    """A fresh process's webhook adapters; their waits move the clock, as real waits move the wall clock."""

    async def sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))

    return {a.name: a for a in build_webhook_adapters(config, clock=clock, sleep=sleep, policy=RetryPolicy())}


async def deliver_after_restart(db: Database, config: Config, clock: ManualClock, key: str,
                                asked_until_after: timedelta) -> None:
    """Tick at the slot (two short 429s waited out, then a long one handed back), restart, tick at the ledger's
    retry time: that time is no earlier than the long Retry-After counted from when it was given."""
    await seed(db, config, 2)
    ledger = DeliveryLedger(db)
    first = adapters_on(config, clock)
    clock.set(SLOT)
    try:
        [outcome] = await Scheduler(Delivery(db, config, first), clock).tick(clock())
        assert outcome.state == "retry"
    finally:
        for adapter in first.values():
            await adapter.close()
    entry = await ledger.get(key, SLOT)
    assert entry is not None and entry.retry_at is not None
    assert entry.retry_at >= SLOT + asked_until_after  # 2 s + 2 s waited, then the long Retry-After

    second = adapters_on(config, clock)  # restarted: the adapter's own not-before is gone; the ledger remains
    clock.set(entry.retry_at)
    try:
        [outcome] = await Scheduler(Delivery(db, config, second), clock).tick(clock())
        assert outcome.state == "delivered"
    finally:
        for adapter in second.values():
            await adapter.close()


async def test_slack_retry_time_counts_the_short_waits_before_the_long_retry_after(
        db: Database, clock: ManualClock, slack: FakeSlack) -> None:
    config = one_channel_config(SLACK_KEY, SLACK_VAR, slack.add_webhook(SLACK_CHANNEL))
    slack.fail_next("webhook", Failure(status=429, error="rate_limited", retry_after=2),
                    Failure(status=429, error="rate_limited", retry_after=2),
                    Failure(status=429, error="rate_limited", retry_after=300))
    await deliver_after_restart(db, config, clock, SLACK_KEY, timedelta(seconds=304))
    assert len(slack_posts(slack)) == 1


async def test_discord_retry_time_counts_the_short_waits_before_the_long_retry_after(
        db: Database, clock: ManualClock, discord_fake: FakeDiscord) -> None:
    config = one_channel_config(DISCORD_KEY, DISCORD_VAR, discord_fake.add_webhook())
    discord_fake.fail("POST", r"/webhooks/.*", 429, retry_after=2.0, count=2)
    discord_fake.fail("POST", r"/webhooks/.*", 429, retry_after=90.0)
    await deliver_after_restart(db, config, clock, DISCORD_KEY, timedelta(seconds=94))
    assert len(discord_fake.messages[CHANNEL_ID]) == 1
