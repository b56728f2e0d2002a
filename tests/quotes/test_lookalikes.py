"""Cue words in prose that is not speech give no attribution; real attributions beside them still do."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text
from tests.quotes.lookalike_samples import NOT_SPEECH, SPEECH, Case
from tests.quotes.lookalike_score import Said, score


@pytest.mark.parametrize("case", NOT_SPEECH, ids=lambda c: c.text[:40])
def test_a_cue_word_that_is_not_speech_gives_no_attribution(case: Case, nlp: Language) -> None:
    found = extract_from_text(case.text, nlp=nlp)
    assert [(a.speaker, a.cue, a.content) for a in found] == []


@pytest.mark.parametrize("case", SPEECH, ids=lambda c: c.text[:40])
def test_a_real_attribution_gives_its_speaker_and_content_only(case: Case, nlp: Language) -> None:
    found = extract_from_text(case.text, nlp=nlp)
    assert [(a.speaker, a.content) for a in found] == [(case.speaker, case.content)]


def test_the_weather_warning_the_operator_saw_is_no_unnamed_source(nlp: Language) -> None:
    text = ("A yellow weather warning for the western coast was issued on Monday. "
            "The weather office said the storm would pass by Wednesday.")
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.cue) for a in found] == [("weather office", "said")]


def test_a_gerund_that_reports_a_clause_is_still_a_cue(nlp: Language) -> None:
    found = extract_from_text("The ministry issued a statement warning that the dam could fail.", nlp=nlp)
    assert [(a.cue, a.content) for a in found] == [("warning", "that the dam could fail")]


def test_documents_speak_as_in_polnear_but_things_do_not(nlp: Language) -> None:
    said = extract_from_text("The forecast warns that the rain will turn to snow on the hills.", nlp=nlp)
    echoed = extract_from_text("The river rose two metres overnight, echoing the floods of 2010.", nlp=nlp)
    assert [a.speaker for a in said] == ["forecast"]
    assert echoed == ()


def test_the_score_counts_false_positives_right_wrong_and_missed() -> None:
    answers: dict[str, list[Said]] = {
        "quiet": [("sign", "x")], "said": [("A", "b"), ("C", "d")], "missed": [("E", "f")], "none": []}
    counts = score([Case("quiet"), Case("none")],
                   [Case("said", "A", "b"), Case("missed", "E", "g")], lambda text: answers[text])
    assert (counts.false_positives, counts.right, counts.wrong, counts.missed) == (1, 1, 2, 1)
    assert counts.precision == pytest.approx(1 / 4)
    assert counts.recall == pytest.approx(1 / 2)
    assert len(counts.notes) == 2


def test_a_name_after_the_comma_is_the_speaker_and_the_words_before_it_the_role(nlp: Language) -> None:
    found = extract_from_text("The minister of transport, Peter Holm, said the tunnel would open in June.", nlp=nlp)
    assert [(a.speaker, a.role) for a in found] == [("Peter Holm", "minister of transport")]
