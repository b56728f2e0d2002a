"""Fixtures for ``briefbot check``: a whole deployment on 127.0.0.1 (fake Slack, fake Discord, a feed server, a
SQLite store) to run the command against."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

# the Slack and Discord fakes are plain modules beside their own tests, importing their helpers by name; so is
# this folder's harness
if str(Path(__file__).parents[1] / "slack") not in sys.path:
    sys.path.insert(0, str(Path(__file__).parents[1] / "slack"))
if str(Path(__file__).parents[1] / "discord") not in sys.path:
    sys.path.insert(0, str(Path(__file__).parents[1] / "discord"))
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from check_harness import ENV, VARIABLES, Deployment, seed_store, wire_feed
from fake_discord import running_fake_discord
from fake_slack import FakeSlack

from tests.polling.feedserver import FeedServer


@pytest.fixture
def check_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
async def deployment(tmp_path: Path, check_env: None) -> AsyncIterator[Deployment]:
    slack = FakeSlack()
    await slack.start()
    feeds = await FeedServer(hosts=2).start()
    try:
        async with running_fake_discord() as discord:
            config_url = feeds.add(0, "wire.xml", wire_feed())
            followed_url = feeds.add(1, "harbour.xml", wire_feed())
            store = tmp_path / "store" / "briefbot.db"
            store.parent.mkdir()
            await seed_store(store, followed_url)
            feeds.log.clear()
            yield Deployment(tmp_path, slack, discord, feeds, store, config_url, followed_url)
    finally:
        await feeds.close()
        await slack.stop()
