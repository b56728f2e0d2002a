"""The cross-outlet repeat rule (bot/nlp/summarise.py, ``_repeats``) reads a clock time in any common form as one
token: "from 6pm ... until 9am" in one outlet and "from 18:00 ... to 09:00" in another are the same hours."""

from __future__ import annotations

import pytest

from bot.nlp.clock_times import clock_words
from bot.nlp.summarise import SumySummariser, facts
from bot.nlp.terms import segment_words
from tests.nlp_summary.samples import article


@pytest.mark.parametrize(("text", "reads"), [
    ("from 6pm until 9am", "from 18h00 until 09h00"),
    ("from 6 p.m. until 9 a.m.", "from 18h00 until 09h00"),
    ("from 18:00 to 09:00", "from 18h00 to 09h00"),
    ("from 18.00 to 09.00", "from 18h00 to 09h00"),
    ("at 18.00 BST", "at 18h00 BST"),
    ("at 6.30pm and 6:30 PM", "at 18h30 and 18h30"),
    ("at 6 o'clock in the evening", "at 18h00"),
    ("at 12am, 12pm, noon and midnight", "at 00h00 12h00 12h00 and 00h00"),
    # no clock time in these: left as written
    ("shares rose 18.00 points to 412.30", "shares rose 18.00 points to 412.30"),
    ("a race time of 1:23:45", "a race time of 1 23 45"),
    ("the vote ended 6-4 and 3 amps", "the vote ended 6-4 and 3 amps"),
])
def test_clock_words(text: str, reads: str) -> None:
    assert " ".join(clock_words(text, segment_words(text))) == reads


# Written for this test: two outlets on one invented storm warning; the two lines giving its hours share no name
# and no number as written
DALE = ("An amber warning for snow and ice has been issued for the Harl uplands from 6pm on Friday until 9am. "
        "Drivers were told to expect closed roads over the Tessor pass. "
        "Schools in Brannock said they would decide on Friday morning whether to open.")
COAST = ("Forecasters said the amber warning for heavy snow and ice would run from 18:00 to 09:00 overnight. "
         "Up to 20cm of snow could settle on higher ground, the weather office said. "
         "Ferry crossings to the Orl islands were cancelled for the weekend.")


def test_the_same_hours_in_two_forms_are_used_once() -> None:
    articles = [article(DALE, outlet="Dale Courier"), article(COAST, outlet="Coast Herald", hours=1)]
    lines = [s.text for s in SumySummariser().summarise(articles, 3)]
    assert sum("warning for" in line for line in lines) == 1, lines
    assert len(lines) == 3


@pytest.mark.parametrize("text", [
    "claims fell to 1.11 million from 1.43 million",
    "the index climbed to 18.50 percent",
    "prices rose from 12.40 dollars",
])
def test_decimals_after_a_preposition_stay_numbers(text: str) -> None:
    assert " ".join(clock_words(text, segment_words(text))) == " ".join(segment_words(text))


def test_two_different_times_on_the_hour_share_no_number() -> None:
    """"18:00" was the numbers "18" and "00" before: any two times on the hour shared "00"."""
    first, second = "Gates open at 18:00 on Friday.", "A ferry leaves at 09:00."
    assert facts(segment_words(first)) & facts(segment_words(second)) == {"00"}  # the fault
    assert not facts(clock_words(first, segment_words(first))) & facts(clock_words(second, segment_words(second)))
