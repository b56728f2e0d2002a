"""A line of a page's section names alone ("Sport > Politics", "Local News » Regional Politics") is junk in article
text, kept neither as text nor with a closing full stop; a headline with the same sign ("Cats > Dogs") or a sentence
opening with section words is not."""

from __future__ import annotations

import pytest

from bot.ingest.breadcrumb import section_path
from bot.ingest.junk import clean_text, is_junk_line

PROSE = "Harbour pilots in Orrin will work in pairs from April, the port authority said on Tuesday."
NO_PROSE = "Pilots in pairs from April on the Orrin harbour approach"  # no full stop: kept only when no line is prose


@pytest.mark.parametrize("line", [
    "Sport > Politics",
    "Sport > Politics.",
    "Local News » Regional Politics",
    "Business / Markets",
    "Arts and Culture › Entertainment",
    "World > Europe > Politics",
])
def test_a_line_of_section_names_is_junk(line: str) -> None:
    assert section_path(line) and is_junk_line(line)
    assert clean_text(f"{line}\n\n{PROSE}", title="Orrin pilots") == PROSE
    assert line not in clean_text(f"Orrin pilots\n\n{line}\n\n{NO_PROSE}")


@pytest.mark.parametrize("line", [
    "Cats > Dogs",
    "Sport > Dogs",
    "Travel > Ferries",
    "Rent > Wages in Velmora",
    "Sport > politics for most voters in Orrin, the survey found.",
    "Politics",
])
def test_a_headline_or_a_sentence_is_no_section_path(line: str) -> None:
    assert not section_path(line) and not is_junk_line(line)


def test_a_sentence_opening_with_section_words_survives() -> None:
    line = "Sport > politics for most voters in Orrin, the survey found."
    assert clean_text(f"{line}\n\n{PROSE}", title="Orrin pilots") == f"{line}\n\n{PROSE}"
