"""A press release's wire dateline ("BELGRAST, Tarnovia, June 4, 2025 /PRNewswire/ -- ") names a place, never a
speaker: "BELGRAST announced: a voluntary recall ..." was shown in the story view and in ask. Texts written for this
test (invented company and places)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text


@pytest.mark.parametrize("dateline", ["BELGRAST, Tarnovia, June 4, 2025 /PRNewswire/ -- ",
                                      "ORLEN, Castavia--(BUSINESS WIRE)--",
                                      "ORLEN, Castavia, Jan. 9, 2026 (GLOBE NEWSWIRE) -- "])
def test_a_release_dateline_is_no_speaker(nlp: Language, dateline: str) -> None:
    text = (f"{dateline}Velko Home Appliances today announced a voluntary recall of about 48,000 electric kettles "
            "because of a risk of overheating.\n\n"
            "\"The safety of our customers comes first,\" said Lena Velko, the company's chief executive.")
    speakers = [a.speaker for a in extract_from_text(text, nlp=nlp)]
    assert not any(s.isupper() or s in ("Belgrast", "Orlen", "Castavia") for s in speakers), speakers
    assert "Lena Velko" in speakers
