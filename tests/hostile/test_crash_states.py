"""The states a SIGKILL can leave an ingest in, built directly (deterministic twins of the kill tests):
a restarted ingest must finish the work, so no stored article stays out of every briefing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from benchmarks.reliability_kills import check_store, write_corpus
from bot.app import App, make_pipeline
from bot.config import Config
from bot.ingest.sources import read_source
from bot.store.articles import ArticleStore
from bot.store.db import Database

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

Damage = Callable[[Database, list[Path]], Awaitable[None]]


async def _killed_before_clustering(db: Database, files: list[Path]) -> None:
    """Every article saved (each in its own transaction), the process gone before refresh_stories."""
    store = ArticleStore(db)
    for path in files:
        result = await read_source(str(path), fetcher=None, config=Config().ingest, now=NOW)
        for article in result.articles:
            await store.save(article, now=NOW)


async def _killed_before_story_rows(db: Database, files: list[Path]) -> None:
    """Articles placed in stories (set_story), the process gone before save_profile wrote the rows."""
    await _ingest(db, files)
    async with db.begin() as conn:
        await conn.execute(sa.text("DELETE FROM stories"))


async def _killed_before_summaries(db: Database, files: list[Path]) -> None:
    """Story rows written with their profiles, the process gone before any summary was saved."""
    await _ingest(db, files)
    async with db.begin() as conn:
        await conn.execute(sa.text("UPDATE stories SET summary = '[]', size = 0, headline = ''"))


async def _ingest(db: Database, files: list[Path]) -> None:
    app = App(config=Config(), db_url=db.url, clock=lambda: NOW)
    app._db = db
    pipeline = await make_pipeline(app, with_quotes=False)
    report = await pipeline.ingest([str(f) for f in files], None)
    assert not report.problems


@pytest.mark.parametrize("damage", [_killed_before_clustering, _killed_before_story_rows, _killed_before_summaries],
                         ids=["before-clustering", "before-story-rows", "before-summaries"])
async def test_restarted_ingest_finishes_what_a_kill_interrupted(tmp_path: Path, damage: Damage) -> None:
    files = write_corpus(tmp_path / "corpus", 6)
    db_path = tmp_path / "store.db"
    db = await Database.open(f"sqlite:///{db_path}")
    try:
        await damage(db, files)
        await _ingest(db, files)  # the restart: same inputs, nothing new to store
    finally:
        await db.close()
    check = check_store(db_path)
    assert check.articles == 6 and check.duplicate_sources == 0
    assert check.unclustered == 0, "articles left out of every story after the restart"
    assert check.dangling == 0, "articles left in stories without a row or summary (never briefed)"
