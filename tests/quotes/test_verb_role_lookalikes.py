"""Step 28's repairs do not fire on their lookalikes: a real verb after "and" whose partner verb has the first name
as the object of a preposition ("write to Ada Quist and thank Tomas Brell") is no role of the second name, and a
royal title after "a visit from" that only modifies a noun ("King Salmon officials"), or after "a tour of" (a
place toured), is no person."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

LATER = "Brell said the fares would not rise."


def _speakers(text: str, nlp: Language) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("before", [
    "The mayor said she would write to Ada Quist and thank Tomas Brell.",
    "The mayor said she would write a letter to Ada Quist and thank Tomas Brell.",
    "The mayor said she would send flowers to Ada Quist and thank Tomas Brell.",
    '"We will work with Ada Quist and support Tomas Brell," the minister said.',
    "The mayor said staff would report to Ada Quist and assist Tomas Brell.",
    '"Listen to Ada Quist and trust Tomas Brell," the mayor said.',
    "The council will talk with Ada Quist and hire Tomas Brell, the mayor said.",
])
def test_a_verb_coordinated_with_a_verb_of_the_first_name_is_no_role(nlp: Language, before: str) -> None:
    # before the fix: a later "Brell said" was "Tomas Brell" with the role "thank" ("support", "assist", ...)
    assert _speakers(f"{before} {LATER}", nlp)[-1] == ("Brell", "Tomas Brell", None)


def test_a_real_verb_before_a_name_with_a_relative_clause_stays_a_verb(nlp: Language) -> None:
    # before the fix: spoken as "thank Tomas Brell", role "thank"
    text = "The mayor said she would write to Ada Quist and thank Tomas Brell, who said the fares would not rise."
    assert _speakers(text, nlp)[-1] == ("Tomas Brell", "Tomas Brell", None)


@pytest.mark.parametrize("text", [
    "The ferry ran again after a visit from King Salmon officials. Salmon said the repairs would take a week.",
    "Boats waited on Monday after a tour of King Salmon. Salmon said the repairs would take a week.",
])
def test_a_place_after_a_visit_or_a_tour_is_still_a_place(nlp: Language, text: str) -> None:
    # before the fix: "King Salmon" (the town's name as a person)
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Salmon"]
