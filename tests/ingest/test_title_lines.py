"""A text file's title line: a breadcrumb line ("News > Weather > <headline>") and a ``Source: X`` line above the
title are no titles; the next real line is (or, with none, the first sentence)."""

from __future__ import annotations

import pytest

from bot.ingest.breadcrumb import crumb_headline, is_breadcrumb
from bot.ingest.files import text_article
from bot.ingest.junk import split_title

BODY = ("The ferry between Orrin and Salt Bay will run every forty minutes from March, the operator said on Monday. "
        "The last crossing of the day will leave at eleven.\n")
TITLE = "Orrin ferry to run more often from March"


@pytest.mark.parametrize("crumb", [
    "Travel > Ferries > Orrin ferry timetable changes",
    "Home > Travel > Orrin ferry timetable changes",
    "Travel › Orrin ferry timetable changes",
    "Local News » Transport",
    "News / Travel / Ferries",
    "Travel > Ferries",
    "Home > World > Europe",
    "World > Europe",
])
def test_a_breadcrumb_line_gives_way_to_the_next_line(crumb: str) -> None:
    title, rest = split_title(f"{crumb}\n{TITLE}\n\n{BODY}")
    assert title == TITLE
    assert crumb not in rest and BODY in rest


def test_a_breadcrumb_and_a_source_line_above_the_title() -> None:
    raw = f"Home > Travel > Orrin ferry timetable\n{TITLE}\nSource: The Bay Gazette\n\n{BODY}"
    assert split_title(raw)[0] == TITLE


def test_a_breadcrumb_over_the_text_itself_leaves_no_title() -> None:
    title, rest = split_title(f"Travel > Ferries\n\n{BODY}")
    assert title == "" and BODY in rest


@pytest.mark.parametrize("line", [
    "Inflation > 5% for the first time since 2008",
    "AC/DC add a second night at the Orrin arena",
    "Either/or: the council's choice on the ferry",
    "Profits > Promises: Why Shareholders Won",
    "Fibre > Copper in New Rollout",
    "Ferries > Bridges, Says Orrin Council",
    "Orrin Quay Works / What the Council Decided on Monday",
    "Cats > Dogs",
    "Rent > Wages in Velmora",
    "Trams / Buses",
])
def test_a_headline_with_a_separator_sign_stays_a_headline(line: str) -> None:
    assert split_title(f"{line}\n\n{BODY}")[0] == line
    assert split_title(f"{line}\n{TITLE}\n\n{BODY}")[0] == line
    assert not is_breadcrumb(line) and crumb_headline(line) == ""


@pytest.mark.parametrize(("crumb", "headline"), [
    ("Home > Orrin ferry timetable changes", "Orrin ferry timetable changes"),
    ("News > Orrin ferry timetable changes", "Orrin ferry timetable changes"),
    ("Travel > Ferries", ""),
    ("Local News > Transport", ""),
    ("Home > World > Europe", ""),
    ("Cats > Dogs > Orrin pet show winners", "Orrin pet show winners"),  # three parts: the crumb's own shape
    ("Travel > Ferries > Orrin ferry timetable changes", "Orrin ferry timetable changes"),
    ("Travel › Orrin ferry timetable changes", "Orrin ferry timetable changes"),
])
def test_short_sections_or_a_home_start_make_a_breadcrumb(crumb: str, headline: str) -> None:
    assert is_breadcrumb(crumb) and crumb_headline(crumb) == headline


def test_a_source_line_first_names_the_outlet_and_not_the_title() -> None:
    raw = f"Source: The Bay Gazette\n{TITLE}\n\n{BODY}"
    assert split_title(raw)[0] == TITLE
    article = text_article(raw, stem="ferry")
    assert (article.title, article.outlet) == (TITLE, "The Bay Gazette")
    assert BODY.strip() in article.text and "Source:" not in article.text.split("\n")[0]


def test_a_source_line_over_the_text_itself_leaves_no_title() -> None:
    title, rest = split_title(f"Publisher: The Bay Gazette\n\n{BODY}")
    assert title == "" and BODY in rest


def test_a_byline_under_a_breadcrumb_is_no_title_either() -> None:
    raw = f"Travel › Ferries\nBy Nora Quill\nPublished 2 March 2026\n\n{TITLE}\n\n{BODY}"
    assert split_title(raw)[0] == TITLE


def test_a_sentence_under_a_breadcrumb_is_the_text_not_its_title() -> None:
    lead = "Ferries will run every forty minutes from March, the operator said."
    title, rest = split_title(f"Travel › Ferries\nBy Nora Quill\n\n{lead}\n\nThe last one leaves at eleven.\n")
    assert title == "" and lead in rest
