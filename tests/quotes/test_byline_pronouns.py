"""A writer named in an opening byline is no antecedent for a "he"/"she" in the story (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.bylines import byline_end
from bot.nlp.quotes import extract_from_text


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("By . Ana Roy . and Tom Ode . UPDATED: . 18:30", len("By . Ana Roy . and Tom Ode . ")),
        ("By Ana Roy For Mailonline\nThe mayor spoke.", len("By Ana Roy For Mailonline\n")),
        ("By Monday, the mayor had spoken.", 0),
        ("The mayor spoke. By . Ana Roy .", 0),
    ],
)
def test_byline_end(text: str, end: int) -> None:
    assert byline_end(text) == end


def test_a_pronoun_is_not_the_writer_in_the_byline(nlp: Language) -> None:
    text = (
        "By . Hugo Varn . and Lena Tosk . UPDATED: . 10:00 . Tom Brand has apologised for calling a student a "
        "fool after she argued that employers should pay for their workers' bus fares. Mr Brand, 61, made the "
        "remarks on his radio show. But today he acknowledged that he 'chose the wrong words'."
    )
    speakers = [(a.speaker_as_written, a.speaker) for a in extract_from_text(text, nlp=nlp)]
    assert ("she", "Lena Tosk") not in speakers
    assert ("he", "Tom Brand") in speakers
