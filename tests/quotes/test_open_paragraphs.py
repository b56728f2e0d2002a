"""A quotation left open at a paragraph's end, in text that runs its paragraphs together, stops before narrative."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quote_rules import quote_spans
from bot.nlp.quotes import extract_from_text

_NARRATED = ("The harbour master spoke after the storm. He said: {o}We will reopen the harbour in spring. The ferries "
             "need the work. Ola Berg, the mayor, said the council would pay for the repairs. {o}Nothing is ready "
             "yet,{c} he added.")
_MARKS = [("'", "'"), ("‘", "’"), ('"', '"'), ("“", "”")]


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(("o", "c"), _MARKS)
def test_an_open_quotation_stops_before_a_narrated_attribution(o: str, c: str) -> None:
    text = _NARRATED.format(o=o, c=c)
    assert _spans(text) == [f"{o}We will reopen the harbour in spring. The ferries need the work.",
                            f"{o}Nothing is ready yet,{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
def test_the_narrative_is_its_own_attribution(nlp: Language, o: str, c: str) -> None:
    text = _NARRATED.format(o=o, c=c)
    found = sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)
    assert [(a.cue, a.kind, a.content) for a in found] == [
        ("said", "direct", f"{o}We will reopen the harbour in spring. The ferries need the work."),
        ("said", "indirect", "the council would pay for the repairs"),
        ("added", "direct", f"{o}Nothing is ready yet,{c}"),
    ]
    assert found[1].speaker == "Ola Berg"


@pytest.mark.parametrize(("o", "c"), [("'", "'"), ("‘", "’"), ("“", "”")])
def test_speech_over_two_paragraphs_with_no_narrative_stays_one_quotation(o: str, c: str) -> None:
    text = (f"He said: {o}We will reopen the harbour in spring. The ferries need the work. {o}We have waited long "
            f"enough for the money.{c} The council meets on Friday.")
    assert _spans(text) == [f"{o}We will reopen the harbour in spring. The ferries need the work. {o}We have waited "
                            f"long enough for the money.{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
def test_an_open_paragraph_holds_at_most_six_sentences(o: str, c: str) -> None:
    speech = "We will reopen in spring. The ferries need work. The crews are ready. The money is not. Ask them. Ask me."
    text = f"He said: {o}{speech} The harbour opened in 1850. It shut in May. {o}Nothing is ready,{c} he added."
    assert _spans(text) == [f"{o}{speech}", f"{o}Nothing is ready,{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
@pytest.mark.parametrize("told", ["I told the council we need the money.", "The council has said it will pay.",
                                  "He said sorry and he will learn from it.", "Nobody said a word to the crews."])
def test_speech_about_what_someone_said_is_no_narrative(o: str, c: str, told: str) -> None:
    text = f"He said: {o}We will reopen in spring. {told} {o}Nothing is ready,{c} he added."
    assert _spans(text) == [f"{o}We will reopen in spring. {told} {o}Nothing is ready,{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
def test_a_cue_after_an_open_quotation_does_not_take_it(nlp: Language, o: str, c: str) -> None:
    text = (f"He said: {o}We have had no calls. We need the work. Ola Berg praised the harbour staff. {o}Nothing is "
            f"ready,{c} he added.")
    found = sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)
    assert [(a.cue, a.kind, a.content) for a in found] == [
        ("said", "direct", f"{o}We have had no calls. We need the work."),
        ("praised", "indirect", "the harbour staff"),
        ("added", "direct", f"{o}Nothing is ready,{c}"),
    ]


@pytest.mark.parametrize(("o", "c"), [("'", "'"), ("‘", "’")])
def test_a_quotation_opened_after_the_narrative_keeps_its_mark(o: str, c: str) -> None:
    text = (f"He said: {o}We will reopen in spring. Ola Berg said the council would pay. He added: {o}The crews are "
            f"ready. {o}The money is not.{c}")
    assert _spans(text) == [f"{o}We will reopen in spring.", f"{o}The crews are ready. {o}The money is not.{c}"]


def test_a_curly_mark_inside_a_sentence_opens_no_new_paragraph() -> None:
    text = "He said: “We call it the “long winter” in Ostvik, and we mean it.” The council met on Friday."
    assert _spans(text) == ["“long winter”"]


def test_curly_paragraphs_that_never_close_are_no_quotation() -> None:
    text = "He said: “We will reopen in spring. “The crews are ready. The council met on Friday."
    assert _spans(text) == []


@pytest.mark.parametrize(("o", "c"), _MARKS)
@pytest.mark.parametrize("caption", [
    "Pictured: the Ostvik harbour wall after the storm .",
    "Battered: The Ostvik harbour wall, pictured last week, lost three metres of stone .",
    "The harbour master (pictured) has worked in Ostvik since 1998 .",
    "The Ostvik harbour wall on Monday (NILS HAGEN/VELLMAR PRESS) .",
])
def test_an_open_quotation_stops_at_a_photo_caption(o: str, c: str, caption: str) -> None:
    text = (f"He said: {o}We will reopen the harbour in spring. The ferries need the work. {caption} {o}Nothing is "
            f"ready,{c} he added.")
    assert _spans(text) == [f"{o}We will reopen the harbour in spring. The ferries need the work.",
                            f"{o}Nothing is ready,{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
@pytest.mark.parametrize("speech", ["My message: We will not give up the harbour.",
                                    "The answer is simple: the council must pay.",
                                    "We were pictured on the quay with the crews."])
def test_speech_with_a_colon_or_a_photo_is_no_caption(o: str, c: str, speech: str) -> None:
    text = f"He said: {o}We will reopen the harbour in spring. {speech} {o}Nothing is ready,{c} he added."
    assert _spans(text) == [f"{o}We will reopen the harbour in spring. {speech} {o}Nothing is ready,{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
@pytest.mark.parametrize("told", ["He told reporters the plan would save the harbour.",
                                  "She later told journalists that the crews were ready.",
                                  "He told the Valmont Post the repairs would take a year.",
                                  "She said in a statement that the crews were ready.",
                                  "He told a news conference the quay was safe."])
def test_the_writer_telling_who_was_told_is_narrative(o: str, c: str, told: str) -> None:
    text = f"He said: {o}We will reopen in spring. {told} {o}Nothing is ready,{c} he added."
    assert _spans(text) == [f"{o}We will reopen in spring.", f"{o}Nothing is ready,{c}"]


@pytest.mark.parametrize(("o", "c"), _MARKS)
@pytest.mark.parametrize("told", ["He told me the plan would save the harbour.",
                                  "She said the crews were ready and they were.",
                                  "He told the crews to go home."])
def test_speech_telling_what_another_said_stays_speech(o: str, c: str, told: str) -> None:
    text = f"He said: {o}We will reopen in spring. {told} {o}Nothing is ready,{c} he added."
    assert _spans(text) == [f"{o}We will reopen in spring. {told} {o}Nothing is ready,{c}"]
