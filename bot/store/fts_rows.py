"""Where each SQLite full-text row lives: rowids derived from the rows they index, so deletes are lookups.

FTS5 cannot index an UNINDEXED column, so deleting "the rows of article X" by its id scans the whole
full-text table. Each full-text row's rowid is therefore fixed by what it indexes: an article's row is its
storage number (``articles.seq``), a sentence's row is ``seq * SENTENCE_STRIDE + idx``, an attribution's row
is its id. Deletes then go by rowid through the ordinary indexed tables.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

SENTENCE_STRIDE = 1 << 20  # sentences per article the scheme leaves room for (ingest caps far below)


def sentence_rowid(seq: int, idx: int) -> int:
    if not 0 <= idx < SENTENCE_STRIDE:
        raise ValueError(f"sentence index {idx} outside 0..{SENTENCE_STRIDE - 1}")
    return seq * SENTENCE_STRIDE + idx


def _marks(article_ids: Sequence[str]) -> tuple[str, dict[str, str]]:
    params = {f"a{i}": a for i, a in enumerate(article_ids)}
    return ", ".join(f":{k}" for k in params), params


async def delete_text_rows(conn: AsyncConnection, article_ids: Sequence[str]) -> None:
    """Remove the articles' own and their sentences' full-text rows (before the sentence rows go: they
    say which full-text rows to remove)."""
    if not article_ids:
        return
    marks, params = _marks(article_ids)
    await conn.execute(sa.text(
        f"DELETE FROM sentence_fts WHERE rowid IN (SELECT a.seq * {SENTENCE_STRIDE} + s.idx FROM sentences s "
        f"JOIN articles a ON a.id = s.article_id WHERE s.article_id IN ({marks}))"), params)
    await conn.execute(sa.text(
        f"DELETE FROM article_fts WHERE rowid IN (SELECT seq FROM articles WHERE id IN ({marks}))"), params)


async def delete_attribution_rows(conn: AsyncConnection, article_ids: Sequence[str]) -> None:
    """Remove the full-text rows of the articles' attributions (before the attributions go)."""
    if not article_ids:
        return
    marks, params = _marks(article_ids)
    await conn.execute(sa.text(
        f"DELETE FROM attribution_fts WHERE rowid IN (SELECT id FROM attributions WHERE article_id IN ({marks}))"),
        params)
