"""A title before a surname ("Miss Vorn", "Mr Brell") is no other person's given name: it says the sex of the one
person named in full with that surname (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.pronoun_gender import sex_of_name
from bot.nlp.quotes import extract_from_text


@pytest.mark.parametrize(
    ("text", "name", "sex"),
    [
        ("Madelaine Vorn was charged on Monday. Miss Vorn told the court nothing.", "Madelaine Vorn", "f"),
        ("Tomas Brell was charged on Monday. Mr Brell told the court nothing.", "Tomas Brell", "m"),
        ("Greta Holm was charged on Monday. Mrs Holm told the court nothing.", "Greta Holm", "f"),
        ("Ilse Dahl was charged on Monday. Ms Dahl told the court nothing.", "Ilse Dahl", "f"),
    ],
)
def test_a_title_before_the_surname_says_the_sex(text: str, name: str, sex: str, nlp: Language) -> None:
    assert sex_of_name(nlp(text), name) == sex


def test_another_given_name_still_marks_a_shared_surname(nlp: Language) -> None:
    # "Mr Vorn" may be Karl Vorn: a surname two people share votes only with its given name
    doc = nlp("Madelaine Vorn was charged on Monday. Karl Vorn was not. Mr Vorn told the court nothing.")
    assert sex_of_name(doc, "Madelaine Vorn") is None


def test_he_after_a_miss_is_not_her(nlp: Language) -> None:
    text = (
        "Madelaine Vorn was charged with fraud on Monday. Miss Vorn denied it. Oskar Rand, her neighbour, "
        'was a witness. "He shouted at the door all night," Miss Vorn said. '
        '"I never touched the money," he said.'
    )
    speakers = [a.speaker for a in extract_from_text(text, nlp=nlp)]
    assert speakers[-1] != "Madelaine Vorn"
