"""Helpers for the webhook tests: a config read the real way (TOML keys and an environment), stories, a sleep, the
adapters built and closed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from fake_discord import FakeDiscord
from fake_slack import FakeSlack

from adapters.webhooks import build_webhook_adapters
from bot.adapter import Adapter
from bot.clock import ManualClock
from bot.config import Config, parse_config
from bot.models import ChannelRef
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 6, 2, 0, 0, tzinfo=UTC)  # a Monday, far ahead of the wall clock
SLOT = T0 + timedelta(hours=8)  # daily 08:00 UTC
SLACK_VAR, DISCORD_VAR = "NEWSDESK_SLACK_WEBHOOK_URL", "NEWSDESK_DISCORD_WEBHOOK_URL"
SLACK_KEY, DISCORD_KEY = "slack-webhook:newsdesk", "discord-webhook:newsdesk"
SLACK_CHANNEL = "C0NEWSDESK"


def webhook_config(env: dict[str, str], *, max_stories: int = 10, **channel: Any) -> Config:
    """Two webhook channels, daily 08:00 UTC, read by the config module from TOML-shaped data and ``env``."""
    raw = {"briefing": {"max_stories": max_stories, "timezone": "UTC", "default_since": "24h"},
           "scheduler": {"catch_up_grace": "6h"},
           "channels": [{"id": SLACK_KEY, "webhook_url_env": SLACK_VAR, "schedule": "daily 08:00", **channel},
                        {"id": DISCORD_KEY, "webhook_url_env": DISCORD_VAR, "schedule": "daily 08:00", **channel}]}
    return parse_config(raw, env)


def both_webhooks(slack: FakeSlack, discord: FakeDiscord, **options: Any) -> Config:
    """``webhook_config`` with both variables set: a new webhook on each local server."""
    return webhook_config({SLACK_VAR: slack.add_webhook(SLACK_CHANNEL), DISCORD_VAR: discord.add_webhook()},
                          **options)


def story_text(n: int) -> str:
    return (f"The harbour board met on day {n} to weigh repairs to quay number {n}. Engineers said the timber "
            f"of berth {n} would last another winter. Ferry crews asked for a new fender on pier {n}.")


async def seed(db: Database, config: Config, stories: int, *, at: datetime = T0 + timedelta(hours=7)) -> None:
    """The config's channels (created at T0) and ``stories`` one-article stories stored at ``at``."""
    await ChannelStore(db).seed(config, now=T0)
    for n in range(1, stories + 1):
        await add_story(db, f"s{n:02d}", text=story_text(n), title=f"Quay {n} repairs weighed by the board",
                        now=at + timedelta(seconds=n))


def by_name(adapters: Iterable[Adapter]) -> dict[str, Adapter]:
    return {a.name: a for a in adapters}


async def close_all(adapters: dict[str, Adapter]) -> None:
    for adapter in adapters.values():
        await adapter.close()


async def slack_webhook_alone(db: Database, config: Config, clock: ManualClock) -> tuple[Adapter, Channel]:
    """The Slack webhook adapter by itself (its sleeps recorded), and its channel as stored once one story is
    seeded."""
    [adapter] = [a for a in build_webhook_adapters(config, clock=clock, sleep=RecordingSleep())
                 if a.name == "slack-webhook"]
    await seed(db, config, 1)
    channel = await ChannelStore(db).get(ChannelRef.parse(SLACK_KEY))
    assert channel is not None
    return adapter, channel


class RecordingSleep:
    """An injected sleep: records the delays asked for and returns at once (no wall-clock waiting)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def slack_posts(server: FakeSlack) -> list[dict[str, Any]]:
    return [m for m in server.messages if m.get("webhook") and m.get("channel") == SLACK_CHANNEL]


def webhook_calls(server: FakeSlack) -> int:
    return sum(1 for method, _ in server.calls if method == "webhook")


def block_types(message: dict[str, Any]) -> set[str]:
    return {str(b.get("type")) for b in message.get("blocks") or []}


def shown(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False)
