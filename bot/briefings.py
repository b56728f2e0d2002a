"""Build an on-demand briefing: every stored story changed in the period, read a page at a time, for a topic, ranked
and capped."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import aclosing
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from bot import story_feed
from bot.backoff import parse_duration
from bot.config import Config
from bot.models import Briefing, BriefingLength, Story
from bot.store.db import Database
from bot.store.stories import StoryStore
from bot.story_loader import stories_from_rows
from digests.compose import Matcher, TopicMatch, compose

# Without a "since" (``ask "brief me on X"`` naming no time; the demo) a briefing reads the stories that changed most
# recently, this many at most: about 4 s with a topic on a 2-core machine (docs/BENCHMARKS.md, "On-demand briefings").
# With a "since" it reads every story that changed in the period, however many.
UNDATED_MAX_STORIES = 10_000


class Dated(Protocol):
    """A story or a stored story row: what ``news_only`` reads."""

    @property
    def updated(self) -> datetime | None: ...


D = TypeVar("D", bound=Dated)


def news_only(stories: Sequence[D], since: datetime, grace: timedelta) -> list[D]:
    """The stories whose newest article was published at most ``grace`` before ``since`` (undated ones kept):
    a briefing of what changed since then shows news, not a newly added feed's back catalogue."""
    oldest = since - grace
    return [s for s in stories if s.updated is None or s.updated >= oldest]


async def build_briefing(db: Database, config: Config, *, now: datetime, since: datetime | None,
                         topic: str | None, max_stories: int | None = None,
                         length: BriefingLength = "full") -> Briefing:
    """The composition every on-demand surface uses (CLI ``brief``, ``/brief``, ``ask brief me on``); ``length``:
    the channel's (or ``--length``)."""
    matcher: Matcher | None = None
    if topic:  # before any story is read: a topic that cannot be understood is refused at once
        from bot.topics import compile_topics

        matcher = compile_topics([topic])
    grace = parse_duration(config.briefing.publication_grace, key="briefing.publication_grace")
    stories, matches = await briefing_stories(db, since=since, grace=grace, matcher=matcher)
    title = f"Briefing: {topic}" if topic else "Briefing"
    cap = config.briefing.max_stories if max_stories is None else max_stories

    def matched(story: Story) -> TopicMatch | None:
        return matches.get(story.id)  # worked out once, as the pages were read

    # in a worker thread: ranking thousands of stories (a busy week) takes a while, and the event loop keeps answering
    return await asyncio.to_thread(compose, stories, now=now, title=title, since=since, topic=topic,
                                   matcher=matched if matcher is not None else None, max_stories=cap, length=length)


async def briefing_stories(db: Database, *, since: datetime | None, grace: timedelta,
                           matcher: Matcher | None) -> tuple[list[Story], dict[str, TopicMatch]]:
    """What can be in the briefing, newest change first, and each one's topic match: every story that changed after
    ``since``, read ``story_feed.PAGE_SIZE`` at a time (as scheduled briefings read them). Of each page only the
    news is loaded (with a ``since``: as in scheduled briefings, an old article stored lately is not news) and only
    what matches the topic is kept, so what is held grows with what passes, not with the store. Without a
    ``since``: the ``UNDATED_MAX_STORIES`` stories changed most recently."""
    kept: list[Story] = []
    matches: dict[str, TopicMatch] = {}
    read = 0
    pages = StoryStore(db).changed_pages(since, page_size=story_feed.PAGE_SIZE)
    async with aclosing(pages):
        async for rows in pages:
            if since is None:
                rows = rows[:UNDATED_MAX_STORIES - read]
            read += len(rows)
            page = await stories_from_rows(db, rows if since is None else news_only(rows, since, grace))
            if matcher is None:
                kept += page
            else:
                for story, found in await asyncio.to_thread(_matched, matcher, page):  # the loop keeps answering
                    kept.append(story)
                    matches[story.id] = found
            if since is None and read >= UNDATED_MAX_STORIES:
                break
    return kept, matches


def _matched(matcher: Matcher, stories: Sequence[Story]) -> list[tuple[Story, TopicMatch]]:
    return [(story, found) for story in stories if (found := matcher(story)) is not None]
