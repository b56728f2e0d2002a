"""A dateline check over a text of many leading spaces answers at once, with the same results as before."""
from __future__ import annotations

import pytest

from bot.nlp.reference_phrases import dateline_length


@pytest.mark.parametrize(("text", "found"), [
    ("MARANT (VPA) - Le conseil du port s'est réuni lundi.", True),
    ("   MARANT, 12 mars - Le conseil du port s'est réuni lundi.", True),
    ("Le conseil du port s'est réuni lundi - et a voté.", False),
])
def test_datelines_read_as_before(text: str, found: bool) -> None:
    assert (dateline_length(text, "fr") > 0) is found


def test_a_long_run_of_leading_spaces_is_read_in_linear_time() -> None:
    # 200,000 spaces took minutes when the leading \s* gave them back one by one for the dash's own \s*.
    assert dateline_length(" " * 200_000 + "x", "fr") == 0
    assert dateline_length(" " * 200_000 + "- Le conseil a voté.", "fr") > 0
