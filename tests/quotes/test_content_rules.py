"""Content-span rules added for PolNeAR recall: parentheticals, resumed quotations, colons, objects."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from bot.eval.quotes import gold_items, repaired
from bot.nlp.quote_rules import find_attributions, quote_spans
from bot.nlp.quotes import extract_from_text


def _one(nlp: Language, text: str, speaker: str, cue: str = "") -> str:
    found = [a for a in extract_from_text(text, nlp=nlp) if a.speaker == speaker and cue in (a.cue, "")]
    assert len(found) == 1, (text, found)
    assert text[found[0].start:found[0].end] == found[0].content
    return found[0].content


@pytest.mark.parametrize(("text", "speaker", "has", "lacks"), [
    ("The new quay, Amina Diallo said, would open in the spring.", "Amina Diallo", "would open", ""),
    ("Shipping will recover slowly, the harbour master said.", "harbour master", "recover slowly", "said"),
    ("It was a long winter; the harbour master says the quay will open in May.", "harbour master",
     "will open in May", "long winter"),
    ("Tom Reyes said after the vote he would not resign.", "Tom Reyes", "would not resign", ""),
    ("Tom Reyes called on the council to rebuild the levee.", "Tom Reyes", "rebuild the levee", ""),
    ("Tom Reyes noted the delays in his speech.", "Tom Reyes", "the delays", ""),
    ("Tom Reyes said he would rebuild the levee and warned against further delay.", "Tom Reyes",
     "rebuild the levee", "warned"),
])
def test_content_forms(nlp: Language, text: str, speaker: str, has: str, lacks: str) -> None:
    content = _one(nlp, text, speaker, "said" if "warned" in text else "")
    assert has in content
    assert not lacks or lacks not in content


def test_a_second_cue_folded_into_the_clause_is_its_own_attribution(nlp: Language) -> None:
    text = "Tom Reyes said he would rebuild the levee and warned against further delay."
    assert _one(nlp, text, "Tom Reyes", "warned") == "further delay"


def test_adverbial_before_the_speaker_is_not_content(nlp: Language) -> None:
    found = extract_from_text("In July, the port authority called for a new quay.", nlp=nlp)
    assert all("In July" not in a.content for a in found)
    assert any("new quay" in a.content for a in found)


def test_resumed_quotation_after_a_long_description_keeps_its_pieces(nlp: Language) -> None:
    text = ('"The quay is finished," said Amina Diallo, who has run the harbour since 2019 and oversaw the '
            'works. "Ships can dock tomorrow."')
    doc = nlp(text)
    found = [f for f in find_attributions(doc) if f.kind == "direct"]
    assert len(found) == 1
    pieces = [text[s:e] for s, e in found[0].pieces]
    assert pieces == ['"The quay is finished,"', '"Ships can dock tomorrow."']


def test_colon_at_paragraph_end_takes_the_next_paragraph(nlp: Language) -> None:
    text = "The mayor added:\n\nThe levee will hold through the winter and the town is ready.\n"
    content = _one(nlp, text, "unnamed mayor")
    assert content == "The levee will hold through the winter and the town is ready."


def test_quoted_speech_inside_a_quotation_is_not_a_second_speaker(nlp: Language) -> None:
    text = '"I say we rebuild the levee now," Tom Reyes said.'
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Tom Reyes"]


def test_mixed_quote_marks_pair_up() -> None:
    text = 'She said “the quay is open," and then "ships can dock."'
    assert [text[s:e] for s, e in quote_spans(text)] == ['“the quay is open,"', '"ships can dock."']


def test_negation_inside_the_quotation_does_not_cancel_the_cue(nlp: Language) -> None:
    text = '"Is the quay ready? Probably not," Amina Diallo said.'
    assert _one(nlp, text, "Amina Diallo").startswith('"Is the quay ready?')


def _piece(text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def test_gold_with_swapped_source_and_cue_labels_is_read_with_the_labels_put_back(nlp: Language) -> None:
    text = '"The quay is open," said Diallo. The Post has learned that ships will dock.'
    doc = nlp(text)
    swapped = {"source": [_piece(text, "said")], "cue": [_piece(text, "Diallo")],
               "content": [_piece(text, '"The quay is open,"')], "has_quote_marks": True}
    noun = {"source": [_piece(text, "The Post")], "cue": [_piece(text, "has learned")],
            "content": [_piece(text, "ships will dock")], "has_quote_marks": False}
    assert repaired(doc, swapped)["source"][0]["text"] == "Diallo"
    assert repaired(doc, noun) is noun  # "Post" is a noun here, not a verb of saying
    record = {"attributions": [swapped, noun]}
    assert len(gold_items(doc, record)) == 1
    assert gold_items(doc, record, repair=False) == []
