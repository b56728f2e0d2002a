"""SourceStore.move on SQLite and PostgreSQL: the source's row, its articles and its channels' follows take the new
URL in one go; a channel following both keeps one follow; a target that is a source already moves nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.db import Database
from bot.store.schema import articles, channel_sources, channels
from bot.store.sources import SourceStore
from tests import pg

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
OLD, NEW = "http://harbour.example/rss", "https://harbour.example/feed/"


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = str(tmp_path / "move.db") if request.param == "sqlite" else await pg.fresh_database("briefbot_test_move")
    database = await Database.open(url)
    try:
        yield database
    finally:
        await database.close()


async def _channel(db: Database, key: str, *follows: str) -> None:
    async with db.begin() as conn:
        await conn.execute(channels.insert().values(key=key, schedule="daily 08:00", timezone="UTC", created_at=NOW,
                                                    slots_from=NOW))
        for source in follows:
            await conn.execute(channel_sources.insert().values(channel=key, source=source, added_at=NOW))


async def _article(db: Database, article_id: str, source: str) -> None:
    async with db.begin() as conn:
        await conn.execute(articles.insert().values(id=article_id, url=f"https://harbour.example/{article_id}",
                                                    title="Ferry timetable changes", outlet="Harbour Daily",
                                                    text="The ferry leaves at nine.", content_hash=article_id,
                                                    source=source, stored_at=NOW, updated_at=NOW))


async def test_a_move_takes_the_articles_and_follows_along(db: Database) -> None:
    store = SourceStore(db)
    await store.ensure(OLD, kind="feed", now=NOW)
    await store.ensure("https://other.example/feed", kind="feed", now=NOW)
    await _article(db, "a1", OLD)
    await _article(db, "a2", "https://other.example/feed")
    await _channel(db, "slack:C1", OLD, "https://other.example/feed")
    await _channel(db, "slack:C2", OLD)

    assert await store.move(OLD, NEW)
    assert [s.key for s in await store.list()] == [NEW, "https://other.example/feed"]
    async with db.connect() as conn:
        follows = sorted((r.channel, r.source) for r in await conn.execute(sa.select(channel_sources)))
        sources_of = dict((r.id, r.source) for r in await conn.execute(sa.select(articles.c.id, articles.c.source)))
    assert follows == [("slack:C1", NEW), ("slack:C1", "https://other.example/feed"), ("slack:C2", NEW)]
    assert sources_of == {"a1": NEW, "a2": "https://other.example/feed"}
    assert not await store.move(OLD, NEW)  # nothing left to move


async def test_a_channel_following_both_addresses_keeps_one_follow(db: Database) -> None:
    store = SourceStore(db)
    await store.ensure(OLD, kind="feed", now=NOW)
    await _channel(db, "slack:C1", OLD, NEW)  # followed the new address by chat before the source moved
    assert await store.move(OLD, NEW)
    async with db.connect() as conn:
        follows = sorted((r.channel, r.source) for r in await conn.execute(sa.select(channel_sources)))
    assert follows == [("slack:C1", NEW)]


async def test_a_move_onto_an_existing_source_changes_nothing(db: Database) -> None:
    store = SourceStore(db)
    for key in (OLD, NEW):
        await store.ensure(key, kind="feed", now=NOW)
    await _article(db, "a1", OLD)
    await _channel(db, "slack:C1", OLD)
    assert not await store.move(OLD, NEW)
    assert [s.key for s in await store.list()] == [OLD, NEW]
    async with db.connect() as conn:
        assert [r.source for r in await conn.execute(sa.select(channel_sources.c.source))] == [OLD]
        assert [r.source for r in await conn.execute(sa.select(articles.c.source))] == [OLD]
