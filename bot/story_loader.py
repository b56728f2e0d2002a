"""Load stored stories as Story models: sources, summary with provenance, and their quotes."""

from __future__ import annotations

from datetime import datetime

from bot.models import SourceRef, Story
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.stories import StoryRow, StoryStore


async def load_stories(db: Database, *, since: datetime | None, limit: int = 500) -> list[Story]:
    """Stories that changed after ``since`` (all when None), with their sources and quotes."""
    rows = await StoryStore(db).changed_since(since, limit=limit)
    return await stories_from_rows(db, rows)


async def stories_from_rows(db: Database, rows: list[StoryRow]) -> list[Story]:
    articles = ArticleStore(db)
    quotes = QuoteStore(db)
    out: list[Story] = []
    for row in rows:
        ids = await articles.ids_for_story(row.id)
        loaded = await articles.get_many(ids)
        sources = tuple(
            SourceRef(article_id=a.id, name=a.outlet, url=a.url, title=a.title, published=a.published)
            for a in sorted(loaded, key=lambda a: (a.published is None, a.published or datetime.min, a.id))
        )
        out.append(Story(
            id=row.id, headline=row.headline, sources=sources, summary=row.summary,
            quotes=tuple(await quotes.for_articles(ids)), first_seen=row.first_seen,
            updated=row.updated, url=row.url,
        ))
    return out
