""""The Republican nominee said" is not the Democratic nominee named before: a role's party, country or place must
not contradict the one the person's own role states (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text


def _speakers(text: str, nlp: Language) -> list[str]:
    return [a.speaker for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("text", [
    ('Democratic nominee Ada Quist toured a steel plant in Ohio on Monday. "We will bring these jobs back," Quist '
     'said. "She has no plan for the mills," the Republican nominee said.'),
    ('"We will bring these jobs back," said Ada Quist, the Democratic nominee. '
     '"She has no plan for the mills," the Republican nominee said.'),
    ('Democratic Sen. Ana Ode opened the hearing on Monday. "We will not vote for this bill," Ode said. '
     '"It is a gift to the banks," the Republican senator added.'),
])
def test_a_party_in_the_role_must_be_the_persons_party(text: str, nlp: Language) -> None:
    speakers = _speakers(text, nlp)
    assert len(speakers) == 2
    assert speakers[1] not in ("Ada Quist", "Ana Ode")


def test_a_country_in_the_role_must_be_the_described_persons_country(nlp: Language) -> None:
    text = ('A German diplomat said the talks had stalled over the border. '
            '"Nobody is ready to move," the French diplomat said.')
    assert _speakers(text, nlp) == ["unnamed German diplomat", "unnamed French diplomat"]


@pytest.mark.parametrize("text", [
    ('Democratic Sen. Ana Ode opened the hearing on Monday. "We will not vote for this bill," Ode said. '
     '"It is a gift to the banks," the Democratic senator added.'),
    ('Sen. Ana Ode opened the hearing on Monday. "We will not vote for this bill," Ode said. '
     '"It is a gift to the banks," the Vermont senator added.'),  # no place stated for her: nothing contradicts
])
def test_the_same_or_an_unstated_qualifier_still_binds(text: str, nlp: Language) -> None:
    assert _speakers(text, nlp) == ["Ana Ode"] * 2


def test_a_described_persons_own_country_still_binds(nlp: Language) -> None:
    text = ('A German diplomat said the talks had stalled over the border. '
            '"Nobody is ready to move," the German diplomat said.')
    assert _speakers(text, nlp) == ["unnamed German diplomat"] * 2
