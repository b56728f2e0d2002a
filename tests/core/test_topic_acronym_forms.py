"""An acronym topic (``EU``, ``NHS``, ``"WHO chief"``) finds its acronym in the possessive (``the EU's``) as a
plain word finds ``Ukraine's``, and every topic screen passes those stories too."""

from __future__ import annotations

import random

import pytest

from tests.core.topic_story import assert_matches_only, screens_pass_stories, screens_pass_what_matches

# (topic, sentence it must match, sentence it must not): invented sentences
CASES = [
    ("EU", "The EU's ministers met in Velmora.", "Ministers met in Velmora."),
    ("UK", "The UK’s inflation fell in March.", "Inflation fell in March."),
    ("NHS", "The NHS's waiting lists grew.", "Waiting lists grew."),
    ('"WHO chief"', "The WHO's chief visited Velmora.", "Nobody asked whose chief it was."),
    ("WHO", "The WHO's chief visited Velmora.", "WHO'S NEXT IN VELMORA"),  # in capitals: "who is"
    ("IT", "The IT's budget doubled.", "IT'S A DEAL IN VELMORA"),
    ("US", "The US's embassy reopened.", "Tell us's not a word."),
]


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_an_acronym_in_the_possessive_matches(topic: str, yes: str, no: str) -> None:
    assert_matches_only(topic, yes, no)


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_the_screens_pass_an_acronym_in_the_possessive(topic: str, yes: str, no: str) -> None:
    assert screens_pass_stories(topic, yes) == 1  # the quotes' matcher matches it, and every screen passes it


# a topic typed in capitals by habit, or an acronym many outlets write as a word ("Nato", "Covid"): four letters or
# more, it finds the word in title case too; two or three letters (AI, EU, WHO) stay as written
TITLED = [
    ("BREXIT", "Brexit talks stalled in Velmora.", "brexit talks stalled in Velmora."),
    ("NATO", "Nato ministers met in Velmora.", "Ministers met in Velmora."),
    ("COVID", "Covid cases rose in Velmora.", "Cases rose in Velmora."),
    ("OPEC", "Opec's output fell.", "Output fell."),
    ('"NATO summit"', "The Nato summit opened.", "The summit opened."),
    ("AI", "An AI model wrote it.", "Ai Lin wrote it."),
    ("WHAT", "WHAT is a lobby group.", "What happened in Velmora?"),
]


@pytest.mark.parametrize(("topic", "yes", "no"), TITLED)
def test_a_long_acronym_finds_its_title_case_word(topic: str, yes: str, no: str) -> None:
    assert_matches_only(topic, yes, no)


@pytest.mark.parametrize(("topic", "yes", "no"), TITLED)
def test_the_screens_pass_a_long_acronym_in_title_case(topic: str, yes: str, no: str) -> None:
    assert screens_pass_stories(topic, yes) == 1  # the quotes' matcher matches it, and every screen passes it


PIECES = ("EU", "EU's", "IT'S", "IT", "it's",
          "Eu", "eu", "NATO", "Nato", "Nato's", "nato", "NATO'S", "Brexit", "BREXIT", "brexit", "WHO",
          "WHO's", "who's", "WHO chief", "Who", "What", "WHAT", "chief", "summit", "Velmora", "the", "Opec", "OPEC's")
TOPICS = ("EU", "IT", "NATO", "BREXIT", '"WHO chief"', '"NATO summit"', "WHAT", "OPEC", "Velmora -NATO", "EU OR BREXIT")


def test_no_screen_passes_over_a_story_the_matcher_matches() -> None:
    rng = random.Random(11)
    texts = []
    for _ in range(300):
        text = " ".join(rng.choice(PIECES) + rng.choice(("", "", ",", ".")) for _ in range(rng.randint(1, 7)))
        texts.append(text.upper() if rng.random() < 0.1 else text)
    for topic in TOPICS:
        assert 0 < screens_pass_what_matches(topic, texts) < len(texts), topic
