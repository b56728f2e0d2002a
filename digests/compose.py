"""Compose a Briefing from stories: filter by topic, rank by importance, cap, explain why, say how long."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.models import Briefing, BriefingItem, BriefingLength, Story
from bot.outlets import outlet_count


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """How strongly a story matches a channel's topics, and the words that say why."""

    score: float
    why: str  # "matched: Bucharest — in 2 sentences and 1 quote"


Matcher = Callable[[Story], TopicMatch | None]
# The ranking rule (README, "In chat", on briefings): OUTLET_WEIGHT × log2(1 + independent outlets) + RECENCY_WEIGHT
# × recency (1 when fresh, halving every RECENCY_HALF_LIFE_HOURS) + QUOTE_WEIGHT × quotes (up to MAX_QUOTES), plus
# the topic match. Set so that among stories of similar freshness (up to SIMILAR_FRESHNESS_HOURS apart) the one with
# more outlets ranks higher whatever their quotes (1 against 2 outlets, 2 against 3; tests/core/test_rank_outlets.py),
# while a single-outlet story up to 8 hours old still outranks a two-outlet story two days old.
OUTLET_WEIGHT = 3.0
RECENCY_WEIGHT = 3.5
RECENCY_HALF_LIFE_HOURS = 24.0
QUOTE_WEIGHT = 0.02  # quotes only break ties between stories of the same coverage and age
MAX_QUOTES = 5
SIMILAR_FRESHNESS_HOURS = 12.0
# An undated story (local files with no date) is as old as when it was first seen, plus this by default (the setting
# ``[stories] undated_penalty_hours``): the text may be older than its ingest, so it ranks a little below a dated story
# of the same freshness (its recency times 2^-0.25), never far below (an undated story first seen now still outranks a
# dated one from yesterday).
UNDATED_EXTRA_HOURS = 6.0


def undated(story: Story) -> bool:
    """Whether none of the story's articles has a date: its ``updated`` is then when it was last summarised."""
    return bool(story.sources) and all(ref.published is None for ref in story.sources)


def story_age_hours(story: Story, now: datetime, undated_penalty_hours: float = UNDATED_EXTRA_HOURS) -> float:
    """How old a story counts as for ranking: a dated one by its newest article, an undated one by when it was first
    seen (as clustering ages it: bot/cluster_profiles.py) plus ``undated_penalty_hours``; 48 hours when nothing
    says."""
    if undated(story):
        when = story.first_seen or story.updated
        extra = undated_penalty_hours
    else:
        when, extra = story.updated or story.first_seen, 0.0
    return max(0.0, (now - when).total_seconds() / 3600) + extra if when else 48.0


def importance(story: Story, now: datetime, *, quotes: int | None = None,
               undated_penalty_hours: float = UNDATED_EXTRA_HOURS) -> float:
    """More outlets first among stories of similar freshness, then fresher, then more quoted (the rule above
    OUTLET_WEIGHT); recency decays by half-life (an undated story's age: ``story_age_hours``). ``quotes``: how many
    quotes the story has, when it was loaded without them (bot/briefings.py)."""
    outlets = outlet_count(story.sources) or 1  # independent outlets: not one site's feeds, not copies
    age_hours = story_age_hours(story, now, undated_penalty_hours)
    recency = math.pow(0.5, age_hours / RECENCY_HALF_LIFE_HOURS)
    quoted = len(story.quotes) if quotes is None else quotes
    return (OUTLET_WEIGHT * math.log2(1 + outlets) + RECENCY_WEIGHT * recency
            + QUOTE_WEIGHT * min(quoted, MAX_QUOTES))


def compose(stories: Sequence[Story], *, now: datetime, title: str, since: datetime | None = None,
            topic: str | None = None, matcher: Matcher | None = None, max_stories: int = 10,
            length: BriefingLength = "full", quote_counts: Mapping[str, int] | None = None,
            undated_penalty_hours: float = UNDATED_EXTRA_HOURS) -> Briefing:
    """Stories -> Briefing, ordered by importance (plus topic match), the rest kept in ``more``; ``length`` (a
    channel's choice) is how much of each story renderers show (digests/length.py), the data stays whole.
    ``quote_counts``: by story id, how many quotes each has, for stories loaded without them;
    ``undated_penalty_hours``: ``[stories] undated_penalty_hours``, how much older an undated story counts."""
    items: list[BriefingItem] = []
    for story in stories:
        score = importance(story, now, quotes=None if quote_counts is None else quote_counts.get(story.id, 0),
                           undated_penalty_hours=undated_penalty_hours)
        why = ""
        if matcher is not None:
            match = matcher(story)
            if match is None:
                continue
            score += match.score
            why = match.why
        items.append(BriefingItem(story=story, score=round(score, 4), why=why))
    items.sort(key=lambda i: (-i.score, i.story.headline))
    cap = max_stories if max_stories > 0 else len(items)
    return Briefing(title=title, generated=now, items=tuple(items[:cap]), since=since, topic=topic,
                    more=tuple(items[cap:]), length=length)
