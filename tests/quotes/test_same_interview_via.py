"""A route ("told the Valmont Post": via Valmont Post) carries on to the same speaker's next quotes of the same
interview ("she added", "she told the paper"), never across a new occasion or another outlet."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

_TOLD = "Ola Berg, the Ostvik harbour master, told the Valmont Post that the harbour would reopen in spring."
_ROLE = "Ostvik harbour master"
_VIA = f"{_ROLE}, via Valmont Post"


def _roles(nlp: Language, text: str) -> list[str | None]:
    found = sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)
    return [a.role for a in found if a.speaker == "Ola Berg"]


@pytest.mark.parametrize("then", [
    '"We have waited long enough for the money," she added.',
    '"We have waited long enough for the money," she said.',
    'She added that the crews had waited long enough for the money.',
    'She told the paper that the crews had waited long enough for the money.',
    'She continued: "We have waited long enough for the money."',
    'The ferries stopped in March. "We have waited long enough for the money," Berg added.',
])
def test_the_same_interview_keeps_its_route(nlp: Language, then: str) -> None:
    assert _roles(nlp, f"{_TOLD} {then}") == [_VIA, _VIA]


def test_a_route_carries_along_a_run_of_quotes(nlp: Language) -> None:
    text = (f'{_TOLD} "We have waited long enough for the money," she said. "The crews are ready and the quay is '
            'safe," she added.')
    assert _roles(nlp, text) == [_VIA, _VIA, _VIA]


@pytest.mark.parametrize("then", [
    '"We have waited long enough for the money," she said in a statement.',
    'At a meeting on Monday, she said the crews had waited long enough for the money.',
    'She later told reporters that the crews had waited long enough for the money.',
    'On Tuesday she added: "We have waited long enough for the money."',
    'She told the Ostvik Echo: "We have waited long enough for the money."',
    'Speaking at a rally, she said: "We have waited long enough for the money."',
])
def test_a_new_occasion_has_no_route_of_the_interview(nlp: Language, then: str) -> None:
    roles = _roles(nlp, f"{_TOLD} {then}")
    assert roles[0] == _VIA
    assert len(roles) == 2 and "Valmont Post" not in (roles[1] or "")


def test_another_speaker_in_between_ends_the_interview(nlp: Language) -> None:
    text = (f"{_TOLD} Tom Ode, the mayor, told the Ostvik Echo that the council would pay. "
            '"We have waited long enough for the money," Berg added.')
    assert _roles(nlp, text) == [_VIA, _ROLE]


def test_quotes_far_from_the_interview_have_no_route(nlp: Language) -> None:
    text = (f"{_TOLD} The storm hit the coast in March. The quay lost three metres of stone. The ferries moved "
            'to Valmont for the winter. "We have waited long enough for the money," she said.')
    assert _roles(nlp, text) == [_VIA, _ROLE]


@pytest.mark.parametrize("then", ["she told the Ostvik Echo then", "she told the Ostvik Echo at the time"])
def test_an_interview_of_another_time_lends_no_route(nlp: Language, then: str) -> None:
    text = (f'{_TOLD} "The quay is safe," {then}. "We have waited long enough for the money," Berg said.')
    assert _roles(nlp, text) == [_VIA, f"{_ROLE}, via Ostvik Echo", _ROLE]
