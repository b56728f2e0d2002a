"""A market report's data note ("Prices as of 17:30 local time.", "Market data delayed by at least 15 minutes.",
"All figures in local currency.") is about the page's table, not the news: never a summary line. Texts written for
this test (invented exchange and companies)."""

from __future__ import annotations

import pytest

from bot.nlp.sentence_quality import junk_reason
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article


@pytest.mark.parametrize("text", [
    "Prices as of 17:30 local time.",
    "Prices as at the close of trading on Friday.",
    "Market data delayed by at least 15 minutes.",
    "Quotes are delayed by 20 minutes unless otherwise stated.",
    "Data as of 4:00pm in Orlen on Friday.",
    "All figures in local currency unless stated otherwise.",
    "All figures are in Castavian crowns unless stated otherwise.",
])
def test_a_market_data_note_is_junk(text: str) -> None:
    assert junk_reason(text) == "data-note"


@pytest.mark.parametrize("text", [
    "Prices as of March were 4% higher than a year earlier, the statistics office said.",
    "Flights were delayed by at least 15 minutes at Orlen airport on Friday morning.",
    "All figures in the report were checked by the auditors, the company said.",
    "The bank said its data as of June showed lending had slowed in every region.",
])
def test_prose_with_the_same_words_is_kept(text: str) -> None:
    assert junk_reason(text) is None


def test_a_market_report_is_summarised_without_its_data_note() -> None:
    text = ("The Orlen Composite index rose 1.2% on Friday, recovering part of Thursday's losses, as bank shares "
            "bounced back.\n\n"
            "Velkobank, which fell 4.8% on Thursday, gained 3.1% after analysts at Tarn Capital said the sell-off "
            "had been overdone.\n\n"
            "Prices as of 17:30 local time. Market data delayed by at least 15 minutes.")
    lines = [s.text for s in SumySummariser().summarise([article(text, title="Orlen shares recover")], 3)]
    assert lines and not any("as of 17:30" in line or "delayed" in line for line in lines)
