"""The cross-outlet repeat rule (bot/nlp/summarise.py, ``_repeats``) reads a quantity spelled out in words as its
number: "three decades" in one outlet and "thirty years" in another are the same fact."""

from __future__ import annotations

import pytest

from bot.nlp.spelled_numbers import spelled_quantities
from bot.nlp.summarise import SumySummariser
from bot.nlp.terms import segment_words
from tests.nlp_summary.samples import article


@pytest.mark.parametrize(("text", "reads"), [
    ("lowest level in three decades", "lowest level in 30 years"),
    ("lowest level in thirty years", "lowest level in 30 years"),
    ("lowest level in 3 decades", "lowest level in 30 years"),
    ("the first time in a decade", "the first time in 10 years"),
    ("for half a century", "for 50 years"),
    ("for more than a century", "for more than 100 years"),
    ("thirty-five boats and twenty two crews", "35 boats and 22 crews"),
    ("a dozen ferries and two hundred workers", "12 ferries and 200 workers"),
    ("Seventeen boats", "17 boats"),
    # no number in these: left as written
    ("for decades the lake", "for decades the lake"),
    ("one of the officials said no one knew", "one of the officials said no one knew"),
    ("the one that sank", "the one that sank"),
])
def test_spelled_quantities(text: str, reads: str) -> None:
    assert " ".join(spelled_quantities(segment_words(text))) == reads


# Written for this test: two outlets on one lake; each line's only shared name or number is the spelled-out span
NORTH = ("The Orsk reservoir fell to its lowest level in three decades on Friday, the water board said. "
         "Farmers near Tallen were told to stop drawing water for their fields until further notice. "
         "The board will meet again next week to decide whether the ban should be widened.")
VALLEY = ("Boat owners said the reservoir now stood at its lowest level in thirty years after a dry summer. "
          "Several marinas have pulled their jetties out of the water for the winter. "
          "A ferry between the two shores stopped running in August.")


def test_the_same_quantity_in_other_words_is_used_once() -> None:
    articles = [article(NORTH, outlet="North Post"), article(VALLEY, outlet="Valley Times", hours=1)]
    lines = [s.text for s in SumySummariser().summarise(articles, 3)]
    assert sum("lowest level" in line for line in lines) == 1, lines
    assert len(lines) == 3
