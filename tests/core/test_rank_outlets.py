"""Briefing ranking: more independent outlets first among stories of similar freshness (up to 12 hours apart,
whatever their quotes), while a fresh single-outlet story still beats a two-day-old two-outlet one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import SourceRef, Story, SummarySentence
from digests.compose import SIMILAR_FRESHNESS_HOURS, compose

NOW = datetime(2031, 6, 9, 18, 0, tzinfo=UTC)


def story(sid: str, outlets: int, hours_old: float) -> Story:
    when = NOW - timedelta(hours=hours_old)
    sources = tuple(SourceRef(f"{sid}-{i}", f"Outlet {i}", f"https://outlet{i}.test/{sid}", f"T{i}", when)
                    for i in range(outlets))
    return Story(id=sid, headline=f"Story {sid}", sources=sources, url=sources[0].url, updated=when,
                 summary=(SummarySentence(f"Summary of {sid}.", f"{sid}-0", 0, 0, 14),))


def ranked(*stories: Story, quotes: dict[str, int] | None = None) -> list[str]:
    briefing = compose(stories, now=NOW, title="B", quote_counts=quotes or {})
    return [i.story.id for i in briefing.items]


@pytest.mark.parametrize("gap", [0.0, 1.0, 3.0, 6.0, 9.0, SIMILAR_FRESHNESS_HOURS])
@pytest.mark.parametrize("fewer", [1, 2])
@pytest.mark.parametrize("start", [0.0, 6.0, 30.0])
def test_one_more_outlet_wins_at_similar_freshness_whatever_the_quotes(gap: float, fewer: int, start: float) -> None:
    # the story with fewer outlets is the fresher one and has the most quotes that count; the other has none
    few = story("few", fewer, start)
    more = story("more", fewer + 1, start + gap)
    assert ranked(few, more, quotes={"few": 9}) == ranked(more, few, quotes={"few": 9}) == ["more", "few"]


@pytest.mark.parametrize("fresh_hours", [0.0, 1.0, 3.0, 6.0, 8.0])
def test_a_fresh_single_outlet_story_beats_a_two_day_old_two_outlet_one(fresh_hours: float) -> None:
    single = story("single", 1, fresh_hours)
    old = story("old pair", 2, 48.0)
    assert ranked(old, single, quotes={"old pair": 5}) == ["single", "old pair"]  # quotes do not save it
    assert ranked(old, single) == ["single", "old pair"]


def test_at_the_same_age_outlets_decide_and_quotes_only_break_ties() -> None:
    assert ranked(story("one", 1, 2), story("two", 2, 2), quotes={"one": 5}) == ["two", "one"]
    assert ranked(story("ten", 10, 1), story("two", 2, 1), quotes={"two": 9}) == ["ten", "two"]
    assert ranked(story("a", 2, 2), story("b", 2, 2), quotes={"b": 3}) == ["b", "a"]
