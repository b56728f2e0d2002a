"""Story clustering: seeds become one story, other events stay apart, incremental and persistent."""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

from bot.models import Article
from bot.nlp.cluster import StoryClusterer, StoryProfile, article_terms
from bot.nlp.terms import TermAnalyser
from tests.nlp_summary.samples import (
    HARBOUR_A,
    HARBOUR_B,
    HARBOUR_C,
    HARBOUR_FOLLOWUP,
    NATO_OTHER,
    OTHER_PORT,
    article,
    seed_articles,
)


def test_seed_articles_form_one_story_and_another_nato_story_stays_apart(shared_dir: Path) -> None:
    seeds = seed_articles(shared_dir)
    other = article(NATO_OTHER, title="NATO ministers fund air-defence training centre in Poland", outlet="X")
    clusterer = StoryClusterer()
    ids = [clusterer.add(a) for a in [*seeds, other]]
    assert ids[0] == ids[1]
    assert ids[2] != ids[0]
    assert ids[0] == "s-" + seeds[0].id


def harbour_story() -> list[Article]:
    return [
        article(HARBOUR_A, title="Fire at Portvale terminal forces evacuation", outlet="Coastline News"),
        article(HARBOUR_B, title="Portvale dock workers evacuated after fire", outlet="Harbour Daily", hours=1),
        article(HARBOUR_C, title="Bluewave hopes to restart Portvale terminal", outlet="Trade Wire", hours=3),
    ]


def test_same_event_joins_followup_joins_other_event_stays_separate() -> None:
    clusterer = StoryClusterer()
    story = {clusterer.add(a) for a in harbour_story()}
    assert len(story) == 1
    followup = article(HARBOUR_FOLLOWUP, title="Electrical fault behind Portvale fire", outlet="Coastline News",
                       hours=26)
    assert clusterer.add(followup) in story
    strike = article(OTHER_PORT, title="Eastmere dock workers strike over pay", outlet="Harbour Daily", hours=2)
    assert clusterer.add(strike) not in story


def test_incremental_from_saved_profiles() -> None:
    first = StoryClusterer()
    ids = [first.add(a) for a in harbour_story()]
    saved = [p.to_json() for p in first.changed()]
    assert len(saved) == 1
    restored = [StoryProfile.from_json(s) for s in saved]
    assert restored == first.changed()
    assert restored[0].size == 3 and len(restored[0].outlets) == 3

    # a new process: built from the saved profiles, it places new articles without re-clustering
    second = StoryClusterer(restored)
    assert second.changed() == []
    assert second.add(harbour_story()[0]) == ids[0]  # an article already placed keeps its story
    followup = article(HARBOUR_FOLLOWUP, title="Electrical fault behind Portvale fire", outlet="Port Times",
                       hours=24)
    assert second.add(followup) == ids[0]
    strike = article(OTHER_PORT, title="Eastmere dock workers strike over pay", outlet="Port Times", hours=25)
    strike_id = second.add(strike)
    assert strike_id == "s-" + strike.id
    changed = {p.story_id: p for p in second.changed()}
    assert set(changed) == {ids[0], strike_id}
    assert changed[ids[0]].size == 4
    assert changed[ids[0]].last == followup.published


def test_window_keeps_a_much_later_article_out() -> None:
    clusterer = StoryClusterer(window=timedelta(days=3))
    ids = {clusterer.add(a) for a in harbour_story()}
    late = article(HARBOUR_FOLLOWUP, title="Electrical fault behind Portvale fire", outlet="X", hours=24 * 12)
    assert clusterer.add(late) not in ids


def test_old_stories_are_evicted_so_the_index_stays_bounded() -> None:
    clusterer = StoryClusterer(window=timedelta(days=1))
    for day in range(30):
        text = " ".join(f"w{day}x{k}" for k in range(12)) + "."
        clusterer.add(article(text, title=f"t{day}x1 t{day}x2", outlet="Z", hours=24 * day))
    assert len(clusterer.profiles()) <= 4
    assert len(clusterer.changed()) == 30


def test_vectorised_similarity_is_the_plain_idf_cosine() -> None:
    """The numpy pass over all candidates gives the IDF-weighted cosine computed term by term."""
    clusterer = StoryClusterer()
    for a in harbour_story():
        clusterer.add(a)
    clusterer.add(article(OTHER_PORT, title="Eastmere dock workers strike over pay", outlet="Harbour Daily", hours=2))
    new = article(HARBOUR_FOLLOWUP, title="Electrical fault behind Portvale fire", outlet="Coastline News", hours=5)
    vector = article_terms(new, TermAnalyser(), clusterer.params)
    stories = [p.story_id for p in clusterer.profiles()]
    got = clusterer._similarities(vector, stories, new.outlet)
    for story_id, sim in zip(stories, got.tolist(), strict=True):
        profile = next(p for p in clusterer.profiles() if p.story_id == story_id)
        story = dict(profile.terms)
        idf = {t: clusterer._idf(t) for t in {*vector, *story}}
        dot = sum(w * story[t] * idf[t] ** 2 for t, w in vector.items() if t in story)
        norm_a = math.sqrt(sum((w * idf[t]) ** 2 for t, w in vector.items()))
        norm_s = math.sqrt(sum((w * idf[t]) ** 2 for t, w in story.items()))
        keep = 1.0 - clusterer.params.same_outlet_penalty if new.outlet in profile.outlets else 1.0
        assert math.isclose(sim, keep * dot / (norm_a * norm_s), rel_tol=1e-9, abs_tol=1e-12)
    assert max(got) > 0.2 and min(got) < max(got)
