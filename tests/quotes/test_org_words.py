"""Organisation heads such as "Guild" or "Coalition" name a body, as "Union" does: a title holding one is the
person's role, not part of their name (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

HEADS = ["Guild", "Syndicate", "Federation", "Alliance", "Coalition", "Cooperative", "Consortium"]


def _speakers(text: str, nlp: Language) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("head", ["Union", *HEADS])
def test_an_officer_of_the_body_is_the_person_with_that_role(head: str, nlp: Language) -> None:
    text = f"Chief {head} Officer Tomas Brell said the port would close."
    assert _speakers(text, nlp) == [("Tomas Brell", f"Chief {head} Officer")]


def test_a_person_named_after_no_body_keeps_a_surname_like_chambers(nlp: Language) -> None:
    text = "Senator Ann Chambers said the port would close."
    assert _speakers(text, nlp) == [("Ann Chambers", "Senator")]
