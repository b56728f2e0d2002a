"""A statement nested with its subject inside another speaker's reported clause is that speaker's words, not a
second statement by the nested subject."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_from_text

# Written for these tests: invented sentences about invented people and an invented ministry.


def test_a_cue_inside_another_speakers_reported_clause_is_not_a_statement_of_its_own(nlp: Language) -> None:
    text = ("Foreign minister Ilse Marhold said the ministry demands that the alliance halts its exercises "
            "near the border.")
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.cue) for a in found] == [("Ilse Marhold", "said")]
    assert found[0].content.startswith("the ministry demands that the alliance halts")


def test_two_speakers_side_by_side_keep_both(nlp: Language) -> None:
    text = ("Ilse Marhold said the talks would resume in spring. The ministry demanded that the alliance halt "
            "its exercises.")
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.cue) for a in found] == [("Ilse Marhold", "said"), ("ministry", "demanded")]


def test_a_cue_in_a_relative_clause_inside_the_reported_clause_keeps_its_own_statement(nlp: Language) -> None:
    text = "Ilse Marhold said the old pier, which engineers said was rotten, would be pulled down in May."
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.cue) for a in found] == [("Ilse Marhold", "said"), ("engineers", "said")]


def test_a_content_before_its_cue_holds_no_statement(nlp: Language) -> None:
    text = "The auditors reported that the harbour fund was empty by June, according to the town's own website."
    found = extract_from_text(text, nlp=nlp)
    assert ("auditors", "reported") in [(a.speaker.removeprefix("unnamed "), a.cue) for a in found]
