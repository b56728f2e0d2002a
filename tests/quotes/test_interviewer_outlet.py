"""An interviewer named with the outlet ("told Valmont Radio reporter Ann Lee", "told the Valmont Post's Ann Lee")
gives the outlet as the route; the interviewer is never the speaker."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

_SPEAKER = "Ola Berg, the Ostvik harbour master,"


def _found(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)]


@pytest.mark.parametrize(("told", "via"), [
    ("told Valmont Radio reporter Ann Lee", "Valmont Radio"),
    ("told Bloomberg correspondent Ann Lee", "Bloomberg"),
    ("told CNN anchor Ann Lee", "CNN"),
    ("told Fox News host Ann Lee", "Fox News"),
    ("told the Valmont Post's Ann Lee", "Valmont Post"),
    ("told CNN's Ann Lee", "CNN"),
])
def test_the_interviewers_outlet_is_the_route(nlp: Language, told: str, via: str) -> None:
    text = f"{_SPEAKER} {told} that the harbour would reopen in spring."
    assert _found(nlp, text) == [("Ola Berg", f"Ostvik harbour master, via {via}")]


def test_the_route_carries_on_to_the_same_interview(nlp: Language) -> None:
    text = ('"We have waited long enough," Ola Berg told Bloomberg reporter Ann Lee. '
            '"The crews are ready," she added.')
    assert _found(nlp, text) == [("Ola Berg", "via Bloomberg")] * 2


@pytest.mark.parametrize("told", [
    "told harbour worker Ann Lee",
    "told Ann Lee",
    "told the council's Ann Lee",
])
def test_a_listener_who_is_no_interviewer_gives_no_route(nlp: Language, told: str) -> None:
    text = f"{_SPEAKER} {told} that the harbour would reopen in spring."
    assert _found(nlp, text) == [("Ola Berg", "Ostvik harbour master")]
