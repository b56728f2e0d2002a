"""A paragraph that opens with the word "Home" ("Home appliance maker ...", "Home prices rose ...", "Home Secretary
... said") is news, kept in the stored text; a line of navigation starting so ("Homepage", "Home News World", a
breadcrumb ending in the headline) is still page junk. Texts written for this test (invented places, people)."""

from __future__ import annotations

import pytest

from bot.ingest.junk import clean_text, is_junk_line


@pytest.mark.parametrize("line", [
    "Home appliance maker Velko said on Wednesday it was recalling 48,000 electric kettles sold in Orlen.",
    "Home prices in Castavia rose 3.1% in October from a year earlier, the statistics office said.",
    "Home Secretary Ivo Marr said the border crossing at Tarn would stay open over the holiday.",
    "Homeowners in Orlen will pay 4% more in property tax next year, the council decided.",
])
def test_a_sentence_opening_with_home_is_kept(line: str) -> None:
    assert not is_junk_line(line)
    text = line + "\n\nThe company said it had received 14 reports of kettles melting, but no one was hurt."
    assert clean_text(text, title="Velko recalls kettles").split("\n\n")[0] == line


@pytest.mark.parametrize("line", ["Home", "Homepage", "Home News World",
                                  "Homepage World Harbour strike ends after talks", "Home / News / Orlen"])
def test_a_navigation_line_opening_with_home_is_junk(line: str) -> None:
    assert is_junk_line(line)
