"""Swapping one stored article's attributions for a new extraction's, in one transaction (`briefbot store requote`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Attribution
from bot.store.db import Database
from bot.store.fts_rows import delete_attribution_rows
from bot.store.quote_rows import attribution_rows, forget_speakers, hold_article
from bot.store.quotes import QuoteStore, attr
from bot.store.schema import articles

# what makes two stored attributions the same (topic_text follows from the sentences, which a requote leaves alone)
_KEY_COLUMNS = ("speaker", "speaker_as_written", "cue", "content", "kind", "sentence", "char_start", "char_end",
                "role", "cue_particle")
Key = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Swap:
    """One article's attributions before and after, and whether they differed (only then is anything written)."""

    before: int
    after: int
    changed: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article a requote reads: its id and title, and whether it still has text to extract from."""

    article_id: str
    title: str
    has_text: bool


async def candidates(db: Database, since: datetime | None) -> list[Candidate]:
    """The stored articles published or stored at or after ``since`` (all of them for None), in storage order."""
    a = articles.c
    query = sa.select(a.id, a.title, sa.func.length(sa.func.trim(a.text)) > 0).order_by(a.seq)
    if since is not None:
        query = query.where(sa.or_(a.published >= since, a.stored_at >= since))
    async with db.connect() as conn:
        rows = (await conn.execute(query)).all()
    return [Candidate(str(i), str(title or ""), bool(has)) for i, title, has in rows]


def _key(row: dict[str, Any]) -> Key:
    return tuple(row[c] for c in _KEY_COLUMNS)


async def _old_rows(conn: AsyncConnection, article_id: str) -> list[dict[str, Any]]:
    result = await conn.execute(sa.select(*(attr.c[c] for c in _KEY_COLUMNS)).where(attr.c.article_id == article_id))
    return [dict(r._mapping) for r in result.all()]


async def swap(db: Database, article_id: str, found: Sequence[Attribution], *, write: bool) -> Swap:
    """Compare an article's stored attributions with ``found`` and, when ``write`` and they differ, replace them in
    one transaction: full-text rows (SQLite), speaker counts, attribution rows, all or nothing. A transaction the
    server drops is run again from the start (``Database.transaction``): every step re-reads what it decides on."""
    quotes = QuoteStore(db)

    async def work(conn: AsyncConnection) -> Swap:
        if write:
            await hold_article(conn, db.dialect, article_id)
        old = await _old_rows(conn, article_id)
        new = await attribution_rows(conn, quotes, article_id, found)
        changed = Counter(map(_key, old)) != Counter(map(_key, new))
        if changed and write:
            if db.dialect == "sqlite":
                await delete_attribution_rows(conn, [article_id])
            await forget_speakers(conn, [str(r["speaker"]) for r in old])
            await conn.execute(attr.delete().where(attr.c.article_id == article_id))
            if new:
                await quotes.write_rows(conn, new)
        return Swap(len(old), len(new), changed)

    if write:
        return await db.transaction(work)
    async with db.connect() as conn:  # a dry run: read only, and the connection's transaction is rolled back
        return await work(conn)
