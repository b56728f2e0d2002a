"""Stored article rows as the model has them: dates in UTC, text origins, an edit's date, stories' first_seen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Article, Sentence, TextSource
from bot.store.id_lists import id_chunks, one_of
from bot.store.schema import articles, stories


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def fill_first_seen(conn: AsyncConnection, dialect: str, story_ids: Sequence[str] | None) -> None:
    """Each of the stories (every story when None) without a ``first_seen`` gets its articles' earliest time: an
    article's publication date, or for one without a date when it was first stored (``stored_at``, which edits
    leave alone). The clusterer's profiles know only dates, so a story whose first articles had none (local files)
    was left without one, and breaking alerts never saw it as new (bot/alerts.py ``first_published``)."""
    a = articles.c
    earliest = (sa.select(sa.func.min(sa.func.coalesce(a.published, a.stored_at)))
                .where(a.story_id == stories.c.id).scalar_subquery())
    empty = stories.update().where(stories.c.first_seen.is_(None)).values(first_seen=earliest)
    if story_ids is None:
        await conn.execute(empty)
        return
    for chunk in id_chunks(dialect, story_ids):
        await conn.execute(empty.where(one_of(dialect, stories.c.id, chunk)))


def later(stored: datetime | None, seen: datetime | None) -> datetime | None:
    """The later of an article's stored feed time (``articles.feed_updated``) and one read again (None: unknown)."""
    stored, seen = utc(stored), utc(seen)
    return max(stored, seen) if stored is not None and seen is not None else stored or seen


def first_published(stored: datetime | None, edit: datetime | None) -> datetime | None:
    """An edited article's date: the earlier of its stored one and its edit's (a feed giving only <updated>, or a CMS
    moving pubDate to every save, dates the edit, not the article, which would come back as news), or the known one."""
    stored, edit = utc(stored), utc(edit)
    return min(stored, edit) if stored is not None and edit is not None else stored or edit


def row_to_article(row: Any, sents: Sequence[Sentence]) -> Article:
    return Article(
        id=row.id, url=row.url, title=row.title, outlet=row.outlet, text=row.text, sentences=tuple(sents),
        published=utc(row.published), author=row.author, language=row.language, guid=row.guid,
        source=row.source, content_hash=row.content_hash, fetched=utc(row.fetched),
        text_source=text_source(row.text_source), updated=utc(row.feed_updated),
    )


def text_source(value: object) -> TextSource:
    """A stored articles.text_source as the model has it ("" for anything else: unknown)."""
    return _TEXT_SOURCES.get(str(value), "")


_TEXT_SOURCES: dict[str, TextSource] = {"feed": "feed", "page": "page", "file": "file"}
