"""Fixtures for webhook channels: the local Slack and Discord (with their webhook endpoints), a clock, a store."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

# the Slack and Discord fakes are plain modules beside their own tests, importing their helpers by name
for _folder in ("slack", "discord", "webhooks"):
    _path = str(Path(__file__).parents[1] / _folder)
    if _path not in sys.path:
        sys.path.insert(0, _path)

from fake_discord import FakeDiscord  # noqa: E402
from fake_slack import FakeSlack  # noqa: E402
from webhook_helpers import T0  # noqa: E402

from bot.clock import ManualClock  # noqa: E402
from bot.store.db import Database  # noqa: E402


@pytest.fixture(autouse=True)
def _no_platform_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack-sdk honours proxy variables (not NO_PROXY): the tests only ever talk to 127.0.0.1."""
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
async def slack(clock: ManualClock) -> AsyncIterator[FakeSlack]:
    server = FakeSlack(clock=lambda: clock().timestamp())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()  # plain aiohttp talks to its webhooks: discord.py needs no pointing here
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'webhooks.db'}")
    yield database
    await database.close()
