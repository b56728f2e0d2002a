"""SQLite full-text rows rebuilt from the rows they index, as the store writes them (bot/store/fts_rows.py rowids).

A copied store gets its full-text rows this way instead of copying them: they are derived, and PostgreSQL keeps
its own (generated tsvector columns) where SQLite has FTS5 tables.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.db import Database
from bot.store.fts_rows import SENTENCE_STRIDE

FTS_TABLES = ("article_fts", "sentence_fts", "attribution_fts")
# each full-text table and the table whose rows it indexes, one full-text row per row
FTS_SOURCES = {"article_fts": "articles", "sentence_fts": "sentences", "attribution_fts": "attributions"}

# The rows of articles with seq in lo..hi: an article's own (title, text), its sentences', its attributions'
# (speaker as ``QuoteStore.write_rows`` joins it, body the topic text).
_REBUILD = (
    "INSERT INTO article_fts (rowid, article_id, title, body) "
    "SELECT seq, id, title, text FROM articles WHERE seq BETWEEN :lo AND :hi",
    f"INSERT INTO sentence_fts (rowid, article_id, idx, body) "
    f"SELECT a.seq * {SENTENCE_STRIDE} + s.idx, s.article_id, s.idx, s.text FROM sentences s "
    f"JOIN articles a ON a.id = s.article_id WHERE a.seq BETWEEN :lo AND :hi",
    "INSERT INTO attribution_fts (rowid, attr_id, speaker, body) "
    "SELECT t.id, t.id, t.speaker || ' ' || t.speaker_as_written || ' ' || coalesce(t.role, ''), t.topic_text "
    "FROM attributions t JOIN articles a ON a.id = t.article_id WHERE a.seq BETWEEN :lo AND :hi",
)

Progress = Callable[[int, int], None]  # articles done, articles in all


async def rebuild_text_rows(db: Database, *, batch: int, progress: Progress | None = None) -> None:
    """Write the full-text rows of every article, ``batch`` articles a transaction (a SQLite store whose
    full-text tables are empty: a copy's target)."""
    if db.dialect != "sqlite":
        raise ValueError("full-text rows are rebuilt on SQLite only (PostgreSQL generates its own)")
    async with db.connect() as conn:
        total = int((await conn.execute(sa.text("SELECT count(*) FROM articles"))).scalar() or 0)
    done, after = 0, -1
    while True:
        bounds = await db.transaction(_next_batch(after, batch))
        if bounds is None:
            break
        count, after = bounds
        done += count
        if progress is not None:
            progress(done, total)


def _next_batch(after: int, batch: int) -> Callable[[AsyncConnection], Awaitable[tuple[int, int] | None]]:
    async def work(conn: AsyncConnection) -> tuple[int, int] | None:
        row = (await conn.execute(sa.text(
            "SELECT count(*), max(seq) FROM (SELECT seq FROM articles WHERE seq > :after ORDER BY seq LIMIT :n)"),
            {"after": after, "n": batch})).one()
        if not row[0]:
            return None
        for statement in _REBUILD:
            await conn.execute(sa.text(statement), {"lo": after + 1, "hi": int(row[1])})
        return int(row[0]), int(row[1])

    return work
