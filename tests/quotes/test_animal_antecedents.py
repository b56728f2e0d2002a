"""A named animal ("the cat Tara", "their dog, Max", "Tara the cat") is no pronoun speaker's antecedent."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.animal_names import animal_names
from bot.nlp.quotes import extract_from_text

# Written for these tests: an invented family, their invented pets and an invented radio show.
STORY = ("Mr Oskar Brenning said his son had been knocked down by a loose goat on Sunday. Then {pet} chased the "
         "goat into the orchard. 'He is already back at school,' she told Morning Radio.")


@pytest.mark.parametrize("pet", ["the family's cat, Tara,", "Tara the cat", "their dog, Tara,"])
def test_she_is_not_the_named_animal(pet: str, nlp: Language) -> None:
    found = extract_from_text(STORY.format(pet=pet), nlp=nlp)
    told = [a for a in found if a.cue == "told"]
    assert len(told) == 1
    assert told[0].speaker != "Tara"


@pytest.mark.parametrize(("text", "names"), [
    ("Their dog, Max, barked at Ada Quist.", {"Max"}),
    ("Tara the cat slept while Ada Quist, a dog trainer, worked.", {"Tara"}),
    ("Ada Quist, the family's lawyer, spoke to Tove Aune.", set()),
])
def test_animal_names(text: str, names: set[str], nlp: Language) -> None:
    assert set(animal_names(nlp(text))) == names
