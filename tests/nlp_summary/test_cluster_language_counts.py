"""The clusterer skips the cross-language lookup only when every story it holds already has the article's language:
its per-language story counts stay right through joins, merges, evictions and loaded profiles."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

from bot.nlp.cluster import ClusterParams, StoryClusterer, StoryProfile
from tests.crosslang_samples import BYPASS_FR, HELD_OUT, QUAKE_ES, QUAKE_FR, samples
from tests.multilingual_samples import article

ANCHORS_ONLY = ClusterParams(threshold=50.0)  # stems never join: whatever joins, joins on names and numbers


def counts_from(profiles: list[StoryProfile]) -> tuple[int, Counter[str]]:
    """(stories whose every article's language is known, how many of them have an article in each language)."""
    known = [p for p in profiles if len(p.languages) >= p.size]
    return len(known), Counter(language for p in known for language in set(p.languages))


def held_counts(clusterer: StoryClusterer) -> tuple[int, Counter[str]]:
    return clusterer._known_stories, +clusterer._stories_in  # unary plus drops languages counted down to zero


def test_a_story_twice_in_a_language_does_not_hide_another_story_without_it() -> None:
    first = StoryClusterer(params=ANCHORS_ONLY)
    bypass_id = first.add(article(BYPASS_FR, "fr", outlet="gazette"))
    quake_id = first.add(article(QUAKE_ES, "es", outlet="diario", hours=1))
    bypass, quake = (next(p for p in first.profiles() if p.story_id == s) for s in (bypass_id, quake_id))
    # a story of two French reports, counted once among the stories with a French article
    twice = replace(bypass, size=2, languages=("french", "french"), article_ids=(*bypass.article_ids, "second"))
    clusterer = StoryClusterer([twice, quake], params=ANCHORS_ONLY)
    assert held_counts(clusterer) == (2, Counter({"french": 1, "spanish": 1}))
    assert clusterer.add(article(QUAKE_FR, "fr", outlet="soleil", hours=2)) == quake_id


def test_counts_follow_joins_merges_evictions_and_profiles_of_unknown_languages() -> None:
    clusterer = StoryClusterer()
    for _, a in samples() + samples(HELD_OUT):
        clusterer.add(a)
        assert held_counts(clusterer) == counts_from(clusterer.profiles())
    assert any(len(set(p.languages)) > 1 for p in clusterer.profiles())  # some joined across languages
    # a profile saved before languages were kept: held, but not among the stories of known languages
    old = json.loads(clusterer.profiles()[0].to_json())
    del old["languages"]
    reloaded = StoryClusterer([StoryProfile.from_json(json.dumps(old))])
    assert held_counts(reloaded) == (0, Counter())
    # weeks later every story has left the window and the index: nothing is counted any more
    for hours in (1000.0, 1001.0):
        clusterer.add(article(QUAKE_ES, "es", outlet=f"late{hours:.0f}", hours=hours))
        assert held_counts(clusterer) == counts_from(clusterer.profiles())
    assert len(clusterer.profiles()) <= 2
