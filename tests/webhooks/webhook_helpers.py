"""Helpers for the webhook tests: a config read the real way (TOML keys and an environment), stories, a sleep."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from fake_slack import FakeSlack

from bot.config import Config, parse_config
from bot.store.channels import ChannelStore
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


def story_text(n: int) -> str:
    return (f"The harbour board met on day {n} to weigh repairs to quay number {n}. Engineers said the timber "
            f"of berth {n} would last another winter. Ferry crews asked for a new fender on pier {n}.")


async def seed(db: Database, config: Config, stories: int, *, at: datetime = T0 + timedelta(hours=7)) -> None:
    """The config's channels (created at T0) and ``stories`` one-article stories stored at ``at``."""
    await ChannelStore(db).seed(config, now=T0)
    for n in range(1, stories + 1):
        await add_story(db, f"s{n:02d}", text=story_text(n), title=f"Quay {n} repairs weighed by the board",
                        now=at + timedelta(seconds=n))


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
