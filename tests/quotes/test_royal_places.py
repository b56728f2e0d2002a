"""A royal title before one word that is a place in context ("officials in King Salmon") names no person; "King
Charles said" still does."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text


def _speakers(text: str, nlp: Language) -> list[str]:
    return [a.speaker for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("place", [
    "The runway in King Salmon",
    "The runway at King Salmon",
    "Boats from King Salmon",
    "Officials in King Salmon",
    "Crews at King Salmon",
    "The council of King Salmon",
])
def test_a_surname_after_the_town_is_not_a_king_named_after_it(nlp: Language, place: str) -> None:
    # before: "King Salmon" was remembered as a person, so "Salmon" became "King Salmon"
    text = f"{place} waited for the repairs on Monday. Salmon said the repairs would take a week."
    assert _speakers(text, nlp) == ["Salmon"]


@pytest.mark.parametrize("text", [
    "King Charles said the bridge would open in May. Charles said the toll would be low.",
        "A message from King Charles was read on Monday. Charles said the day had been long.",
    "The portrait of King Charles was read on Monday. Charles said the day had been long.",
    "In King Charles's speech on Monday, Charles said the toll would be low.",
])
def test_a_king_is_still_a_person(nlp: Language, text: str) -> None:
    assert set(_speakers(text, nlp)) == {"King Charles"}

