"""A long page that repeats one sentence with a new label and number each time gives one of those sentences to a
summary, however many times it repeats (bot/nlp/summarise.py, the redundancy test)."""

from __future__ import annotations

import pytest

from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article

# Written for this test: an inspection report whose body is one finding repeated per lot
LEAD = ("The county food agency published its yearly inspection of the Marrow Bay fish market on Monday, finding that "
        "nineteen traders had broken the cold-storage rules at least once.")
QUOTE = "Chief inspector Ilse Varga said the results were \"the poorest since the market reopened\"."
CLOSE = "The market board said it would hire two more hygiene officers before the summer season begins."


def lot(n: int) -> str:
    return (f"Lot {n}: the inspectors weighed crate number {4400 + n} and found that the ice had melted, that the "
            "temperature log had been filled in after the visit, and that the trader had not kept the delivery "
            "notes of the catch.")


@pytest.mark.parametrize("lots", [3, 40, 400])
def test_a_repeated_finding_is_summarised_once_however_often_the_page_repeats_it(lots: int) -> None:
    text = " ".join([LEAD, lot(0), lot(1), QUOTE, *(lot(n) for n in range(2, lots)), CLOSE])
    lines = [s.text for s in SumySummariser().summarise([article(text, outlet="Bay Courier")], 3)]
    assert len(lines) == 3
    assert sum(line.startswith("Lot ") for line in lines) == 1, lines


def test_two_findings_about_different_things_are_both_kept() -> None:
    # sentences of one article that share their frame but not their facts are not repeats of each other
    text = " ".join([
        LEAD,
        "The inspectors found that the ice in the oyster stalls had melted before noon on both visits.",
        "The inspectors found that the harbour gate was left open to delivery vans without any permit checks.",
        QUOTE])
    lines = [s.text for s in SumySummariser().summarise([article(text, outlet="Bay Courier")], 4)]
    assert sum(line.startswith("The inspectors found") for line in lines) == 2, lines
