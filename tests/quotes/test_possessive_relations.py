""""Gary Hoff's doctor said" is an unnamed doctor of Gary Hoff's, not Gary Hoff: a named owner of a person noun (a
role, a profession, a relative) is whose that person is (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

OPENING = "Gary Hoff spoke to farmers in Denver on Monday. "


def _speakers(text: str, nlp: Language) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize(("owned", "speaker", "whose"), [
    ("Gary Hoff's doctor", "unnamed doctor", "Gary Hoff's doctor"),
    ("Hoff's doctor", "unnamed doctor", "Hoff's doctor"),
    ("Gary Hoff's lawyer", "unnamed lawyer", "Gary Hoff's lawyer"),
    ("Gary Hoff's spokesman", "unnamed spokesman", "Gary Hoff's spokesman"),
    ("Gary Hoff's aide", "unnamed aide", "Gary Hoff's aide"),
    ("Gary Hoff's wife", "unnamed wife", "Gary Hoff's wife"),
    ("Hoff's brother", "unnamed brother", "Hoff's brother"),
    ("Mr. Hoff's physician", "unnamed physician", "Hoff's physician"),  # the role from the name, as for aides
])
def test_a_person_owned_by_a_named_person_is_not_that_person(owned: str, speaker: str, whose: str,
                                                              nlp: Language) -> None:
    text = OPENING + f'"He is resting and will be back on the road soon," {owned} said.'
    assert _speakers(text, nlp) == [(speaker, whose)]


def test_the_owners_own_words_are_still_the_owners(nlp: Language) -> None:
    # a thing the person has is no other speaker: "Hoff's statement" is Hoff's word
    text = OPENING + "Gary Hoff's statement said the farm bill would pass."
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Gary Hoff"]


@pytest.mark.parametrize("owned", ["owners", "fans", "carers", "team-mates", "nannies", "vets", "classmates"])
def test_a_group_owned_by_a_named_one_is_not_the_owner(owned: str, nlp: Language) -> None:
    # "Tara's owners": the cat's people, unnamed, and "they" after them is them too
    text = f'Tara\'s {owned} said the cat had saved the boy. "It was a miracle," they said.'
    assert _speakers(text, nlp) == [(f"unnamed {owned}", f"Tara's {owned}")] * 2


def test_the_owners_plural_things_are_still_the_owners_word(nlp: Language) -> None:
    text = "Tara's statements said the cat had saved the boy."
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Tara"]
