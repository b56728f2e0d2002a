"""A translated wire report's credit ("This article was translated from Castavian by ...", "(Translated by Elin
Sorvik; edited by Paul Hart)") is about the page, as a byline is: never a summary line. Texts written for this test."""

from __future__ import annotations

import pytest

from bot.nlp.sentence_quality import junk_reason
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article


@pytest.mark.parametrize("text", [
    "This article was translated from Castavian by Agence Meridian's English desk.",
    "This story has been translated from French by our news desk.",
    "Translated by Elin Sorvik; edited by Paul Hart.",
    "(Translated from the Spanish by Elin Sorvik; edited by Paul Hart.)",
    "Translation by Elin Sorvik for Agence Meridian.",
    "The article is translated from the Orlen Gazette's Castavian edition.",
])
def test_a_translation_credit_is_junk(text: str) -> None:
    assert junk_reason(text) == "byline"


@pytest.mark.parametrize("text", [
    "The mayor's speech was translated into four languages for the visiting delegations.",
    "Her poems, translated by her daughter, were read at the funeral in Varn on Friday.",
    "Translated into sign language, the warning reached deaf passengers within minutes.",
    "Interpreters translated the captain's account for the inquiry on Tuesday afternoon.",
])
def test_prose_about_translation_is_kept(text: str) -> None:
    assert junk_reason(text) is None


def test_a_short_translated_wire_report_is_summarised_without_its_credit() -> None:
    text = ("ORLEN, Castavia, March 3 (AM) - At least twelve people died on Monday when a ferry capsized off the "
            "port of Orlen, the coastguard announced.\n\nThe ship was making the crossing to the island of Tarn "
            "with 64 people on board, the coastguard said.\n\nThis article was translated from Castavian by Agence "
            "Meridian's English desk.\n\nTranslated by Elin Sorvik; edited by Paul Hart.")
    lines = [s.text for s in SumySummariser().summarise([article(text, title="Ferry capsizes off Orlen")], 3)]
    assert len(lines) == 2 and not any("ranslat" in line for line in lines), lines
