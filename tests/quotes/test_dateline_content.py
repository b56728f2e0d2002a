"""A wire report's dateline ("ORLEN (SW) - ", "ORLEN, Castavia, March 3 (AM) - ") is no part of what its speaker
said: reported content that opens the text starts after it, as a summary line does. Texts written for this test."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text


def _said(text: str, nlp: Language) -> list[tuple[str, str]]:
    return [(a.speaker, a.content) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("dateline", ["ORLEN (SW) - ", "ORLEN, Castavia, March 3 (AM) - ", "ORLEN, Castavia — ",
                                      "(SW) -- "])
def test_reported_content_starts_after_the_dateline(nlp: Language, dateline: str) -> None:
    text = f"{dateline}A passenger ferry has capsized near Orlen harbour, the coastguard said on Monday."
    said = _said(text, nlp)
    assert [content for _, content in said] == ["A passenger ferry has capsized near Orlen harbour"], said
    (attribution,) = extract_from_text(text, nlp=nlp)
    assert text[attribution.start:attribution.end] == attribution.content  # offsets still index the text


def test_content_that_opens_with_capitals_and_a_dash_in_the_text_is_kept(nlp: Language) -> None:
    text = ("The ferry left on time. NATO - the alliance, not the navy - would lead the search, the minister said. "
            "The coastguard said the crew had been found.")
    contents = [content for _, content in _said(text, nlp)]
    assert "the crew had been found" in contents
    assert all(not c.startswith("the alliance") for c in contents), contents
