"""A source added at the old address of a moved source (a new feed served there now) mints ids of its own: the moved
source keeps that address as its id scope (sources.id_scope), so without a scope of its own the new source's items
with the same GUIDs as the moved one's ("1", "2") would take the moved source's ids: an id clash on saving, or, for
an item retention removed, the new item dropped as "pruned". SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.ingest.canonical import article_id, content_hash
from bot.models import Article
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.retention import prune
from bot.store.sources import SourceStore
from tests.pg import fresh_database

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
OLD, NEW = "https://harbour.example/feed", "https://harbour.example/news/feed"
HARBOUR = "The harbour board approved a second slipway for small boats. Work starts after the summer regatta."
GARDENS = "The allotment society opened its waiting list again. Twelve plots by the old rope walk are free."


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    url = (f"sqlite:///{tmp_path / 'reused.db'}" if request.param == "sqlite"
           else await fresh_database("briefbot_test_id_scope_reused"))
    return await Database.open(url)


def item(source: str, site: str, text: str, guid: str = "1") -> Article:
    link = f"https://{site}.example/items/{guid}"
    return Article(id=article_id(guid, link, content_hash(text), scope=source), url=link, title=f"{site} item {guid}",
                   outlet=site, text=text, sentences=(), published=NOW, author=None, language="en", guid=guid,
                   source=source, content_hash=content_hash(text), fetched=NOW)


async def moved_then_reused(db: Database) -> ArticleStore:
    """OLD's item "1" stored, OLD moved to NEW, then a new source added at OLD."""
    store, saved = SourceStore(db), ArticleStore(db)
    await store.ensure(OLD, kind="feed", now=NOW)
    assert (await saved.save(item(OLD, "harbour", HARBOUR), now=NOW)).outcome == "added"
    assert await store.move(OLD, NEW)
    await store.ensure(OLD, kind="feed", now=NOW + timedelta(days=1))  # another feed is served there now
    return saved


async def test_a_source_added_at_a_moved_sources_old_address_stores_its_own_items(db: Database) -> None:
    try:
        saved = await moved_then_reused(db)
        other = await saved.save(item(OLD, "gardens", GARDENS), now=NOW + timedelta(days=1))  # was: IntegrityError
        assert other.outcome == "added"
        again = await saved.save(item(NEW, "harbour", HARBOUR), now=NOW + timedelta(days=1))  # the moved one's item
        assert (again.outcome, again.article_id) == ("unchanged", item(OLD, "harbour", HARBOUR).id)
        assert other.article_id != again.article_id
        stored = await saved.get_many([other.article_id, again.article_id])
        assert sorted(a.source for a in stored) == [OLD, NEW]
    finally:
        await db.close()


async def test_a_pruned_item_of_the_moved_source_does_not_drop_the_new_sources_item(db: Database) -> None:
    try:
        saved = await moved_then_reused(db)
        await prune(db, before=NOW + timedelta(hours=1))  # the moved source's item "1" is gone, its id remembered
        other = await saved.save(item(OLD, "gardens", GARDENS), now=NOW + timedelta(days=1))
        assert other.outcome == "added"  # was: "pruned", the new feed's item never stored
        back = await saved.save(item(NEW, "harbour", HARBOUR), now=NOW + timedelta(days=1))
        assert back.outcome == "pruned"  # the moved source's removed item stays removed
    finally:
        await db.close()
