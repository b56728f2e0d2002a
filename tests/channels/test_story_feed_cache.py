"""The store feed's caches: a read larger than what is left of a cache, some of it kept already, returns every story
(it used to let the kept ones go and then look them up: KeyError, so a briefing of more stories than the cache
holds could not be posted); outlines are kept for the next channel, and loaded whole they equal a whole load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.store.db import Database
from bot.store.stories import StoryStore
from bot.story_feed import StoreFeed
from bot.story_loader import stories_from_rows
from tests.channels.channel_fakes import add_story

NOW = datetime(2026, 6, 3, 9, tzinfo=UTC)


async def stories(db: Database, n: int) -> list[str]:
    return [await add_story(db, f"pier-{i:02d}", title=f"Pier {i} closes for repairs",
                            text=f"Pier {i} closes on Monday for repairs. The ferry moors at pier {i + 1} meanwhile.",
                            now=NOW - timedelta(minutes=i)) for i in range(n)]


async def test_a_read_larger_than_the_cache_returns_every_story(db: Database,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(StoreFeed, "CACHE_SIZE", 4)
    monkeypatch.setattr(StoreFeed, "OUTLINE_CACHE_SIZE", 4)
    ids = await stories(db, 7)
    feed = StoreFeed(db, page_size=3)
    assert [s.id for page in [p async for p in feed.changed_pages(None)] for s in page] == ids
    # the last page's stories are kept; asking for all of them lets those go and reads everything again
    assert [s.id for s in await feed.by_ids(ids)] == ids
    rows = await StoryStore(db).get_many(ids)
    assert [r.id for r in rows] == ids
    assert [o.story.id for o in await feed.outlines(rows[-3:])] == ids[-3:]
    outlines = await feed.outlines(rows)
    assert [o.story.id for o in outlines] == ids
    assert await feed.whole(outlines[-2:]) == (await stories_from_rows(db, rows))[-2:]
    assert await feed.whole(outlines) == await stories_from_rows(db, rows)


async def test_outlines_are_read_once_for_every_channel_while_their_story_holds(db: Database) -> None:
    ids = await stories(db, 3)
    feed = StoreFeed(db)
    rows = await StoryStore(db).get_many(ids)
    first = await feed.outlines(rows)
    assert all(a is b for a, b in zip(first, await feed.outlines(rows), strict=True))  # kept, not read again
    await add_story(db, "pier-00", title="Pier 0 reopens", text="Pier 0 reopened on Friday after repairs.",
                    now=NOW + timedelta(hours=1))  # the story changed: read anew
    [changed] = await feed.outlines(await StoryStore(db).get_many(["pier-00"]))
    assert changed is not first[0] and changed.changed_at == NOW + timedelta(hours=1)
    assert (first[0].story.headline, changed.story.headline) == ("Pier 0 closes for repairs", "Pier 0 reopens")
    # a replayed briefing: its items whole, its "more" as outlines, each as read last
    shown = await feed.as_shown(["pier-00", "pier-01"], whole={"pier-00"})
    assert shown[0] == (await stories_from_rows(db, await StoryStore(db).get_many(["pier-00"])))[0]
    assert shown[1] is first[1].story
    assert await StoreFeed(db).as_shown(["pier-02", "gone"], whole=()) == [first[2].story]  # cold: from the store
