"""Schema v19 adds articles.text_source: rows stored before it get an origin only where the store can tell it
(SQLite and PostgreSQL alike), and a store copy or backup carries it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.config import IngestConfig
from bot.ingest.normalise import RawArticle, build_article
from bot.models import Article
from bot.store.articles import ArticleStore
from bot.store.backup import backup_sqlite
from bot.store.copy import copy_store
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.schema import articles
from bot.store.sources import SourceStore
from tests.old_store import upgraded
from tests.pg import fresh_database

TEXT_SOURCE_FROM = 19  # the schema version that added articles.text_source
NOW = datetime(2026, 6, 8, 7, 30, tzinfo=UTC)
CONFIG = IngestConfig()
FEED = "https://wend.example/feed.xml"
SOURCES = {FEED: "feed", "/srv/notes/harbour.txt": "file", "/srv/notes": "folder",
           "https://wend.example/news/dam": "page", "https://wend.example/news-sitemap.xml": "sitemap"}
TEASER = "Orrin's assembly voted six to three on Thursday to rebuild the stone bridge over the Wend."
LONG = " ".join(f"The {n}th span of the bridge over the Wend will be rebuilt in stone by builders from Orrin."
                for n in range(4, 24))


def _article(key: str, text: str, *, guid: str, origin: str = "") -> Article:
    built = build_article(RawArticle(title=f"Wend story {guid}", text=text, url=f"https://wend.example/{guid}",
                                     guid=guid), source=key, now=NOW, config=CONFIG)
    return replace(built, text_source=origin)  # type: ignore[arg-type]


async def _origins(db: Database) -> dict[str, str]:
    async with db.connect() as conn:
        rows = await conn.execute(sa.select(articles.c.guid, articles.c.text_source))
        return {str(r.guid): str(r.text_source) for r in rows}


async def _fill_v18(old: Database) -> None:
    """What a v18 briefbot stored: one article per kind of source, and a feed's teaser its page's text replaced."""
    for key, kind in SOURCES.items():
        await SourceStore(old).record_success(key, kind=kind, name=kind, now=NOW, added=1, etag=None,
                                              last_modified=None)
    store = ArticleStore(old)
    for n, key in enumerate(SOURCES):
        await store.save(_article(key, f"{TEASER} Story number {n} of the {SOURCES[key]}.", guid=SOURCES[key]),
                         now=NOW)
    await store.save(_article(FEED, TEASER, guid="expanded"), now=NOW)
    edited = await store.save(_article(FEED, LONG, guid="expanded"), now=NOW + timedelta(hours=1))
    assert edited.outcome == "updated"
    await store.save(_article("https://gone.example/feed.xml", TEASER + " Gone.", guid="orphan"), now=NOW)
    async with old.begin() as conn:  # this code's v1 made the column; the v18 code's did not
        await conn.execute(sa.text("ALTER TABLE articles DROP COLUMN text_source"))


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    return await fresh_database("briefbot_test_text_source")


async def test_an_upgraded_store_gives_old_rows_an_origin_only_where_it_is_sure(url: str) -> None:
    db = await upgraded(url, TEXT_SOURCE_FROM - 1, _fill_v18)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= TEXT_SOURCE_FROM
        assert await _origins(db) == {
            "file": "file", "folder": "file", "page": "page",
            "sitemap": "page",  # a news sitemap's items are stored with their pages' text
            "expanded": "page",  # an edit replaced its teaser by its page's text
            "feed": "",  # a feed's teaser or its page's text: judged as before the upgrade
            "orphan": "",  # its source is no longer known
        }
        assert await db.migrate() == len(MIGRATIONS)  # nothing re-applied
        store = ArticleStore(db)  # rows written from now on carry their origin
        await store.save(_article(FEED, TEASER + " A new one.", guid="new", origin="feed"), now=NOW)
        page = _article(FEED, LONG + " It opens in 2031.", guid="new", origin="page")
        assert (await store.save(page, now=NOW + timedelta(hours=1))).outcome == "updated"
        assert (await _origins(db))["new"] == "page"
        unsaid = _article(FEED, LONG + " It opens in 2032.", guid="new")
        assert (await store.save(unsaid, now=NOW + timedelta(hours=2))).outcome == "updated"
        assert (await _origins(db))["new"] == "page"  # an edit that says no origin keeps the stored one
        loaded = await store.get_many([a for a in await store.unclustered_ids()])
        assert {a.guid: a.text_source for a in loaded}["new"] == "page"
    finally:
        await db.close()


@pytest.fixture
async def filled(tmp_path: Path) -> AsyncIterator[Database]:
    db = await Database.open(f"sqlite:///{tmp_path / 'from.db'}")
    store = ArticleStore(db)
    for origin in ("feed", "page", "file"):
        await store.save(_article(FEED, f"{TEASER} The {origin} version.", guid=origin, origin=origin), now=NOW)
    yield db
    await db.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
async def test_a_store_copy_carries_each_texts_origin(filled: Database, tmp_path: Path, kind: str) -> None:
    target_url = (f"sqlite:///{tmp_path / 'to.db'}" if kind == "sqlite"
                  else await fresh_database("briefbot_test_text_source_copy"))
    target = await Database.open(target_url)
    try:
        report = await copy_store(filled, target)
        assert report.mismatches == []
        assert await _origins(target) == {"feed": "feed", "page": "page", "file": "file"}
    finally:
        await target.close()


async def test_a_backup_carries_each_texts_origin(filled: Database, tmp_path: Path) -> None:
    backup_sqlite(tmp_path / "from.db", tmp_path / "backup.db")
    copy = await Database.open(f"sqlite:///{tmp_path / 'backup.db'}")
    try:
        assert await _origins(copy) == {"feed": "feed", "page": "page", "file": "file"}
    finally:
        await copy.close()
