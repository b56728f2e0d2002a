"""A royal title before one given name stays in the name when the phrase follows "a visit from", "the coronation
of" and the like, whatever NER tagged it: a later "Charles said" is "King Charles", not "Charles"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

LATER = [
    "{given} said the town had waited long enough.",
    '"We waited long enough," {given} said.',
    "{given} told reporters the town had waited long enough.",
]


def _speakers(text: str, nlp: Language) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("later", LATER)
@pytest.mark.parametrize("before", [
    "The pier reopened on Monday after a visit from {royal}.",
    "Crowds filled the square after a visit from {royal}.",
    "The pier reopened on Monday after the coronation of {royal}.",
    "The pier reopened on Monday after a letter from {royal}.",
    "The pier reopened on Monday after a speech from {royal}.",
    "The pier reopened on Monday after the wedding of {royal}.",
])
@pytest.mark.parametrize("royal", ["King Charles", "Queen Margrethe", "King Frederik", "Princess Astrid"])
def test_a_royal_after_a_visit_from_is_a_person(nlp: Language, before: str, later: str, royal: str) -> None:
    # before: "after a visit from King Charles" (NER: a place) made no person, so "Charles said" was "Charles"
    given = royal.split()[1]
    text = f"{before.format(royal=royal)} {later.format(given=given)}"
    assert _speakers(text, nlp) == [(given, royal, None)]


@pytest.mark.parametrize(("text", "speaker"), [
    ("King Charles said the harbour would reopen after a visit from the mayor.", "King Charles"),
    ("Queen Margrethe told reporters the harbour would reopen in May.", "Queen Margrethe"),
    ('"The harbour will reopen in May," Queen Margrethe told reporters.', "Queen Margrethe"),
    ("According to King Charles, the harbour will reopen in May.", "King Charles"),
])
def test_a_royal_speaker_keeps_the_title_in_the_name(nlp: Language, text: str, speaker: str) -> None:
    assert _speakers(text, nlp) == [(speaker.replace("According to ", ""), speaker, None)]


@pytest.mark.parametrize("text", [
    "Boats from King Salmon waited for the repairs on Monday. Salmon said the repairs would take a week.",
    "The council of King Salmon met on Monday. Salmon said the repairs would take a week.",
])
def test_a_place_after_from_or_of_is_still_a_place(nlp: Language, text: str) -> None:
    later = text.split(". ")[1].split()[0]
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == [later]


def test_a_general_before_a_full_name_is_a_role(nlp: Language) -> None:
    text = "General John Smith said the harbour would reopen. Smith said the pier was safe."
    assert _speakers(text, nlp) == [("General John Smith", "John Smith", "General"),
                                    ("Smith", "John Smith", "General")]
