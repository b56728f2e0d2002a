"""A quotation that never closes (its mark missing) ends before the narrative after it, not at the next
quotation's mark further on (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quote_rules import quote_spans
from bot.nlp.quotes import extract_from_text

_MARKS = [("'", "'"), ("‘", "’"), ('"', '"')]
_SPEECH = "{o}We have had no phone calls. He needs to stop listening to the noise."
_AFTER = " The council met on Monday to discuss the {o}disaster{c} in detail."
_NARRATIVE = [
    "Marsh praised the new lifeguard and said she would go far.",
    "The harbour master then praised the lifeguard.",
    "He added that the lifeguard would go far.",
    "She later explained that the lamps were old.",
]


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(("o", "c"), _MARKS)
@pytest.mark.parametrize("narrative", _NARRATIVE)
def test_an_unclosed_quotation_ends_before_narrative(o: str, c: str, narrative: str) -> None:
    text = f"Wendell Marsh said: {_SPEECH} {narrative}{_AFTER}".format(o=o, c=c)
    assert _spans(text) == [_SPEECH.format(o=o), f"{o}disaster{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
def test_an_unclosed_last_piece_ends_before_narrative(nlp: Language, o: str, c: str) -> None:
    text = (
        f"{o}The pier is safe,{c} said Wendell Marsh. {_SPEECH} The harbour master then praised the lifeguard.{_AFTER}"
    ).format(o=o, c=c)
    found = [a for a in extract_from_text(text, nlp=nlp) if a.speaker == "Wendell Marsh"]
    assert [a.content for a in found] == [f"{o}The pier is safe,{c}", _SPEECH.format(o=o)]


@pytest.mark.parametrize(("o", "c"), _MARKS)
def test_the_narrative_after_an_unclosed_quotation_is_its_own(nlp: Language, o: str, c: str) -> None:
    text = f"Wendell Marsh said: {_SPEECH} He added that the lifeguard would go far.".format(o=o, c=c)
    text += _AFTER.format(o=o, c=c)
    found = [(a.speaker, a.cue, a.content) for a in extract_from_text(text, nlp=nlp)]
    assert ("Wendell Marsh", "said", _SPEECH.format(o=o)) in found
    assert not any("council" in content for _, _, content in found)


@pytest.mark.parametrize(("o", "c"), _MARKS)
def test_a_closed_quotation_holding_a_name_saying_stays_whole(o: str, c: str) -> None:
    text = f"Marsh said: {o}We were told to wait. The harbour master said the pier was safe. It was not.{c} He left."
    assert _spans(text) == [f"{o}We were told to wait. The harbour master said the pier was safe. It was not.{c}"]


# paragraphs on their own lines: a quotation in double marks left open ends with its paragraph unless the next one
# reopens it
_OPEN = "Wendell Marsh said: {o}We have had no phone calls. The crews need the work."
_NEXT = "The council met on Monday to discuss the pier."
_DOUBLE = [('"', '"'), ("“", "”")]


@pytest.mark.parametrize(("o", "c"), _DOUBLE)
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_open_quotation_ends_with_its_paragraph(o: str, c: str, gap: str) -> None:
    text = f"{_OPEN}{gap}{_NEXT}".format(o=o, c=c)
    assert _spans(text) == [f"{o}We have had no phone calls. The crews need the work."]


@pytest.mark.parametrize(("o", "c"), _DOUBLE)
def test_an_open_quotation_is_its_speakers(nlp: Language, o: str, c: str) -> None:
    text = f"{_OPEN}\n\n{_NEXT}\n".format(o=o, c=c)
    found = [(a.speaker, a.kind, a.content) for a in extract_from_text(text, nlp=nlp)]
    assert found == [("Wendell Marsh", "direct", f"{o}We have had no phone calls. The crews need the work.")]


@pytest.mark.parametrize(("o", "c"), _DOUBLE)
def test_an_open_quotation_ends_before_narrative_in_its_paragraph(o: str, c: str) -> None:
    text = f"{_OPEN} The harbour master then praised the lifeguard.\n\n{_NEXT}".format(o=o, c=c)
    assert _spans(text) == [f"{o}We have had no phone calls. The crews need the work."]


@pytest.mark.parametrize(("o", "c"), _DOUBLE)
def test_an_open_quotation_holds_the_quotations_inside_it(o: str, c: str) -> None:
    text = f"Marsh said: {o}We call it the 'long winter' and the 'dark months'.\n\n{_NEXT}".format(o=o, c=c)
    assert _spans(text) == [f"{o}We call it the 'long winter' and the 'dark months'."]


@pytest.mark.parametrize(("o", "c"), [*_MARKS, ("“", "”")])
def test_a_paragraph_reopened_with_a_mark_is_not_ended_here(o: str, c: str) -> None:
    text = f"{_OPEN}\n\n{{o}}Nothing is ready,{{c}} he added.".format(o=o, c=c)
    assert _spans(text) == [f"{o}Nothing is ready,{c}"]


@pytest.mark.parametrize(("o", "c"), [*_MARKS, ("“", "”")])
def test_the_last_paragraph_and_one_line_text_are_left_alone(o: str, c: str) -> None:
    assert _spans(f"{_NEXT}\n\n{_OPEN}".format(o=o, c=c)) == []
    assert _spans(f"{_OPEN} {_NEXT}".format(o=o, c=c)) == []


@pytest.mark.parametrize("line", ["Hijacked computers are called 'bot nets and rented to spammers.",
                                  "Deacon stole\n\n's thunder in the final of the 200m.",
                                  "Wendell Marsh said: 'We have had no phone calls. The crews need the work."])
def test_a_single_mark_left_open_is_no_quotation(line: str) -> None:
    assert _spans(f"{line}\n\n{_NEXT}") == []
