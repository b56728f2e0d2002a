"""A summary line repeats its story's headline when they differ only by a leading dateline, quotation marks,
spacing or how an ellipsis is written; a different sentence with the same start does not. Written examples."""

from __future__ import annotations

import pytest

from bot.text_cut import clipped
from digests.headline_line import repeats_headline

LEAD = ("Two ferries collided in thick fog off Salt Bay on Sunday, leaving four crew members with minor injuries "
        "and the harbour closed until the evening tide.")


@pytest.mark.parametrize("headline", [
    "(NBN) -- " + LEAD,
    clipped("(NBN) -- " + LEAD, 120),
    clipped("SALT BAY (Reuters) - " + LEAD, 120),
    clipped("ORRIN — " + LEAD, 120),
    clipped(LEAD, 120).replace("…", "..."),
    "Two  ferries collided in thick fog off Salt Bay on Sunday,\nleaving four crew members" + "…",
])
def test_a_summary_line_that_is_the_headline_after_its_dateline(headline: str) -> None:
    assert repeats_headline(headline, LEAD)
    assert repeats_headline(headline, "(NBN) -- " + LEAD)


def test_quotation_marks_are_compared_as_one() -> None:
    line = "The mayor called the closure ‘a sensible step’ and said the harbour would reopen on Monday."
    assert repeats_headline(clipped(line.replace("‘", "'").replace("’", "'"), 60), line)
    assert repeats_headline('The mayor said “no” to the plan.', 'The mayor said "no" to the plan.')


@pytest.mark.parametrize("line", [
    "Two ferries collided in thick fog off Salt Bay on Monday as well.",
    "Two ferries",
    "",
])
def test_another_sentence_is_no_repeat(line: str) -> None:
    assert not repeats_headline(clipped("(NBN) -- " + LEAD, 120), line)
    assert not repeats_headline("Harbour reopens after ferry collision", line)
