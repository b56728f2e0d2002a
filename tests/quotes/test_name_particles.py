"""Names with particles ("Nina dos Santos", "Ludwig van Beethoven") and "Sunday" papers kept whole as speakers."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.name_particles import particle_name
from bot.nlp.quotes import extract_from_text


def _speakers(text: str, nlp: Language) -> list[str]:
    return [a.speaker for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize(("first", "later", "full"), [
    ("Nina dos Santos", "Santos", "Nina dos Santos"),
    ("Ludwig van Beethoven", "Beethoven", "Ludwig van Beethoven"),
    ("Charles de Gaulle", "De Gaulle", "Charles de Gaulle"),
])
def test_a_name_keeps_its_particle_and_a_later_surname_is_the_full_name(
        nlp: Language, first: str, later: str, full: str) -> None:
    text = (f"{first} said the harbour at Holmvik would reopen next week. "
            f"Later, {later} said the work on the pier was nearly done.")
    assert _speakers(text, nlp) == [full, full]


@pytest.mark.parametrize("name", [
    "Marta da Silva", "Pieter van der Berg", "Ursula von Lindau", "Rosa de la Cruz", "Khalid bin Salman",
    "Omar al-Rashid",
])
def test_particles_stay_inside_a_name(nlp: Language, name: str) -> None:
    assert _speakers(f"{name} said the bridge at Holmvik was safe.", nlp) == [name]


@pytest.mark.parametrize("paper", ["the Sunday Times", "the Sunday Telegraph", "the Mail on Sunday"])
def test_a_sunday_paper_keeps_sunday_in_its_name(nlp: Language, paper: str) -> None:
    assert _speakers(f"The ferry company had misled its passengers, {paper} said.", nlp) == [paper[4:]]


def test_the_outlet_a_statement_was_made_to_keeps_sunday(nlp: Language) -> None:
    found = extract_from_text("The ferry company had misled its passengers, a source told the Sunday Telegraph.",
                              nlp=nlp)
    assert [a.role for a in found] == ["via Sunday Telegraph"]


def test_a_day_before_an_organisation_is_no_part_of_its_name(nlp: Language) -> None:
    found = extract_from_text("On Sunday Hamas said the crossing at Rafah would stay shut.", nlp=nlp)
    assert [a.speaker for a in found] == ["Hamas"]


@pytest.mark.parametrize(("text", "person"), [
    ("Charles de Gaulle", True), ("Ludwig van Beethoven", True), ("Banco de Portugal", False),
    ("Rio de Janeiro", False), ("Universidad de Chile", False),
])
def test_a_particle_between_capitalised_words_makes_a_person_unless_an_institution_or_place_leads(
        nlp: Language, text: str, person: bool) -> None:
    assert particle_name(list(nlp(text))) is person
