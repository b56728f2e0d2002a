"""A word joined by hyphens in a story (``US-China``, ``NHS-run``, ``AI-powered``) also counts as each of its parts
for a topic, acronym rules and all, while the compound as written still matches a topic written with the hyphen;
and every topic screen passes those stories too."""

from __future__ import annotations

import pytest

from bot.topics import compile_topics
from tests.core import test_topic_acronym_forms as acronym_forms
from tests.core import test_topic_case_symbols as case_symbols
from tests.core.topic_story import (
    ANALYSER,
    assert_matches_only,
    hyphenated_texts,
    screens_pass_stories,
    screens_pass_what_matches,
    story,
)

# (topic, sentence it must match, sentence it must not): invented sentences
CASES = [
    ("China", "US-China trade talks resumed in Velmora.", "Trade talks resumed in Velmora."),
    ("US", "US-China trade talks resumed in Velmora.", "Tell us-china trade is hard."),  # "us" is not "US"
    ("NHS", "The NHS-run clinic in Velmora reopened.", "The clinic in Velmora reopened."),
    ("climate", "Climate-related losses grew in Velmora.", "Losses grew in Velmora."),
    ("AI", "An AI-powered tool sorted the ballots.", "An ai-powered tool sorted the ballots."),
    ("NATO", "Nato-led patrols began off Velmora.", "Patrols began off Velmora."),
    ('"US-China"', "US-China trade talks resumed.", "Trade talks resumed."),
    ("us-china", "US-China trade talks resumed.", "Trade talks resumed."),
    ('"US-China trade"', "US-China trade talks resumed.", "US-China talks on trade resumed."),
    ('"China trade"', "US-China trade talks resumed.", "China's fishing and trade talks resumed."),
    ("at&t", "The AT&T-owned tower fell.", "The tower fell at dawn."),
    ("Velmora -China", "Velmora marked the day.", "Velmora hosted US-China talks."),
]


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_a_hyphenated_word_counts_as_each_of_its_parts(topic: str, yes: str, no: str) -> None:
    assert_matches_only(topic, yes, no)  # for "Velmora -China": a part excludes as a word does


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_the_screens_pass_a_story_with_a_hyphenated_part(topic: str, yes: str, no: str) -> None:
    screens_pass_stories(topic, yes, no)


def test_why_names_the_sentence_with_the_part() -> None:
    match = compile_topics(["China"], ANALYSER)
    found = match(story("US-China trade talks resumed in Velmora."))
    assert found is not None and found.why == "matched: China — in 1 sentence"


HYPHENATED = ("US-China", "us-china", "NHS-run", "AI-powered", "ai-powered", "Nato-led", "China-US", "WHO-backed",
              "IT-led", "c++-based", "AT&T-owned", "Climate-related", "US-China's", "EU-wide")
TOPICS = ("China", "US", "us", "NHS", "AI", "ai", "NATO", "climate", "WHO", "IT", '"China trade"', '"US-China"',
          "us-china", "at&t", "c++", "EU", '"WHO chief"', "Velmora -China")


@pytest.mark.parametrize(("others", "other_topics"), [(acronym_forms.PIECES, acronym_forms.TOPICS),
                                                      (case_symbols.PIECES, case_symbols.TOPICS)])
def test_no_screen_passes_over_a_story_with_hyphens_the_matcher_matches(others: tuple[str, ...],
                                                                        other_topics: tuple[str, ...]) -> None:
    """The randomised checks of tests/core/test_topic_acronym_forms.py and test_topic_case_symbols.py, their words
    also joined by hyphens."""
    pieces = (*others, *HYPHENATED, "trade", "China")
    topics = (*other_topics, *TOPICS)
    texts = hyphenated_texts(17, pieces, most_words=7, join_chance=0.3, endings=("", "", ",", ".", "'s"),
                             upper_chance=0.1)
    unmatched = []
    for topic in topics:
        matched = screens_pass_what_matches(topic, texts)
        assert matched < len(texts), topic
        if not matched:
            unmatched.append(topic)
    assert len(unmatched) < len(topics) // 4, unmatched  # most topics match some texts: the check is not empty
