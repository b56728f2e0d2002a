"""Fixtures for channel tests: a file-backed SQLite store and a config with a 6h catch-up grace."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.store.db import Database


@pytest.fixture(autouse=True)
def _no_platform_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real Slack/Discord libraries must only ever see the local fakes."""
    # slack-bolt falls back to SLACK_* variables, and slack-sdk honours proxies but not NO_PROXY
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "HTTPS_PROXY", "https_proxy",
                 "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def config() -> Config:
    return Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                  scheduler=SchedulerConfig(catch_up_grace="6h"))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'channels.db'}")
    yield database
    await database.close()
