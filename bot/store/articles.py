"""ArticleStore: articles with their sentences, deduplicated on write, searchable by full text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Article, Sentence
from bot.store.db import Database
from bot.store.schema import articles, sentences

Outcome = Literal["added", "updated", "unchanged", "duplicate"]
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
MAX_QUERY_TERMS = 12


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What writing one article did: ``added``, ``updated`` (edited republication), ``unchanged``
    (seen before, same text) or ``duplicate`` (same text as another stored article)."""

    outcome: Outcome
    article_id: str
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    rank: float  # higher is better


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def query_terms(text: str) -> list[str]:
    """User text -> plain words only, so no full-text operator or syntax ever reaches the engine."""
    return [w.replace("’", "'") for w in _WORD.findall(text)][:MAX_QUERY_TERMS]


def _row_to_article(row: Any, sents: Sequence[Any]) -> Article:
    return Article(
        id=row.id, url=row.url, title=row.title, outlet=row.outlet, text=row.text,
        sentences=tuple(Sentence(s.idx, s.char_start, s.char_end, s.text) for s in sents),
        published=utc(row.published), author=row.author, language=row.language, guid=row.guid,
        source=row.source, content_hash=row.content_hash, fetched=utc(row.fetched),
    )


class ArticleStore:
    """Explicit methods over the articles, sentences and their full-text indexes."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def _find_existing(self, conn: AsyncConnection, article: Article) -> Any:
        if article.guid:
            row = (await conn.execute(
                sa.select(articles.c.id, articles.c.content_hash)
                .where(articles.c.guid == article.guid, articles.c.source == article.source)
            )).first()
            if row is not None:
                return row
        if article.url:
            row = (await conn.execute(
                sa.select(articles.c.id, articles.c.content_hash).where(articles.c.url == article.url)
            )).first()
            if row is not None:
                return row
        return None

    async def save(self, article: Article, *, now: datetime) -> SaveResult:
        """Insert, update an edited republication, or recognise a duplicate — in one transaction."""
        async with self.db.begin() as conn:
            existing = await self._find_existing(conn, article)
            if existing is not None:
                if existing.content_hash == article.content_hash:
                    return SaveResult("unchanged", existing.id)
                await self._update(conn, existing.id, article, now)
                return SaveResult("updated", existing.id)
            same_text = (await conn.execute(
                sa.select(articles.c.id).where(articles.c.content_hash == article.content_hash)
            )).first()
            if same_text is not None:
                return SaveResult("duplicate", same_text.id, duplicate_of=same_text.id)
            await conn.execute(articles.insert().values(
                id=article.id, url=article.url, guid=article.guid, title=article.title,
                outlet=article.outlet, author=article.author, published=article.published,
                language=article.language, text=article.text, content_hash=article.content_hash,
                source=article.source, fetched=article.fetched, stored_at=now, updated_at=now,
            ))
            await self._write_sentences(conn, article.id, article)
            return SaveResult("added", article.id)

    async def _update(self, conn: AsyncConnection, article_id: str, article: Article, now: datetime) -> None:
        await conn.execute(articles.update().where(articles.c.id == article_id).values(
            title=article.title, outlet=article.outlet, author=article.author,
            published=article.published or sa.literal_column("published"), text=article.text,
            content_hash=article.content_hash, updated_at=now, revision=articles.c.revision + 1,
            url=article.url or articles.c.url,
        ))
        await conn.execute(sentences.delete().where(sentences.c.article_id == article_id))
        if self.db.dialect == "sqlite":
            await conn.execute(sa.text("DELETE FROM article_fts WHERE article_id = :a"), {"a": article_id})
            await conn.execute(sa.text("DELETE FROM sentence_fts WHERE article_id = :a"), {"a": article_id})
        await self._write_sentences(conn, article_id, article)

    async def _write_sentences(self, conn: AsyncConnection, article_id: str, article: Article) -> None:
        rows = [
            {"article_id": article_id, "idx": s.index, "char_start": s.start, "char_end": s.end,
             "text": s.text}
            for s in article.sentences
        ]
        if rows:
            await conn.execute(sentences.insert(), rows)
        if self.db.dialect == "sqlite":
            await conn.execute(
                sa.text("INSERT INTO article_fts (article_id, title, body) VALUES (:a, :t, :b)"),
                {"a": article_id, "t": article.title, "b": article.text},
            )
            if rows:
                await conn.execute(
                    sa.text("INSERT INTO sentence_fts (article_id, idx, body) VALUES (:article_id, :idx, :text)"),
                    rows,
                )

    async def get(self, article_id: str) -> Article | None:
        found = await self.get_many([article_id])
        return found[0] if found else None

    async def get_many(self, ids: Sequence[str]) -> list[Article]:
        """Articles by id, in the order asked (missing ids skipped)."""
        if not ids:
            return []
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(articles).where(articles.c.id.in_(list(ids))))).all()
            sent_rows = (await conn.execute(
                sa.select(sentences).where(sentences.c.article_id.in_(list(ids)))
                .order_by(sentences.c.article_id, sentences.c.idx)
            )).all()
        by_article: dict[str, list[Any]] = {}
        for s in sent_rows:
            by_article.setdefault(s.article_id, []).append(s)
        by_id = {r.id: _row_to_article(r, by_article.get(r.id, [])) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    async def set_story(self, article_id: str, story_id: str) -> None:
        async with self.db.begin() as conn:
            await conn.execute(articles.update().where(articles.c.id == article_id).values(story_id=story_id))

    async def ids_for_story(self, story_id: str) -> list[str]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(articles.c.id).where(articles.c.story_id == story_id).order_by(articles.c.seq)
            )).all()
        return [r.id for r in rows]

    async def count(self) -> int:
        async with self.db.connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(articles))).scalar() or 0)

    async def unclustered_ids(self) -> list[str]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(articles.c.id).where(articles.c.story_id.is_(None)).order_by(articles.c.seq)
            )).all()
        return [r.id for r in rows]

    async def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Ranked full-text search over titles and text (bm25 on SQLite, ts_rank on PostgreSQL).
        Any user text is safe: it is reduced to plain words first."""
        terms = query_terms(text)
        if not terms:
            return []
        async with self.db.connect() as conn:
            if self.db.dialect == "sqlite":
                match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
                rows = (await conn.execute(sa.text(
                    "SELECT article_id, bm25(article_fts, 0.0, 3.0, 1.0) AS score FROM article_fts "
                    "WHERE article_fts MATCH :q ORDER BY score LIMIT :n"), {"q": match, "n": limit})).all()
                return [SearchHit(r.article_id, -float(r.score)) for r in rows]
            rows = (await conn.execute(sa.text(
                "SELECT id, ts_rank(tsv, q) AS score FROM articles, plainto_tsquery('english', :q) q "
                "WHERE tsv @@ q ORDER BY score DESC LIMIT :n"), {"q": " ".join(terms), "n": limit})).all()
            return [SearchHit(r.id, float(r.score)) for r in rows]

    async def search_sentences(self, text: str, *, limit: int = 50) -> list[tuple[str, int, float]]:
        """(article_id, sentence index, rank) for sentences matching all the words of ``text``."""
        terms = query_terms(text)
        if not terms:
            return []
        async with self.db.connect() as conn:
            if self.db.dialect == "sqlite":
                match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
                rows = (await conn.execute(sa.text(
                    "SELECT article_id, idx, bm25(sentence_fts) AS score FROM sentence_fts "
                    "WHERE sentence_fts MATCH :q ORDER BY score LIMIT :n"), {"q": match, "n": limit})).all()
                return [(r.article_id, int(r.idx), -float(r.score)) for r in rows]
            rows = (await conn.execute(sa.text(
                "SELECT article_id, idx, ts_rank(tsv, q) AS score FROM sentences, "
                "plainto_tsquery('english', :q) q WHERE tsv @@ q ORDER BY score DESC LIMIT :n"),
                {"q": " ".join(terms), "n": limit})).all()
            return [(r.article_id, int(r.idx), float(r.score)) for r in rows]

    async def latest_stored(self) -> datetime | None:
        async with self.db.connect() as conn:
            return utc((await conn.execute(sa.select(sa.func.max(articles.c.stored_at)))).scalar())

