"""What saving a chunk of articles checks first: ids of moved sources, ids retention removed, page texts kept."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.ingest.canonical import article_id as make_article_id
from bot.models import Article
from bot.store.dedupe import Decision
from bot.store.id_lists import id_chunks, one_of
from bot.store.schema import articles, pruned_articles, sources


async def in_id_scope(conn: AsyncConnection, chunk: Sequence[Article]) -> Sequence[Article]:
    """The articles with GUIDs of a source that moved (SourceStore.move) with the ids their source's first address
    gives them (``sources.id_scope``), so an item read again at the new address is the stored article, and one that
    retention removed stays removed (``pruned_articles`` holds the ids it had)."""
    keys = sorted({a.source for a in chunk if a.guid})
    if not keys:
        return chunk
    s = sources.c
    scopes = {str(r.key): str(r.id_scope) for r in await conn.execute(
        sa.select(s.key, s.id_scope).where(s.key.in_(keys), s.id_scope.is_not(None)))}
    if not scopes:
        return chunk
    return [replace(a, id=make_article_id(a.guid, a.url, a.content_hash, scope=scopes[a.source]))
            if a.guid and a.source in scopes else a for a in chunk]


async def pruned_ids(conn: AsyncConnection, ids: Sequence[str]) -> set[str]:
    """Those of ``ids`` that retention removed (bot/store/retention.py remembers them for a while)."""
    if not ids:
        return set()
    c = pruned_articles.c
    found: set[str] = set()
    for chunk in id_chunks(conn.dialect.name, sorted(set(ids))):
        query = sa.select(c.article_id).where(one_of(conn.dialect.name, c.article_id, chunk))
        found.update(str(r[0]) for r in await conn.execute(query))
    return found


def _text_words(text: str) -> int:
    return len(re.findall(r"\w+", text))  # as bot/ingest/full_text.py word_count counts them


async def kept_page_texts(conn: AsyncConnection, decisions: Sequence[Decision]) -> set[int]:
    """Indexes of the edits a feed's text with fewer words would make of another stored article's page or file text
    (found by its link, or by a GUID the feed changed): not made. bot/ingest/full_text.py may_replace keeps a teaser
    off the text stored under its own id only; a feed text with as many words or more is still an edit."""
    asked = {n: d for n, d in enumerate(decisions)
             if d.outcome == "updated" and d.target != d.article.id and d.article.text_source == "feed"}
    if not asked:
        return set()
    c, dialect = articles.c, conn.dialect.name
    words: dict[str, int] = {}
    for chunk in id_chunks(dialect, sorted({d.target for d in asked.values()})):
        rows = await conn.execute(sa.select(c.id, c.text).where(one_of(dialect, c.id, chunk),
                                                                c.text_source.in_(("page", "file"))))
        words.update((str(r[0]), _text_words(str(r[1] or ""))) for r in rows)
    return {n for n, d in asked.items() if d.target in words and _text_words(d.article.text) < words[d.target]}


async def note_feed_times(conn: AsyncConnection, times: Mapping[str, datetime], *, unset_only: bool = False) -> None:
    """Each stored article of ``times`` (id: when its feed says it last changed) keeps that time as its
    ``feed_updated`` where it is later than the stored one, or (``unset_only``) where none is stored: an item read
    again unchanged is not read as edited at its next read, and a row stored before v27 gets its feed's time
    without its page being read again."""
    if not times:
        return
    c = articles.c
    unset, seen = c.feed_updated.is_(None), sa.bindparam("seen", type_=c.feed_updated.type)
    query = articles.update().where(c.id == sa.bindparam("key"), unset if unset_only
                                    else sa.or_(unset, c.feed_updated < seen)).values(feed_updated=seen)
    await conn.execute(query, [{"key": k, "seen": t} for k, t in sorted(times.items())])  # one executemany
