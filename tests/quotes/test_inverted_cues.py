"""A cue placed after a quotation and before its speaker (``"...," joked Wendell.``) names that speaker, whatever
the verb and however the name is written (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

QUOTES = (
    '"We will reopen the pier by June,"',
    '"It is a disgrace,"',
    '"Nobody told us about the closure,"',
    '"The tide tables are wrong again,"',
)
VERBS = ("said", "joked", "explained", "insisted", "added")
# (after the cue, the speaker stored, the role stored)
NAMES = (
    ("Wendell", "Wendell", None),
    ("Wendell Marsh", "Wendell Marsh", None),
    ("Dr Wendell Marsh", "Wendell Marsh", None),
    ("Councillor Priya Oduya", "Priya Oduya", "Councillor"),
    ("Wendell, the harbour master", "Wendell", "harbour master"),
    ("Oduya, a ferry captain", "Oduya", "ferry captain"),
    ("Priya Oduya, who runs the cafe", "Priya Oduya", None),
)


@pytest.mark.parametrize("quote", QUOTES)
@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize(("after", "speaker", "role"), NAMES)
def test_the_name_after_an_inverted_cue_speaks(
    nlp: Language, quote: str, verb: str, after: str, speaker: str, role: str | None
) -> None:
    found = extract_from_text(f"{quote} {verb} {after}.", nlp=nlp)
    assert [(a.speaker, a.role, a.cue, a.content) for a in found] == [(speaker, role, verb, quote)]


@pytest.mark.parametrize("verb", VERBS)
def test_a_surname_alone_after_an_inverted_cue_speaks(nlp: Language, verb: str) -> None:
    for quote in QUOTES:
        found = extract_from_text(f"{quote} {verb} Marsh.", nlp=nlp)
        assert [(a.speaker, a.content) for a in found] == [("Marsh", quote)]


def test_the_name_before_a_time_phrase_speaks(nlp: Language) -> None:
    found = extract_from_text('"It is a disgrace," joked Wendell on Friday.', nlp=nlp)
    assert [a.speaker for a in found] == ["Wendell"]


def test_a_name_owning_the_speaker_is_not_the_speaker(nlp: Language) -> None:
    found = extract_from_text('"It is a disgrace," joked Wendell\'s sister.', nlp=nlp)
    assert "Wendell" not in [a.speaker for a in found]
