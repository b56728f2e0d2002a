""""he said" after a sentence about someone described, not named ("The Norwegian has missed ...", "The 31-year-old
..."): the other person named before, not the last speaker, whose role the description does not fit (invented)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

_OPENING = ("Lars Vik will miss the final after hurting his knee in training. "
            '"He needs rest for at least a month," said team manager Tom Ode. ')


def _last(text: str, nlp: Language) -> tuple[str, str]:
    found = sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)
    return found[-1].speaker_as_written, found[-1].speaker


@pytest.mark.parametrize("described", [
    "The Norwegian has missed three finals with injuries but still hopes to play in the spring.",
    "The 31-year-old has missed three finals with injuries but still hopes to play in the spring.",
])
def test_a_described_subject_is_the_other_person(nlp: Language, described: str) -> None:
    text = f'{_OPENING}{described} "I will be back before the summer," he said.'
    assert _last(text, nlp) == ("he", "Lars Vik")


@pytest.mark.parametrize("described", [
    "The manager has seen three players with the same injury this season.",
    "The knee has needed rest since the winter.",
])
def test_a_description_of_the_last_speaker_or_a_thing_leaves_the_last_speaker(nlp: Language,
                                                                               described: str) -> None:
    text = f'{_OPENING}{described} "It takes time to heal," he said.'
    assert _last(text, nlp) == ("he", "Tom Ode")
