"""Full-text search over stored articles and sentences: user text reduced to plain words, ranked per engine."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
MAX_QUERY_TERMS = 12


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    rank: float  # higher is better


def query_terms(text: str) -> list[str]:
    """User text -> plain words only, so no full-text operator or syntax ever reaches the engine."""
    return [w.replace("’", "'") for w in _WORD.findall(text)][:MAX_QUERY_TERMS]


def fts_phrase(terms: Sequence[str]) -> str:
    """Plain words as an SQLite FTS5 MATCH expression: each a quoted string, all of them required."""
    return " ".join('"' + t.replace('"', "") + '"' for t in terms)


async def search_articles(conn: AsyncConnection, dialect: str, terms: Sequence[str], limit: int) -> list[SearchHit]:
    """Articles whose title or text holds all of ``terms`` (plain words: ``query_terms``), best first."""
    if dialect == "sqlite":
        rows = (await conn.execute(sa.text(
            "SELECT article_id, bm25(article_fts, 0.0, 3.0, 1.0) AS score FROM article_fts "
            "WHERE article_fts MATCH :q ORDER BY score LIMIT :n"), {"q": fts_phrase(terms), "n": limit})).all()
        return [SearchHit(r.article_id, -float(r.score)) for r in rows]
    rows = (await conn.execute(sa.text(
        "SELECT id, ts_rank(tsv, q) AS score FROM articles, plainto_tsquery('english', :q) q "
        "WHERE tsv @@ q ORDER BY score DESC LIMIT :n"), {"q": " ".join(terms), "n": limit})).all()
    return [SearchHit(r.id, float(r.score)) for r in rows]


async def search_sentences(conn: AsyncConnection, dialect: str, terms: Sequence[str],
                           limit: int) -> list[tuple[str, int, float]]:
    """(article_id, sentence index, rank) for sentences holding all of ``terms``, best first."""
    if dialect == "sqlite":
        rows = (await conn.execute(sa.text(
            "SELECT article_id, idx, bm25(sentence_fts) AS score FROM sentence_fts "
            "WHERE sentence_fts MATCH :q ORDER BY score LIMIT :n"), {"q": fts_phrase(terms), "n": limit})).all()
        return [(r.article_id, int(r.idx), -float(r.score)) for r in rows]
    rows = (await conn.execute(sa.text(
        "SELECT article_id, idx, ts_rank(tsv, q) AS score FROM sentences, "
        "plainto_tsquery('english', :q) q WHERE tsv @@ q ORDER BY score DESC LIMIT :n"),
        {"q": " ".join(terms), "n": limit})).all()
    return [(r.article_id, int(r.idx), float(r.score)) for r in rows]
