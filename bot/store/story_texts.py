"""What a channel's topics and followed sources read of stories' articles, without loading the articles: the text of
their sentences, and the feed each came from."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from bot.store.db import Database
from bot.store.id_lists import id_chunks, one_of
from bot.store.schema import articles, sentences


async def sentence_texts(db: Database, story_ids: Sequence[str]) -> dict[str, str]:
    """Per story with articles, the text of every sentence of them (what topic matching reads of a story's articles,
    ``bot.topics.StoryText``) in no particular order, joined by line breaks (by the database: one row a story); a
    story whose articles have no sentence gets ""."""
    out: dict[str, str] = {}
    a, s = articles.c, sentences.c
    dialect = db.dialect
    async with db.connect() as conn:
        for chunk in id_chunks(dialect, story_ids):
            rows = await conn.execute(sa.select(a.story_id, sa.func.aggregate_strings(s.text, "\n"))
                                      .select_from(articles.outerjoin(sentences, s.article_id == a.id))
                                      .where(one_of(dialect, a.story_id, chunk)).group_by(a.story_id))
            out.update((str(story_id), text or "") for story_id, text in rows)
    return out


async def article_feeds(db: Database, story_ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """Per story with articles, each article's id and where it was ingested from (``Article.source``: the feed a
    channel follows)."""
    out: dict[str, dict[str, str]] = {}
    a = articles.c
    dialect = db.dialect
    async with db.connect() as conn:
        for chunk in id_chunks(dialect, story_ids):
            rows = await conn.execute(sa.select(a.story_id, a.id, a.source).where(one_of(dialect, a.story_id, chunk)))
            for story_id, article_id, source in rows:
                out.setdefault(story_id, {})[article_id] = source
    return out
