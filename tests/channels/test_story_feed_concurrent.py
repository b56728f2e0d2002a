"""Channels delivered at once share one StoreFeed: one that lets the cache go while another waits for the store
must not take from the other what it found at hand (it used to raise KeyError: that channel's delivery failed).
The store read is held on an ``asyncio.Event``; nothing sleeps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot import story_feed
from bot.models import Story
from bot.store.db import Database
from bot.store.stories import StoryRow
from bot.story_feed import StoreFeed
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 2, 3, 0, 0, tzinfo=UTC)


async def test_a_cache_let_go_during_another_load_does_not_fail_it(db: Database,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(1, 5):
        await add_story(db, f"s{n}", text=f"The canal lock number {n} was repaired. Barges pass again.",
                        title=f"Canal lock {n} repaired", now=T0 + timedelta(minutes=n))
    read = story_feed.stories_from_rows
    entered, release = asyncio.Event(), asyncio.Event()

    async def held(db: Database, rows: list[StoryRow]) -> list[Story]:
        if any(r.id == "s2" for r in rows):  # the first channel's read of s2 waits for the test
            entered.set()
            await release.wait()
        return await read(db, rows)

    monkeypatch.setattr(story_feed, "stories_from_rows", held)
    feed = StoreFeed(db)
    feed.CACHE_SIZE = 2
    assert [s.id for s in await feed.current(["s1"])] == ["s1"]  # s1 at hand
    first = asyncio.create_task(feed.current(["s1", "s2"]))  # s1 from the cache, s2 read from the store
    await asyncio.wait_for(entered.wait(), 30)  # a bound for a failing run only: the event is what is awaited
    assert [s.id for s in await feed.current(["s3", "s4"])] == ["s3", "s4"]  # past the size: the cache let go
    release.set()
    assert [s.id for s in await asyncio.wait_for(first, 30)] == ["s1", "s2"]
