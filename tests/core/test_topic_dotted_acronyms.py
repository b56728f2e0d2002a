"""An acronym written with dots between single capital letters (``U.S.``, ``U.K.``, ``E.U.``, ``U.S.A.``) is the same
acronym as its letters without them, in a topic and in a story: alone, in the possessive, in a word joined by
hyphens and in a quoted phrase; lower-case ``us`` still is not ``US``; and every topic screen passes those stories."""

from __future__ import annotations

import random

import pytest

from bot.topics import compile_topics
from tests.core import test_topic_acronym_forms as acronym_forms
from tests.core.topic_story import ANALYSER, assert_matches_only, screens_pass_what_matches, story

# (topic, sentence it must match, sentence it must not): invented sentences
CASES = [
    ("US", "The U.S. envoy landed in Velmora.", "Tell us what the envoy said in Velmora."),
    ("U.S.", "The US envoy landed in Velmora.", "Tell us what the envoy said in Velmora."),
    ("U.S.", "The U.S. envoy landed in Velmora.", "The envoy landed in Velmora."),
    ("UK", "The U.K. ferry left Velmora.", "The ferry left Velmora."),
    ("U.K.", "The UK ferry left Velmora.", "The ferry left Velmora."),
    ("UN", "A U.N. team reached Velmora.", "A team reached Velmora."),
    ("E.U.", "An EU fund opened in Velmora.", "A fund opened in Velmora."),
    ("EU", "An E.U. fund opened in Velmora.", "A fund opened in Velmora."),
    ("USA", "The U.S.A. team won in Velmora.", "The team won in Velmora."),
    ("U.S.A.", "The USA team won in Velmora.", "The team won in Velmora."),
    ("US", "The U.S.'s envoy landed in Velmora.", "Our envoy landed in Velmora."),
    ("US", "The U.S.’s envoy landed in Velmora.", "Our envoy landed in Velmora."),
    ("U.S.", "The US's envoy landed in Velmora.", "Our envoy landed in Velmora."),
    ("China", "U.S.-China talks resumed in Velmora.", "Talks resumed in Velmora."),
    ("US", "U.S.-China talks resumed in Velmora.", "Tell us-china talks resumed."),
    ("UK", "A US-U.K. deal was signed in Velmora.", "A deal was signed in Velmora."),
    ('"US election"', "The U.S. election drew crowds in Velmora.", "The US vote and the election drew crowds."),
    ('"U.S. election"', "The US election drew crowds in Velmora.", "The U.S. vote and the election drew crowds."),
    ('"US plan"', "The U.S.'s plan drew crowds in Velmora.", "The U.S. vote and the plan drew crowds."),
    ("u.s.", "The U.S. envoy landed in Velmora.", "Tell us what the envoy said in Velmora."),
]


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_a_dotted_acronym_is_its_letters_without_dots(topic: str, yes: str, no: str) -> None:
    assert_matches_only(topic, yes, no)


@pytest.mark.parametrize("topic", ["US", "U.S."])
def test_lower_case_us_is_still_not_the_acronym(topic: str) -> None:
    match = compile_topics([topic], ANALYSER)
    assert match(story("Give us the u.s.a. map, they said.")) is None


def test_a_single_capital_with_a_dot_is_not_an_acronym() -> None:
    """An initial (``J. Smith``) is not one: ``J.S.`` is, ``J.`` is not."""
    match = compile_topics(["JS"], ANALYSER)
    assert match(story("J.S. Varo spoke in Velmora.")) is not None
    assert match(story("J. Varo spoke in Velmora.")) is None


DOTTED = ("U.S.", "U.S.'s", "U.S.’s", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.S.-China", "US-U.K.", "u.s.", "us",
          "US", "UK", "EU", "USA", "U.S.-led", "election", "plan", "N.A.T.O.")
TOPICS = ("US", "U.S.", "UK", "U.K.", "UN", "EU", "E.U.", "USA", "U.S.A.", "us", '"US election"',
          '"U.S. election"', '"US plan"', "NATO", "Velmora -U.S.", "China")


def test_no_screen_passes_over_a_story_with_dotted_acronyms_the_matcher_matches() -> None:
    """The randomised check of tests/core/test_topic_acronym_forms.py with dotted acronyms among its words."""
    pieces = (*acronym_forms.PIECES, *DOTTED)
    topics = (*acronym_forms.TOPICS, *TOPICS)
    rng = random.Random(23)
    texts = []
    for _ in range(300):
        found = [rng.choice(pieces) + rng.choice(("", "", ",", ".", "'s")) for _ in range(rng.randint(1, 7))]
        text = " ".join(found)
        texts.append(text.upper() if rng.random() < 0.1 else text)
    unmatched = []
    for topic in topics:
        matched = screens_pass_what_matches(topic, texts)
        assert matched < len(texts), topic
        if not matched:
            unmatched.append(topic)
    assert len(unmatched) < len(topics) // 4, unmatched
