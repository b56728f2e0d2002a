"""A long-running store feed keeps each story's ``changed_at`` only while one of its caches holds that version: after
many pages of reads of stories that keep coming and changing, what it keeps stays within what the caches hold (it
used to keep an entry for every story it ever read), and what it reads is what a cold feed reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.store.db import Database
from bot.story_feed import StoreFeed
from tests.channels.channel_fakes import add_story

NOW = datetime(2026, 6, 3, 9, tzinfo=UTC)
CACHE, OUTLINES, ARTICLES = 6, 10, 8


async def story(db: Database, n: int, version: int, at: datetime) -> str:
    return await add_story(db, f"quay-{n:02d}", title=f"Quay {n} works, update {version}",
                           text=f"Quay {n} closes for works, update {version}. Boats moor at quay {n + 1} meanwhile.",
                           now=at)


async def test_the_changed_at_kept_stays_within_what_the_caches_hold(db: Database,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StoreFeed, "CACHE_SIZE", CACHE)
    monkeypatch.setattr(StoreFeed, "OUTLINE_CACHE_SIZE", OUTLINES)
    monkeypatch.setattr(StoreFeed, "ARTICLE_CACHE_SIZE", ARTICLES)
    feed = StoreFeed(db, page_size=4)
    read: set[str] = set()
    for n in range(12):
        await story(db, n, 0, NOW - timedelta(minutes=n))
    for rnd in range(10):
        at = NOW + timedelta(hours=rnd + 1)
        for n in (*range(12 + 4 * rnd, 16 + 4 * rnd), *(3 * rnd % 12 + k for k in range(3))):  # new and changed
            await story(db, n, rnd + 1, at - timedelta(minutes=n))
        whole = [s for page in [p async for p in feed.changed_pages(at - timedelta(hours=2))] for s in page]
        outlines = [o async for rows in feed.row_pages(None) for o in await feed.outlines(rows)]
        read |= {s.id for s in whole} | {o.story.id for o in outlines}
        assert await feed.whole(outlines[:3]) == whole[:3]
        stories = [o.story for o in outlines[-ARTICLES:]]  # old and new alike, some let go already
        assert await feed.articles(stories) == await StoreFeed(db).articles(stories)
        assert await feed.as_shown([s.id for s in whole[:5]], whole=set()) == [o.story for o in outlines[:5]]
        held = {*feed._stories, *feed._outlines, *feed._articles, *feed._quote_counts}
        assert all((i, c) in held for i, c in feed._changed.items()), rnd  # nothing kept that nothing uses
        assert len(feed._changed) <= CACHE + OUTLINES + ARTICLES, (rnd, len(feed._changed))
    assert len(read) == 52 and len(feed._changed) < len(read) / 2  # 52 stories read in all, ever more versions
