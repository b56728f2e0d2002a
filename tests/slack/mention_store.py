"""A SQLite store holding the shared seed articles (real quotes), and the real dispatcher over a copy of it."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App, make_pipeline
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.config import Config

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
SEED_NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # a Sunday after the seed articles' week


def seed_store(folder: Path) -> Path:
    """Ingest the shared seeds into ``folder/seeded.db`` (the real pipeline: sentences, spaCy quotes)."""
    if not SEEDS.is_dir():
        pytest.skip(f"the shared seeds are not at {SEEDS}")
    path = folder / "seeded.db"

    async def ingest() -> None:
        app = App(config=Config(), db_url=f"sqlite:///{path}", clock=lambda: SEED_NOW)
        try:
            pipeline = await make_pipeline(app)
            await pipeline.ingest([str(SEEDS)], None)
        finally:
            await app.close()

    asyncio.run(ingest())
    return path


@asynccontextmanager
async def real_dispatcher(seeded: Path, folder: Path) -> AsyncIterator[Dispatcher]:
    """The production command list over a fresh copy of the seeded store (a test may change its copy)."""
    copy = folder / "store.db"
    shutil.copyfile(seeded, copy)
    app = App(config=Config(), db_url=f"sqlite:///{copy}", clock=lambda: SEED_NOW)
    try:
        yield build_dispatcher(CommandDeps(app.config, await app.db(), app.clock))
    finally:
        await app.close()
