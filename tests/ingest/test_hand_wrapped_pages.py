"""A page whose main text keeps its source's line breaks (a <pre> block, a <div> of text wrapped in its HTML, a <br>
in mid-sentence) keeps each sentence whole: a break between a line ending no sentence and a line starting with a
lowercase letter is a space, as in a feed's description, so the first line is not dropped as a heading; a heading
above a paragraph stays a heading."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.files import read_file

NOW = datetime(2026, 3, 1, tzinfo=UTC)

# Written for these tests: an invented harbour, county and director
TITLE = "Harbour authority opens new ferry terminal in Vellin"
FIRST = ("The Vellin harbour authority opened its new ferry terminal on Monday, after three years of building work "
         "that cost the county 40 million crowns, its director Mira Toft said at the opening ceremony.")
WRAPPED = ["The terminal will handle up to twelve ferries a day to the islands of",
           "the Ossa archipelago, twice as many as the old quay near the market."]


def _page(middle: str) -> str:
    return (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1><p>{FIRST}</p>{middle}"
            "<p>Local traders said parking near the harbour remained scarce for visitors from the hill villages.</p>"
            "</article></body></html>")


def _text(tmp_path: Path, html: str) -> str:
    path = tmp_path / "terminal.html"
    path.write_text(html, encoding="utf-8")
    [article] = read_file(path, config=IngestConfig(), now=NOW).articles
    return article.text


@pytest.mark.parametrize("middle", [
    "<pre>{0}\n{1}</pre>",
    "<div>{0}\n{1}</div>",
    "<p>{0}<br>{1}</p>",
])
def test_a_pages_line_broken_sentence_is_kept_whole(tmp_path: Path, middle: str) -> None:
    text = _text(tmp_path, _page(middle.format(*WRAPPED)))
    assert " ".join(WRAPPED) in text.split("\n\n")


def test_a_heading_above_a_paragraph_is_still_dropped(tmp_path: Path) -> None:
    text = _text(tmp_path, _page(f"<h2>Parking near the quay</h2><p>{' '.join(WRAPPED)}</p>"))
    assert text.split("\n\n")[:2] == [FIRST, " ".join(WRAPPED)]
