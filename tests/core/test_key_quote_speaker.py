"""A key quote needs a speaker: a lower-case, cut-down noun phrase ("latest data" from "The latest data
compiled by the agency show ...") is no speaker, while a named one, a described one ("unnamed official") and a
lower-case body ("coast guard") stay."""

from __future__ import annotations

import pytest

from bot.models import Attribution
from digests.key_quote_gate import quote_flaw

# Written for these tests: invented speakers and statements.
WORDS = "a seven-day average of about 140 ferry crossings were cancelled last month"


def said(speaker: str, cue: str = "show") -> Attribution:
    return Attribution("v-1", speaker, speaker, cue, WORDS, "indirect", 3, 100, 100 + len(WORDS))


@pytest.mark.parametrize("speaker", ["latest data", "figures", "new plan", ""])
def test_a_lower_case_noun_phrase_is_no_speaker(speaker: str) -> None:
    assert quote_flaw(said(speaker)) == "no speaker"


@pytest.mark.parametrize("speaker", ["Ida Varga", "Vellmar Port Authority", "unnamed harbour official",
                                     "coast guard", "harbour office"])
def test_a_named_or_described_speaker_stays(speaker: str) -> None:
    assert quote_flaw(said(speaker, "said")) is None
