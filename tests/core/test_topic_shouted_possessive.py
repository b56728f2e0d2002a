"""An acronym in the possessive in capitals (``UK'S``, ``NATO'S``: a headline in capitals) is the acronym, as
``UK's`` is; ``IT'S``, ``WHO'S`` and ``LET'S`` stay a common word's contraction. Every screen passes what matches."""

from __future__ import annotations

import pytest

from bot.topics import StoryText, match_topics, parse_topic
from tests.core.topic_story import ANALYSER, screens_pass_what_matches, story

# (topic, headline it must match, headline it must not): invented headlines
CASES = [
    ("UK", "UK'S ECONOMY SHRINKS AGAIN", "ECONOMY SHRINKS AGAIN IN VELMORA"),
    ('"UK economy"', "UK'S ECONOMY SHRINKS AGAIN", "VELMORA'S ECONOMY SHRINKS AGAIN"),
    ('"UK economy"', "THE UK’S ECONOMY SHRINKS", "THE UK AND ITS ECONOMY"),
    ("NATO", "NATO'S SUMMIT OPENS IN VELMORA", "THE SUMMIT OPENS IN VELMORA"),
    ("NATO", "Velmora Backs NATO'S Plan", "Velmora Backs the Plan"),
    ("EU", "THE EU'S NEW RULES", "THE NEW RULES"),
    ("IT", "IT jobs grow in Velmora", "IT'S A GOOD DAY IN VELMORA"),  # "it is", in capitals
    ("WHO", "WHO chief visits Velmora", "WHO'S AFRAID OF THE DARK"),
]


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_an_acronym_in_the_possessive_in_capitals(topic: str, yes: str, no: str) -> None:
    parsed = [parse_topic(topic, ANALYSER)]
    assert match_topics(parsed, StoryText(story("Nothing to add.", headline=yes), analyser=ANALYSER)), (topic, yes)
    assert not match_topics(parsed, StoryText(story("Nothing to add.", headline=no), analyser=ANALYSER)), (topic, no)


def test_the_screens_pass_them() -> None:
    texts = [text for _, yes, no in CASES for text in (yes, no)]
    for topic in {topic for topic, _, _ in CASES} | {'"UK economy"', '"NATO summit"', '"EU rules"'}:
        screens_pass_what_matches(topic, texts)
    assert screens_pass_what_matches('"UK economy"', texts) >= 3  # the three texts with "UK'S ECONOMY", at least
