"""Schema v27: articles.feed_updated, when the feed last said an article changed, kept as the latest seen by every
save (added, edited, read again unchanged) and filled where none is stored; a v26 store's rows get NULL (SQLite and
PostgreSQL alike)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.relinked import candidates
from bot.store.schema import articles
from tests import pg
from tests.core.test_revisions_store import NOW, V1, article
from tests.old_store import upgraded

FEED_UPDATED_FROM = 27  # the schema version that added articles.feed_updated
T1, T2, T3 = NOW - timedelta(hours=1), NOW - timedelta(minutes=30), NOW - timedelta(minutes=10)


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    yield (f"sqlite:///{tmp_path / 'feed_updated.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_feed_updated"))


async def _times(store: ArticleStore, article_id: str) -> tuple[datetime | None, datetime | None]:
    """(the stored feed time as texts_with_origin gives it, as a loaded article has it)."""
    found = await store.texts_with_origin([article_id], 100)
    loaded = await store.get(article_id)
    assert loaded is not None
    return found[article_id][3], loaded.updated


async def test_every_save_keeps_the_latest_feed_time(url: str) -> None:
    db = await Database.open(url)
    store = ArticleStore(db)
    first = replace(article(V1), updated=T2)
    try:
        assert (await store.save(first, now=NOW)).outcome == "added"
        assert await _times(store, first.id) == (T2, T2)
        assert (await store.save(replace(first, updated=T1), now=NOW)).outcome == "unchanged"
        assert await _times(store, first.id) == (T2, T2)  # an earlier time read again is not kept
        assert (await store.save(replace(first, updated=T3), now=NOW)).outcome == "unchanged"
        assert await _times(store, first.id) == (T3, T3)  # read again unchanged: its later time is kept
        edit = replace(article(V1.replace("Eleven", "Twelve")), updated=None)
        assert (await store.save(edit, now=NOW + timedelta(minutes=5))).outcome == "updated"
        assert await _times(store, first.id) == (T3, T3)  # an edit that says no time keeps the stored one
        later = replace(article(V1.replace("Eleven", "Thirteen")), updated=NOW)
        assert (await store.save(later, now=NOW + timedelta(minutes=6))).outcome == "updated"
        assert await _times(store, first.id) == (NOW, NOW)
        await store.fill_feed_times({first.id: NOW + timedelta(hours=1)})
        assert await _times(store, first.id) == (NOW, NOW)  # filled only where none is stored
        async with db.begin() as conn:
            await conn.execute(articles.update().values(feed_updated=None))
        await store.fill_feed_times({first.id: T1, "not-stored": T1})
        assert await _times(store, first.id) == (T1, T1)
    finally:
        await db.close()


async def _fill_v26(old: Database) -> None:
    """What a v26 briefbot stored: an article, in a table without the column and index (this code's v1 made them)."""
    assert (await ArticleStore(old).save(replace(article(V1), updated=T1), now=NOW)).outcome == "added"
    async with old.begin() as conn:
        await conn.execute(sa.text("DROP INDEX ix_articles_relink"))
        await conn.execute(sa.text("ALTER TABLE articles DROP COLUMN feed_updated"))


async def test_an_upgraded_store_has_no_feed_time_for_its_rows_and_keeps_new_ones(url: str) -> None:
    db = await upgraded(url, FEED_UPDATED_FROM - 1, _fill_v26)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= FEED_UPDATED_FROM
        assert await db.migrate() == len(MIGRATIONS)  # nothing re-applied
        store = ArticleStore(db)
        old = article(V1)
        assert await _times(store, old.id) == (None, None)
        assert (await store.save(replace(old, updated=T2), now=NOW)).outcome == "unchanged"
        assert await _times(store, old.id) == (T2, T2)
        assert "ix_articles_relink" in await _indexes(db)
    finally:
        await db.close()


async def _indexes(db: Database) -> set[str]:
    async with db.connect() as conn:
        return {str(i["name"]) for i in await conn.run_sync(lambda c: sa.inspect(c).get_indexes("articles"))}


async def test_the_relink_lookup_reads_its_index_however_far_back_the_date(tmp_path: Path) -> None:
    """SQLite without statistics (a store is never analysed) took ix_articles_guid, every row without a GUID, or
    ix_articles_stored, every row stored since a far-past date; the v27 index finds the source's rows of the date."""
    db = await Database.open(f"sqlite:///{tmp_path / 'plan.db'}")
    try:
        query = candidates(["https://harbour.test/feed.xml"], NOW - timedelta(days=400), NOW - timedelta(days=400))
        async with db.connect() as conn:
            sql = str(query.compile(conn.sync_connection, compile_kwargs={"literal_binds": True}))
            plan = " ".join(str(r[-1]) for r in await conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    finally:
        await db.close()
    assert "USING INDEX ix_articles_relink (source=? AND published>? AND published<?)" in plan
