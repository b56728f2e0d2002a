"""An editor's note is no one's statement: "Correction: an earlier version of this article said 40 passengers were
aboard" gives no attribution, so the wrong figure it corrects never reaches who-said-what, `ask` or a key quote.
Texts written for this test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

BODY = "The operator said on Tuesday that 64 people were aboard when the ferry left Orlen on Monday."


def _said(text: str, nlp: Language) -> list[tuple[str, str]]:
    return [(a.speaker, a.content) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("note", [
    "Correction: an earlier version of this article said 40 passengers were aboard the ferry.",
    "An earlier version of this story said the ferry carried 40 passengers.",
    "Clarification: this article has been updated; it previously said the crew had been warned twice.",
    "Editor's note: an earlier version of this report wrongly said the captain had been arrested.",
])
def test_an_editors_note_gives_no_attribution(nlp: Language, note: str) -> None:
    said = _said(f"{BODY} {note}", nlp)
    assert said == [("operator", "that 64 people were aboard when the ferry left Orlen on Monday")], said


def test_a_statement_after_the_note_label_line_is_still_found(nlp: Language) -> None:
    # a note's own sentence is dropped, not the paragraph's other sentences
    text = (f"{BODY}\n\nCorrection: an earlier version of this article misspelled the harbour. "
            "Mayor Ada Quist said the quay would reopen.")
    assert ("Ada Quist", "the quay would reopen") in _said(text, nlp)
    assert all("earlier version" not in s for s, _ in _said(text, nlp))
