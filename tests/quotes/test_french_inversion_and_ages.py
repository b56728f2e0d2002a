"""French inverted cues ("a-t-elle déclaré") and "répéter" as a verb of saying; English speakers written with
hyphens ("the 36-year-old") shown as the article writes them, not as tokens joined with spaces."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text
from bot.nlp.quotes_direct import rule_quotes


def _speakers(text: str) -> list[tuple[str, str]]:
    return [(a.speaker, a.content) for a in rule_quotes(text, "fr", "t")]


@pytest.mark.parametrize("cue", ["a-t-elle déclaré", "a-t-elle précisé", "a-t-elle ajouté", "a-t-elle répété",
                                 "répète-t-elle", "a-t-elle insisté", "a-t-elle rappelé"])
def test_inverted_pronoun_refers_back_to_the_last_speaker(cue: str) -> None:
    text = ("« Nous ne reculerons pas », a déclaré Claire Fontanel mardi.\n"
            f"Les éleveurs attendent des mesures. « Le plan viendra avant l'été », {cue}.")
    assert _speakers(text) == [("Claire Fontanel", "« Nous ne reculerons pas »"),
                               ("Claire Fontanel", "« Le plan viendra avant l'été »")]


def test_inverted_pronoun_refers_back_to_a_person_named_just_before() -> None:
    text = ("La ministre Claire Fontanel a reçu les éleveurs mardi.\n"
            "« Nous ne reculerons pas », a-t-elle déclaré.")
    assert _speakers(text) == [("Claire Fontanel", "« Nous ne reculerons pas »")]


def test_inverted_pronoun_with_another_name_between_is_left_out() -> None:
    text = ("Claire Fontanel a reçu Marc Vidal mardi.\n"
            "« Nous ne reculerons pas », a-t-il déclaré.")
    assert _speakers(text) == []


@pytest.mark.parametrize("cue", ["a répété", "répète", "avait répété"])
def test_repeter_is_a_verb_of_saying(cue: str) -> None:
    text = f"« Le plan sera présenté avant l'été », {cue} la ministre Claire Fontanel."
    assert _speakers(text) == [("Claire Fontanel", "« Le plan sera présenté avant l'été »")]


def test_repeter_plural() -> None:
    found = rule_quotes("« Nous ne partirons pas », répètent Claire Fontanel et Marc Vidal.", "fr", "t")
    assert [(a.speaker, a.cue) for a in found] == [("Claire Fontanel and Marc Vidal", "répètent")]
    found = rule_quotes("« Nous ne partirons pas », ont répété les syndicats.", "fr", "t")
    assert [(a.speaker, a.cue) for a in found] == [("syndicats", "ont répété")]


@pytest.mark.parametrize("age", ["36-year-old", "42-year-old"])
def test_hyphenated_description_is_shown_as_written(nlp: Language, age: str) -> None:
    found = extract_from_text(f"The {age} said the harbour plan would be finished before the summer.", nlp=nlp)
    assert found
    assert found[0].speaker_as_written == f"The {age}"
    assert " - " not in found[0].speaker
    assert age in found[0].speaker
