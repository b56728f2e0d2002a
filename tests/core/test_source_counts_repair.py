"""Schema v26: a store whose per-source article counts an older briefbot under-counted (a read an outage stopped
counted none of what it had saved) has them raised to the articles stored; a count holding pruned articles stays."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.schema import sources
from bot.store.sources import SourceStore
from tests import pg
from tests.core.test_revisions_store import NOW, V1, article
from tests.old_store import upgraded

BEFORE = 25  # the schema version before the repair (v26)
SHORT = "https://feeds.test/short.xml"  # three articles stored, one counted
PRUNED = "https://feeds.test/pruned.xml"  # one article stored, five counted (retention removed four since)
RIGHT = "https://feeds.test/right.xml"  # two stored, two counted
EMPTY = "https://feeds.test/empty.xml"  # none stored, none counted


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    yield (f"sqlite:///{tmp_path / 'counts.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_source_counts"))


async def fill(db: Database) -> None:
    """Articles saved as a stopped read of an older briefbot left them: stored, their sources' counts not raised."""
    stored = {SHORT: 3, PRUNED: 1, RIGHT: 2}
    counted = {SHORT: 1, PRUNED: 5, RIGHT: 2, EMPTY: 0}
    for key in counted:
        await SourceStore(db).ensure(key, kind="feed", now=NOW)
    n = 0
    for key, many in stored.items():
        for _ in range(many):
            n += 1
            text = V1.replace("Eleven", f"{n + 11} hundred")  # a text of its own: not a duplicate
            await ArticleStore(db).save(replace(article(text, key=f"item-{n}"), source=key), now=NOW)
    async with db.begin() as conn:
        for key, count in counted.items():
            await conn.execute(sources.update().where(sources.c.key == key).values(articles=count))


async def test_under_counted_sources_are_raised_to_what_is_stored_and_no_count_is_lowered(url: str) -> None:
    db = await upgraded(url, BEFORE, fill)
    try:
        assert await db.schema_version() == len(MIGRATIONS)
        counts = {s.key: s.articles for s in await SourceStore(db).list()}
    finally:
        await db.close()
    assert counts == {SHORT: 3, PRUNED: 5, RIGHT: 2, EMPTY: 0}

