""""her" in what a named object is called ("considers Tom Berg her mentor") is the subject's, not the named
person's: it says nothing of that person's sex (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.pronoun_gender import sex_of_name


@pytest.mark.parametrize("sentence", [
    "Ada Quist considers Tom Berg her political mentor.",
    "Ada Quist called Tom Berg her closest friend.",
    "Ada Quist chose Tom Berg as her deputy.",
])
def test_a_possessive_in_an_object_complement_is_not_the_objects(nlp: Language, sentence: str) -> None:
    assert sex_of_name(nlp(sentence), "Tom Berg") is None
    assert sex_of_name(nlp(sentence), "Tom Berg", given_only=True) is None


def test_the_names_own_possessive_still_tells(nlp: Language) -> None:
    assert sex_of_name(nlp("The mayor thanked Greta Holm and her crew."), "Greta Holm") == "f"
    assert sex_of_name(nlp("Greta Holm said her crew was ready."), "Greta Holm") == "f"
