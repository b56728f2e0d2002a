"""Fixtures for channel tests: a file-backed SQLite store and a config with a 6h catch-up grace."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.store.db import Database


@pytest.fixture
def config() -> Config:
    return Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                  scheduler=SchedulerConfig(catch_up_grace="6h"))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'channels.db'}")
    yield database
    await database.close()
