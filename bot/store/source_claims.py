"""Whether stored data shows a source is needed beyond one channel's follow, so unfollowing must not delete it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.store.articles import utc
from bot.store.db import Database
from bot.store.schema import articles, channel_sources, sources


@dataclass(frozen=True, slots=True)
class Follow:
    """One channel's follow of a source, as stored: when it began, and what stored data predates it."""

    followed_at: datetime | None
    source_added_at: datetime | None  # the sources row's, None when there is no row
    first_article_at: datetime | None  # the earliest stored article read from the source

    def predated(self) -> str:
        """Why the source is not this follow's to delete ("" when it is): the store had it, or articles from it,
        before the channel followed it (`briefbot ingest URL`, a config entry, another channel). A chat follow of
        a new address makes its sources row at the very moment of the follow."""
        if self.followed_at is None:
            return "its follow has no date"
        if self.source_added_at is not None and self.source_added_at < self.followed_at:
            return f"a source since {self.source_added_at:%Y-%m-%d %H:%M UTC}, before this channel followed it"
        if self.first_article_at is not None and self.first_article_at < self.followed_at:
            return f"articles read from it since {self.first_article_at:%Y-%m-%d %H:%M UTC}"
        return ""


async def read_follow(db: Database, channel: str, source: str) -> Follow:
    """The follow of ``source`` by the channel keyed ``channel`` (read before it is removed)."""
    async with db.connect() as conn:
        followed = (await conn.execute(sa.select(channel_sources.c.added_at).where(
            channel_sources.c.channel == channel, channel_sources.c.source == source))).scalar()
        added = (await conn.execute(sa.select(sources.c.added_at).where(sources.c.key == source))).scalar()
        first = (await conn.execute(sa.select(sa.func.min(articles.c.stored_at)).where(
            articles.c.source == source))).scalar()
    return Follow(_moment(followed), _moment(added), _moment(first))


def _moment(value: object) -> datetime | None:
    if isinstance(value, str):  # SQLite hands back text for an aggregate of datetimes
        value = datetime.fromisoformat(value)
    return utc(value) if isinstance(value, datetime) else None


async def pass_on(db: Database, source: str, since: datetime) -> None:
    """The source's other follows, after one that began at ``since`` ends, dated back to it: the claim of the chat
    follow that made the source passes to those that go on, so the last to end still deletes it (``predated``
    compares the store's dates with the follow's)."""
    async with db.begin() as conn:
        await conn.execute(channel_sources.update().where(
            channel_sources.c.source == source, channel_sources.c.added_at > since).values(added_at=since))
