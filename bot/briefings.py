"""Build an on-demand briefing: stored stories since a time, optionally for a topic, ranked and capped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.backoff import parse_duration
from bot.config import Config
from bot.models import Briefing, BriefingLength, Story
from bot.store.db import Database
from bot.story_loader import load_stories
from digests.compose import Matcher, compose


def news_only(stories: Sequence[Story], since: datetime, grace: timedelta) -> list[Story]:
    """The stories whose newest article was published at most ``grace`` before ``since`` (undated ones kept):
    a briefing of what changed since then shows news, not a newly added feed's back catalogue."""
    oldest = since - grace
    return [s for s in stories if s.updated is None or s.updated >= oldest]


async def build_briefing(db: Database, config: Config, *, now: datetime, since: datetime | None,
                         topic: str | None, max_stories: int | None = None,
                         length: BriefingLength = "full") -> Briefing:
    """The composition every on-demand surface uses (CLI ``brief``, ``/brief``, ``ask brief me on``); ``length``:
    the channel's (or ``--length``)."""
    stories = await load_stories(db, since=since)
    if since is not None:  # news only, as in scheduled briefings: an old article stored lately is not news
        grace = parse_duration(config.briefing.publication_grace, key="briefing.publication_grace")
        stories = news_only(stories, since, grace)
    matcher: Matcher | None = None
    if topic:
        from bot.topics import compile_topics

        matcher = compile_topics([topic])
    title = f"Briefing: {topic}" if topic else "Briefing"
    cap = config.briefing.max_stories if max_stories is None else max_stories
    return compose(stories, now=now, title=title, since=since, topic=topic, matcher=matcher, max_stories=cap,
                   length=length)
