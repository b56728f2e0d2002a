"""SQLite full-text rows live at rowids derived from what they index: edits and deletes are lookups, and
migration v6 moves an older store's rows there (dropping rows whose article is gone)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.fts_rows import SENTENCE_STRIDE, sentence_rowid
from bot.store.migrations import MIGRATIONS
from bot.store.quotes import QuoteStore
from tests.core.test_store import make_article
from tests.old_store import as_of

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TEXT = "The harbour council met on Monday. Officials said the quay would reopen in March."


async def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    async with db.connect() as conn:
        return [tuple(r) for r in (await conn.execute(sa.text(sql))).all()]


async def _seq(db: Database, article_id: str) -> int:
    return int((await _rows(db, f"SELECT seq FROM articles WHERE id = '{article_id}'"))[0][0])


async def test_rows_follow_the_article_and_an_edit_replaces_them(tmp_path: Path) -> None:
    db = await Database.open(str(tmp_path / "s.db"))
    try:
        store = ArticleStore(db)
        await store.save(make_article("a1", TEXT, guid="g1"), now=NOW)
        await store.save(make_article("a2", "A second story about the bridge. It closed on Friday."), now=NOW)
        seq = await _seq(db, "a1")
        assert await _rows(db, "SELECT rowid FROM article_fts WHERE article_id = 'a1'") == [(seq,)]
        assert await _rows(db, "SELECT rowid, idx FROM sentence_fts WHERE article_id = 'a1' ORDER BY idx") == [
            (sentence_rowid(seq, 0), 0), (sentence_rowid(seq, 1), 1)]
        edited = make_article("zz", "The harbour council met on Monday. Divers found cracks. Work waits.", guid="g1")
        assert (await store.save(edited, now=NOW)).outcome == "updated"
        assert await _rows(db, "SELECT count(*) FROM sentence_fts WHERE article_id = 'a1'") == [(3,)]
        assert await store.search_sentences("divers") and not await store.search_sentences("quay")
        assert await store.search_sentences("bridge")  # the other article's rows were not touched
    finally:
        await db.close()


async def test_attribution_rows_are_the_attribution_ids(tmp_path: Path) -> None:
    db = await Database.open(str(tmp_path / "q.db"))
    try:
        await ArticleStore(db).save(make_article("a1", TEXT), now=NOW)
        said = Attribution("a1", "Officials", "Officials", "said", "the quay would reopen in March", "indirect",
                           1, 50, 80)
        quotes = QuoteStore(db)
        await quotes.replace("a1", [said])
        await quotes.replace("a1", [said])  # again: the first row's index entry goes with it
        assert await _rows(db, "SELECT f.rowid = t.id FROM attribution_fts f JOIN attributions t "
                               "ON t.id = f.attr_id") == [(1,)]
    finally:
        await db.close()


async def test_migration_moves_an_older_stores_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    as_of(monkeypatch, 5)  # a store from before v6
    old = await Database.open(url)
    try:
        await ArticleStore(old).save(make_article("a1", TEXT), now=NOW)
        async with old.begin() as conn:  # rows as older code wrote them: rowids in insertion order
            for table, cols, src in (("article_fts", "article_id, title, body", "id, title, text FROM articles"),
                                     ("sentence_fts", "article_id, idx, body", "article_id, idx, text FROM sentences")):
                await conn.execute(sa.text(f"DELETE FROM {table}"))
                await conn.execute(sa.text(f"INSERT INTO {table} (rowid, {cols}) VALUES (777, 'gone', "
                                           + ("'x', 'orphan words'" if table == "article_fts" else "0, 'orphan'")
                                           + ")"))
                await conn.execute(sa.text(f"INSERT INTO {table} ({cols}) SELECT {src}"))
    finally:
        await old.close()
    as_of(monkeypatch, len(MIGRATIONS))
    new = await Database.open(url)
    try:
        seq = await _seq(new, "a1")
        assert await _rows(new, "SELECT rowid, article_id FROM article_fts") == [(seq, "a1")]  # orphan dropped
        assert await _rows(new, "SELECT rowid FROM sentence_fts ORDER BY rowid") == [
            (seq * SENTENCE_STRIDE,), (seq * SENTENCE_STRIDE + 1,)]
        store = ArticleStore(new)
        assert [h.article_id for h in await store.search("harbour council")] == ["a1"]
        assert not await store.search("orphan")
    finally:
        await new.close()
