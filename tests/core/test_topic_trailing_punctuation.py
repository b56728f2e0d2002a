"""A topic word carries no trailing comma or semicolon (``Valdoria, Marant`` stored as one phrase by an old CLI is
the words Valdoria and Marant, and ``why`` names them once each), while words written with a symbol (``c++``,
``c#``, ``.net``, ``at&t``) and dotted acronyms (``U.S.``) keep theirs; the screens still pass what matches."""

from __future__ import annotations

import random

import pytest

from bot.topics import StoryText, decide, parse_topic
from tests.core.topic_story import ANALYSER, assert_matches_only, screens_pass_what_matches, story


def _texts(topic: str) -> list[str]:
    return [term.text for clause in parse_topic(topic, ANALYSER).clauses for term in clause]


@pytest.mark.parametrize(("topic", "want"), [
    ("Valdoria, Marant", ["Valdoria", "Marant"]),
    ("Valdoria; Marant,", ["Valdoria", "Marant"]),
    ('"Port Averley", harbour', ["Port Averley", "harbour"]),
    ("Valdoria , Marant", ["Valdoria", "Marant"]),
    ("c++, c#; .net, at&t, U.S.", ["c++", "c#", ".net", "at&t", "U.S."]),
    ('"Valdoria, Marant"', ["Valdoria, Marant"]),
    ("from:Reuters, Valdoria", ["from:Reuters", "Valdoria"]),
])
def test_topic_words_carry_no_trailing_comma_or_semicolon(topic: str, want: list[str]) -> None:
    assert _texts(topic) == want


def test_an_exclusion_carries_no_trailing_comma() -> None:
    assert [t.text for t in parse_topic("Valdoria -sport, Marant", ANALYSER).excluded] == ["sport"]


def test_why_names_each_missing_word_once() -> None:
    why = decide(parse_topic("Valdoria, Marant", ANALYSER), StoryText(story("Rain fell on the coast."))).why()
    assert why == ("not matched (Valdoria, Marant): no sentence, quote or name mentions Valdoria, Marant")
    assert ",," not in why


@pytest.mark.parametrize(("topic", "yes", "no"), [
    ("Valdoria, Marant", "Valdoria and Marant signed the accord.", "Valdoria signed the accord alone."),
    ("c++,", "The engine is written in C++.", "Plan C was dropped."),
    ("c#;", "Tools written in C# were ported.", "Tools written in C were ported."),
    (".net,", "The .NET runtime was updated.", "The fishing net was mended."),
    ("at&t,", "AT&T raised its prices.", "Prices rose at the port."),
    ("U.S., trade", "U.S. trade fell in May.", "Tell us about trade."),
])
def test_a_trailing_comma_does_not_change_what_matches(topic: str, yes: str, no: str) -> None:
    assert_matches_only(topic, yes, no)


def test_no_screen_passes_over_a_story_a_topic_with_commas_matches() -> None:
    rng = random.Random(11)
    pieces = ("Valdoria", "Marant", "valdoria", "C++", "c#", ".NET", "net", "AT&T", "U.S.", "us", "trade", "the")
    texts = [" ".join(rng.choice(pieces) + rng.choice(("", ",", ";", ".")) for _ in range(rng.randint(1, 7)))
             for _ in range(300)]
    for topic in ("Valdoria, Marant", "c++, trade", "c#;", ".net, at&t", "U.S., trade", "Valdoria -Marant,"):
        assert 0 < screens_pass_what_matches(topic, texts) < len(texts), topic
