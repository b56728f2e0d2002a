"""Harness for the ``briefbot check`` tests: a deployment's pieces, its config, and the command run in-process."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from fake_discord import APP_ID, GUILD_ID, FakeDiscord
from fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack

from bot.cli import _run, parse_args
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.polling.feedserver import Feed, FeedServer, Item

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
DISCORD_TOKEN = "FAKE.discord-check-token.0123456789"
ENV = {"CHECK_SLACK_BOT": BOT_TOKEN, "CHECK_SLACK_APP": APP_TOKEN, "CHECK_DISCORD": DISCORD_TOKEN}
VARIABLES = (*ENV, "CHECK_HEALTH_TOKEN", "CHECK_WIRE_KEY")


def wire_feed() -> Feed:
    """Two short items written for these tests."""
    items = [Item(guid=f"check-{n}", link=f"http://news.example/check/{n}", title=f"Quay repairs, part {n}",
                  text=f"The harbour board said repairs to quay {n} would finish before the autumn storms. "
                       "Engineers found the old timber sound enough to keep.", published=NOW) for n in (1, 2)]
    return Feed(items=items)


def file_state(path: Path) -> tuple[str, list[str]]:
    """The store file's hash and the files beside it (a -wal or -shm left behind would show)."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


@dataclass
class Deployment:
    """One deployment's pieces; ``config`` is the TOML text ``check`` reads (edit it before ``run``)."""

    tmp: Path
    slack: FakeSlack
    discord: FakeDiscord
    feeds: FeedServer
    store: Path
    config_url: str  # the configured source
    followed_url: str  # a source only the store follows, with its ETag stored
    guild_ids: list[str] = field(default_factory=lambda: [GUILD_ID])
    application_id: str = APP_ID
    extra_toml: str = ""
    slack_mode: str = "socket"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.store}"

    def config_text(self) -> str:
        guilds = ", ".join(f'"{g}"' for g in self.guild_ids)
        return (f'[slack]\nenabled = true\nmode = "{self.slack_mode}"\nbot_token_env = "CHECK_SLACK_BOT"\n'
                f'app_token_env = "CHECK_SLACK_APP"\nsigning_secret_env = "CHECK_SLACK_SECRET"\n'
                f'api_base_url = "{self.slack.api_url}"\n\n'
                f'[discord]\nenabled = true\ntoken_env = "CHECK_DISCORD"\napplication_id = "{self.application_id}"\n'
                f'guild_ids = [{guilds}]\napi_base_url = "{self.discord.api_base}"\n\n'
                f"[ingest]\nallow_private_networks = true\ntimeout_seconds = 5.0\n\n"
                f'[[sources]]\nurl = "{self.config_url}"\n\n'
                f'[[channels]]\nid = "slack:C0NEWS"\ntopics = ["harbour", "quay -storm"]\nschedule = "weekdays 07:30"\n'
                f'timezone = "Europe/Brussels"\n\n'
                f'[[channels]]\nid = "discord:{GUILD_ID}"\nschedule = "daily 08:00"\n' + self.extra_toml)

    async def run(self, *args: str, db: str = "") -> int:
        path = self.tmp / "briefbot.toml"
        path.write_text(self.config_text(), encoding="utf-8")
        return await _run(parse_args(["check", "--config", str(path), "--db", db or self.db_url, *args]))


def lines(out: str) -> dict[str, tuple[str, str]]:
    """check name -> (status, detail) from the text output (the last line is the count)."""
    found: dict[str, tuple[str, str]] = {}
    for line in out.strip().splitlines()[:-1]:
        status, rest = line.split(None, 1)
        check, _, detail = rest.partition(": ")
        found[check] = (status, detail)
    return found


def as_json(out: str) -> list[dict[str, Any]]:
    data = json.loads(out)
    assert isinstance(data, list)
    return data


async def seed_store(path: Path, followed: str) -> None:
    """A current store that follows ``followed`` with the ETag the feed server gives it now."""
    async with aiohttp.ClientSession() as session, session.get(followed) as response:
        etag = response.headers["ETag"]
    db = await Database.open(f"sqlite:///{path}")
    try:
        sources = SourceStore(db)
        await sources.record_success(followed, kind="feed", name="Harbour wire", now=NOW, added=2, etag=etag,
                                     last_modified=None)
    finally:
        await db.close()


