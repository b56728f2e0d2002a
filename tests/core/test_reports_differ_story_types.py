""""Reports differ" names differing death tolls only: a number that counts something else in a headline of a death,
an obituary or a business story is no toll, and the other figures outlets disagree on (a crowd's size, a vote
share) give no such line, since the outlets there mostly report the same sources' differing figures (police 20,000,
organisers 80,000), which naming one figure per outlet would misattribute. Titles and outlets invented here."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.models import SourceRef
from digests.figures_differ import death_toll, differing_tolls

WHEN = datetime(2031, 5, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("title", [
    "Captain who saved 40 from the Orlen ferry dies at 91",  # one man's death: 40 is whom he saved
    "Father of three dies in Orlen crossing crash",
    "Tarnobank kills 1,200 jobs as branches close",
    "Velko Foods killing 300 posts in Orlen plant closure",
])
def test_a_number_counting_something_else_is_no_toll(title: str) -> None:
    assert death_toll(title) is None


@pytest.mark.parametrize(("title", "toll"), [
    ("One dies as storm Ivo hits Velsk coast", 1),
    ("Family of five killed in Orlen house fire", 5),
    ("Twelve die as ferry sinks off Orlen", 12),
    ("Storm Ivo kills 3 in Velsk and Harrow", 3),
])
def test_tolls_are_still_read(title: str, toll: int) -> None:
    assert death_toll(title) == toll


def _ref(key: str, outlet: str, title: str) -> SourceRef:
    return SourceRef(key, outlet, f"https://{key}.test/story", title, WHEN)


@pytest.mark.parametrize("titles", [
    ("About 20,000 march in Belgrast against pension reform", "Unions say 80,000 joined Belgrast pension protest"),
    ("Liberal Union wins Tarnovian election with 41% of the vote", "Liberal Union tops vote with 39% as count goes on"),
    ("Captain who saved 40 from the Orlen ferry dies at 91", "Ferry hero Ivo Marr, who saved 38 passengers, dies"),
    ("Father of three dies in Orlen crossing crash", "Crossing crash kills 1 in Orlen"),
])
def test_no_reports_differ_line_for_other_figures(titles: tuple[str, str]) -> None:
    sources = [_ref("herald", "Tarnovia Herald", titles[0]), _ref("observer", "Northern Observer", titles[1])]
    assert differing_tolls(sources) == ""
