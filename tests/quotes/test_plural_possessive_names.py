"""A plural possessive's apostrophe inside an organisation's name stays in the speaker ("Workers' Union"), so two
outlets writing the name alike name one speaker."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

# Written for these tests: an invented union in an invented town.


@pytest.mark.parametrize("name", ["The Lindmoor Dock Workers' Union", "The Lindmoor Dock Workers\u2019 Union"])
def test_the_apostrophe_of_a_plural_possessive_stays_in_the_name(name: str, nlp: Language) -> None:
    found = extract_from_text(name + " warned that crews could not keep the night shifts going for long.", nlp=nlp)
    assert [(a.speaker, a.speaker_as_written) for a in found] == [(name.removeprefix("The "), name)]


def test_a_possessive_s_is_still_left_out(nlp: Language) -> None:
    found = extract_from_text("Valdoria's central bank said rates would stay where they are.", nlp=nlp)
    assert [a.speaker for a in found] == ["Valdorian central bank"]


@pytest.mark.parametrize("body", ["Lindmoor Dockers' Guild", "Dockers' Guild", "Lindmoor Ferry Workers' Union"])
def test_a_spokesperson_for_a_plural_possessive_name_keeps_the_whole_name(body: str, nlp: Language) -> None:
    # NER may tag the word after the apostrophe ("Guild") alone as a person: the name is not cut to it
    found = extract_from_text(f"A spokesperson for the {body} said the berths were unsafe.", nlp=nlp)
    assert [a.speaker for a in found] == [f"unnamed spokesperson for the {body}"]


def test_a_plural_possessive_name_cut_by_ner_is_still_whole(nlp: Language) -> None:
    found = extract_from_text("The Dockers' Guild said the berths were unsafe.", nlp=nlp)
    assert [a.speaker for a in found] == ["Dockers' Guild"]
