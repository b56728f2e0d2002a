"""The store behaves the same on SQLite and PostgreSQL: dedupe, edits, search, migrations."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.models import Article, Sentence
from bot.store.articles import ArticleStore, query_terms
from bot.store.db import Database, StoreError, _sqlite_pragmas
from bot.store.migrations import MIGRATIONS
from tests.pg import fresh_database

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def make_article(aid: str, text: str, *, url: str = "", guid: str | None = None, title: str = "T") -> Article:
    sentences = []
    start = 0
    for i, part in enumerate(text.split(". ")):
        piece = part if part.endswith(".") else part + "."
        idx = text.find(part, start)
        sentences.append(Sentence(i, idx, idx + len(piece.rstrip(".")) + (1 if piece.endswith(".") else 0),
                                  text[idx: idx + len(piece)]))
        start = idx + len(part)
    return Article(id=aid, url=url, title=title, outlet="Outlet", text=text,
                   sentences=tuple(Sentence(s.index, s.start, s.start + len(s.text), s.text) for s in sentences),
                   guid=guid, content_hash=f"h-{hash(text)}", published=NOW)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/store.db"
    else:
        url = await fresh_database("briefbot_test_core")
    database = await Database.open(url)
    yield database
    await database.close()


async def test_same_article_twice_is_stored_once(db: Database) -> None:
    store = ArticleStore(db)
    a = make_article("a1", "The bridge closed. Queues formed.", url="https://x.example/a")
    assert (await store.save(a, now=NOW)).outcome == "added"
    assert (await store.save(a, now=NOW)).outcome == "unchanged"
    assert await store.count() == 1


async def test_same_guid_with_edited_text_updates_in_place(db: Database) -> None:
    store = ArticleStore(db)
    await store.save(make_article("a1", "First version. Old text.", guid="g1"), now=NOW)
    edited = make_article("zz", "First version. Corrected text here.", guid="g1", title="New title")
    result = await store.save(edited, now=NOW)
    assert result.outcome == "updated" and result.article_id == "a1"
    stored = await store.get("a1")
    assert stored is not None and stored.title == "New title" and "Corrected" in stored.text
    assert [s.text for s in stored.sentences] == [s.text for s in edited.sentences]
    assert await store.count() == 1
    # the full-text index follows the edit: old words gone, new words found
    assert await store.search("corrected") and not await store.search("old")


async def test_same_text_under_another_url_is_a_duplicate(db: Database) -> None:
    store = ArticleStore(db)
    await store.save(make_article("a1", "Identical words here. Again.", url="https://a.example/1"), now=NOW)
    result = await store.save(make_article("a2", "Identical words here. Again.", url="https://b.example/2"),
                              now=NOW)
    assert result.outcome == "duplicate" and result.duplicate_of == "a1"
    assert await store.count() == 1


async def test_search_is_ranked_and_safe_against_operators(db: Database) -> None:
    store = ArticleStore(db)
    await store.save(make_article("a1", "Bucharest summit decision. Bucharest again.", title="Bucharest"),
                     now=NOW)
    await store.save(make_article("a2", "A summit elsewhere. Nothing about the city."), now=NOW)
    hits = await store.search("Bucharest summit")
    assert [h.article_id for h in hits] == ["a1"]
    for hostile in ['Bucharest AND', '"', "*", "NEAR(", "-", ":", "'; DROP TABLE articles; --", "   ", "🙂"]:
        found = await store.search(hostile)  # never raises
        assert all(h.article_id in ("a1", "a2") for h in found)
    assert await store.count() == 2
    sentences = await store.search_sentences("bucharest")
    assert {(a, i) for a, i, _ in sentences} == {("a1", 0), ("a1", 1)}


def test_query_terms_keep_words_only() -> None:
    assert query_terms('Bucharest AND "x* NEAR(y' ) == ["Bucharest", "AND", "x", "NEAR", "y"]
    assert query_terms("   ") == []


async def test_migrations_are_versioned_and_idempotent(db: Database) -> None:
    assert await db.schema_version() == len(MIGRATIONS)
    assert await db.migrate() == len(MIGRATIONS)  # nothing re-applied


async def test_a_newer_schema_is_refused_clearly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/newer.db"
    db = await Database.open(url)
    async with db.begin() as conn:
        await conn.execute(sa.text("INSERT INTO schema_version (version) VALUES (999)"))
    await db.close()
    with pytest.raises(StoreError, match="newer than this briefbot understands"):
        await Database.open(url)


async def test_sqlite_store_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "store.db"
    db = await Database.open(f"sqlite:///{path}")
    await db.close()
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode & 0o077 == 0, oct(mode)


async def test_bad_database_url_names_the_key() -> None:
    with pytest.raises(StoreError, match=r"database\.url"):
        await Database.open("mysql://nobody@127.0.0.1/x")


async def test_retention_deletes_have_indexes_on_every_backend(db: Database) -> None:
    """v5: a channel's seen articles and delivered stories are found by article and by story."""
    async with db.connect() as conn:
        found = await conn.run_sync(lambda c: {
            table: {ix["name"]: tuple(ix["column_names"]) for ix in sa.inspect(c).get_indexes(table)}
            for table in ("channel_articles", "channel_stories")})
    assert found["channel_articles"]["ix_channel_articles_article"] == ("article_id",)
    assert found["channel_stories"]["ix_channel_stories_story"] == ("story_id",)


def test_connecting_to_an_existing_store_never_asks_for_the_write_lock(tmp_path: Path) -> None:
    """Setting auto_vacuum takes SQLite's write lock, so it is done only for a new, empty file: on an existing
    store every new pooled connection would otherwise wait for whoever is writing (and a writer waiting for a
    new connection would wait for itself)."""
    path = tmp_path / "s.db"
    for new in (True, False):
        conn = sqlite3.connect(path)
        seen: list[str] = []
        conn.set_trace_callback(seen.append)
        _sqlite_pragmas(conn, None, busy=30)
        if new:
            conn.execute("CREATE TABLE t (x)")
            conn.commit()
        conn.close()
        assert any("auto_vacuum" in s for s in seen) is new, seen
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (1)")
    reader = sqlite3.connect(path, timeout=0)  # no waiting: a lock request fails at once
    _sqlite_pragmas(reader, None, busy=30)  # would raise "database is locked" if it asked for the write lock
    assert reader.execute("PRAGMA auto_vacuum").fetchone() == (2,)
    writer.execute("ROLLBACK")


async def test_the_channels_a_person_set_topics_up_in_are_one_query_per_platform(db: Database) -> None:
    from bot.models import ChannelRef
    from bot.store.channels import ChannelDefaults, ChannelStore

    store, now = ChannelStore(db), datetime(2031, 1, 5, 9, 0, tzinfo=UTC)
    for key in ("slack:C1", "slack:C2", "slack:C3", "discord:9", "slack:C%_", "slack:C4"):
        await store.ensure(ChannelRef.parse(key), ChannelDefaults("daily 08:00", "UTC"), now=now)
    for key, user in (("slack:C1", "U1"), ("slack:C2", "U2"), ("slack:C3", "U1"), ("discord:9", "U1"),
                      ("slack:C%_", "U1")):  # LIKE's own characters in an id stay literal
        await store.subscribe(ChannelRef.parse(key), "NATO", user=user, now=now)
    await store.subscribe(ChannelRef.parse("slack:C1"), "Riga", user="U1", now=now)  # a second topic: once
    await store.subscribe(ChannelRef.parse("slack:C4"), "NATO", user="cli", now=now)
    assert await store.set_up_by("slack", "U1") == ["slack:C%_", "slack:C1", "slack:C3"]
    assert await store.set_up_by("discord", "U1") == ["discord:9"]
    assert await store.set_up_by("slack", "U9") == []
    assert await store.set_up_by("slac", "U1") == []  # a platform is matched whole, with its colon
