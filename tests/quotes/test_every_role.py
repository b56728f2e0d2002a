"""A role phrase may refer back to a person by any role the text gave them, not only the first (invented text)."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_from_text

OPENING = "Businessman Tom Hale opened a factory in Ohio on Monday. "


def _speakers(text: str, nlp: Language) -> list[str]:
    return [a.speaker for a in extract_from_text(text, nlp=nlp)]


def test_a_later_role_is_also_the_persons(nlp: Language) -> None:
    text = (
        OPENING + "On Tuesday, Republican nominee Tom Hale visited Iowa. "
        "The Republican nominee said the farms needed more help."
    )
    assert _speakers(text, nlp)[-1] == "Tom Hale"


def test_the_party_must_still_agree(nlp: Language) -> None:
    text = (
        OPENING + "On Tuesday, Democratic nominee Tom Hale visited Iowa. "
        "The Republican nominee said the farms needed more help."
    )
    assert _speakers(text, nlp)[-1] != "Tom Hale"


def test_a_role_no_one_was_given_binds_no_one(nlp: Language) -> None:
    text = OPENING + "On Tuesday, he visited Iowa. The Republican nominee said the farms needed more help."
    assert _speakers(text, nlp)[-1] != "Tom Hale"
