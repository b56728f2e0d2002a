"""A word joined by hyphens counts as each of its parts, but a part of one character makes one word with the part
after it: ``e-mail`` is not ``mail``, ``X-ray`` not ``ray``, ``F-35`` not ``35``; a prefix of two letters or more is
split off as before (``re-election`` is an election, ``co-founder`` a founder, and ``co-operation`` counts as
``operation``: a decision, see README "Topics"). Every topic screen passes every story the matcher matches."""

from __future__ import annotations

import pytest

from bot.topic_words import hyphen_parts, parts_of
from tests.core.topic_story import (
    assert_matches_only,
    hyphenated_texts,
    screens_pass_stories,
    screens_pass_what_matches,
)

# (topic, sentence it must match, sentence it must not): invented sentences
CASES = [
    ("mail", "The mail arrived late in Velmora.", "The e-mail arrived late in Velmora."),
    ("mail", "Mail-in ballots were counted in Velmora.", "E-mail ballots were counted in Velmora."),
    ("book", "A book on Velmora sold out.", "An e-book on Velmora sold out."),
    ("commerce", "Commerce in Velmora grew.", "E-commerce in Velmora grew."),
    ("ray", "Ray Dalven opened the clinic.", "The X-ray clinic opened."),
    ("shirt", "The shirt was sold out.", "The T-shirt was sold out."),
    ("e-mail", "The e-mail arrived late.", "The mail arrived late."),
    ("e-mail", "The E-mail-based scam spread.", "The mail-based scam spread."),
    ("e-book", "An e-book on Velmora sold out.", "A book on Velmora sold out."),
    ("x-ray", "The X-ray clinic opened.", "The ray of light fell."),
    ("based", "The e-mail-based scam spread.", "The scam spread."),  # the parts after the prefix still split
    ("election", "Her re-election in Velmora was confirmed.", "Her selection in Velmora was confirmed."),
    ("founder", "The co-founder of Velmora Labs left.", "The chief of Velmora Labs left."),
    ("operation", "Co-operation between the ports grew.", "Trade between the ports grew."),
    ("China", "US-China trade talks resumed.", "Trade talks resumed."),  # as before
]


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_a_one_letter_prefix_is_not_split_off(topic: str, yes: str, no: str) -> None:
    assert_matches_only(topic, yes, no)


@pytest.mark.parametrize(("topic", "yes", "no"), CASES)
def test_the_screens_pass_these_stories(topic: str, yes: str, no: str) -> None:
    screens_pass_stories(topic, yes, no)


@pytest.mark.parametrize(("tokens", "parts"), [
    (("e-mail",), None),  # nothing to split: no second reading
    (("the", "e-mail-based", "scam"), ("the", "e-mail", "based", "scam")),
    (("US-China",), ("US", "China")),
    (("vitamin-D",), ("vitamin", "D")),  # a last part of one letter has nothing after it
    (("x-y-z",), ("x-y", "z")),
    (("F-35",), None),
])
def test_the_parts_of_a_hyphenated_word(tokens: tuple[str, ...], parts: tuple[str, ...] | None) -> None:
    assert hyphen_parts(tokens) == parts
    # the screens read more: every part split at every hyphen too (a symbol the matcher reads may need it)
    assert set(parts_of(tokens)) >= {p for t in tokens if "-" in t for p in (hyphen_parts((t,)) or (t,))}


PIECES = ("e-mail", "E-mail", "mail", "Mail", "mail-in", "e-book", "book", "X-ray", "ray", "co-operation",
          "operation", "re-election", "election", "e", "x", "F-35", "35", "based", "Velmora", "e-mail-based")
TOPICS = ("mail", "e-mail", "book", "e-book", "ray", "x-ray", "operation", "election", "35", "based", "e",
          '"mail based"', "Velmora -mail")


def test_no_screen_passes_over_a_story_with_prefixes_the_matcher_matches() -> None:
    texts = hyphenated_texts(29, PIECES, most_words=6, join_chance=0.25, endings=("", "", ",", "."))
    for topic in TOPICS:
        assert 0 < screens_pass_what_matches(topic, texts) < len(texts), topic
