"""A feed item without a GUID republished at a new link (its slug following a corrected headline): the row it edits."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Article
from bot.store.dedupe import StoredKeys
from bot.store.schema import articles

SAME_WORDS = 0.8  # of each text's distinct words, the least share the other holds
# how long before its publication date a stored version may have been stored (a clamped future date, a slow clock)
STORED_SLACK = timedelta(days=1)
_WORD = re.compile(r"\w+")


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day_only(value: datetime) -> bool:
    """A date on the hour (a day-only date is midnight in some zone, so a whole hour in UTC): too coarse to tell an
    item from the others its feed dated alike."""
    return (value.minute, value.second, value.microsecond) == (0, 0, 0)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _alike(text: str, other: str) -> bool:
    mine, theirs = _words(text), _words(other)
    shared = len(mine & theirs)
    return bool(mine and theirs) and shared >= SAME_WORDS * len(mine) and shared >= SAME_WORDS * len(theirs)


def candidates(keys: Sequence[str], first: datetime, last: datetime) -> sa.Select[Any]:
    """The stored rows without a GUID of these sources dated from ``first`` to ``last``: found by
    ix_articles_relink (schema v27) however far back the dates are, where the stored-time bound alone read every row
    stored since (and SQLite, without statistics, every row without a GUID)."""
    c = articles.c
    return (sa.select(c.id, c.seq, c.guid, c.source, c.url, c.content_hash, c.title, c.published, c.text)
            .where(c.guid.is_(None), c.source.in_(keys), c.stored_at >= first - STORED_SLACK, c.published >= first,
                   c.published <= last))


async def relinked(conn: AsyncConnection, chunk: Sequence[Article], stored: Sequence[StoredKeys],
                   in_read: Collection[str] | None) -> tuple[dict[str, str], list[StoredKeys]]:
    """({article id: id of the stored row it edits}, those rows' keys) for the articles of ``chunk`` without a GUID
    that no stored row's link or text matches (``stored``: the rows that share one with the chunk), each matched to
    the one stored row of its source and publication date without a GUID, whose link the source's read
    (``in_read``: every link it gave) no longer carries and whose text shares SAME_WORDS of its distinct words both
    ways with the article's. Two such rows, or none: no match (the article is added as before); nor for a date
    on the hour, which a feed dating by day gives every item of that day. ``in_read`` None
    (an article saved alone, not as a read): no match, as nothing is known to be gone."""
    if in_read is None:
        return {}, []
    links, texts = {k.url for k in stored}, {k.content_hash for k in stored}
    asked = [a for a in chunk if not a.guid and a.published is not None and a.url and a.url not in links
             and a.content_hash not in texts and not _day_only(a.published)]
    if not asked:
        return {}, []
    dates = [_utc(a.published) for a in asked if a.published is not None]
    query = candidates(sorted({a.source for a in asked}), min(dates), max(dates))
    rows = [r for r in (await conn.execute(query)).all() if r.url not in in_read]
    matched: dict[str, str] = {}
    keys: dict[str, StoredKeys] = {}
    for a in asked:
        found = [r for r in rows if r.source == a.source and r.published is not None and a.published is not None
                 and _utc(r.published) == _utc(a.published) and _alike(str(r.text or ""), a.text)]
        if len(found) != 1 or found[0].id in keys:
            continue
        r = found[0]
        matched[a.id] = str(r.id)
        keys[str(r.id)] = StoredKeys(str(r.id), int(r.seq), None, str(r.source), str(r.url), str(r.content_hash),
                                     r.title)
    return matched, list(keys.values())
