"""Fixtures: a local Discord (REST + gateway) and the real adapter pointed at it."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

# the helpers beside this file (fake_discord, discord_harness) are plain modules; with pytest's
# importlib mode nothing puts this folder on the path for them
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from discord_harness import NOW, AdapterFactory, Recorder, discord_config
from fake_discord import FakeDiscord, running_fake_discord

from adapters.discord import DiscordAdapter


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord() as server:
        yield server


@pytest.fixture
async def make_adapter(fake: FakeDiscord) -> AsyncIterator[AdapterFactory]:
    made: list[DiscordAdapter] = []

    def factory(**overrides: object) -> DiscordAdapter:
        defer_after = float(overrides.pop("defer_after", 2.0))  # type: ignore[arg-type]
        autocomplete = overrides.pop("autocomplete", None)
        extra = {"autocomplete": autocomplete} if autocomplete else {}
        adapter = DiscordAdapter(discord_config(fake, **overrides), clock=lambda: NOW, defer_after=defer_after,
                                 guild_ready_timeout=0.05, **extra)  # type: ignore[arg-type]
        made.append(adapter)
        return adapter

    yield factory
    for adapter in made:
        await adapter.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()
