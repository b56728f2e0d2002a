"""Build an on-demand briefing: stored stories since a time, optionally for a topic, ranked and capped."""

from __future__ import annotations

from datetime import datetime

from bot.backoff import parse_duration
from bot.config import Config
from bot.models import Briefing
from bot.store.db import Database
from bot.story_loader import load_stories
from digests.compose import Matcher, compose


async def build_briefing(db: Database, config: Config, *, now: datetime, since: datetime | None,
                         topic: str | None, max_stories: int | None = None) -> Briefing:
    """The composition every on-demand surface uses (CLI ``brief``, ``/brief``, ``ask brief me on``)."""
    stories = await load_stories(db, since=since)
    if since is not None:  # news only, as in scheduled briefings: an old article stored lately is not news
        oldest = since - parse_duration(config.briefing.publication_grace, key="briefing.publication_grace")
        stories = [s for s in stories if s.updated is None or s.updated >= oldest]
    matcher: Matcher | None = None
    if topic:
        from bot.topics import compile_topics

        matcher = compile_topics([topic])
    title = f"Briefing: {topic}" if topic else "Briefing"
    cap = config.briefing.max_stories if max_stories is None else max_stories
    return compose(stories, now=now, title=title, since=since, topic=topic, matcher=matcher, max_stories=cap)
