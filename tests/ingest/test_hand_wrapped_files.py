"""A plain-text file wrapped by hand (a press release saved as .txt at 72 columns) keeps every sentence whole
whether or not it ends with a line break: its wrapped lines are one paragraph up to a sentence's end, not headings
dropped with the start of their sentences; a file of one paragraph per line keeps its paragraphs as they were."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.files import read_file

NOW = datetime(2026, 3, 1, tzinfo=UTC)

# Written for these tests: an invented harbour, county and director
TITLE = "Harbour authority opens new ferry terminal in Vellin"
SENTENCES = [
    "The Vellin harbour authority opened its new ferry terminal on Monday, after three years of building work that "
    "cost the county 40 million crowns, its director Mira Toft said at the opening ceremony.",
    "The terminal will handle up to twelve ferries a day to the islands of the Ossa archipelago, twice as many as "
    "the old quay near the market.",
    "Local traders welcomed the terminal but said parking near the harbour remained scarce for visitors arriving "
    "from the hill villages.",
]


def _wrapped(sentence: str, width: int = 72) -> list[str]:
    lines: list[str] = []
    for word in sentence.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _text(tmp_path: Path, content: str) -> tuple[str, str]:
    path = tmp_path / "release.txt"
    path.write_text(content, encoding="utf-8")
    outcome = read_file(path, config=IngestConfig(), now=NOW)
    [article] = outcome.articles
    return article.title, article.text


@pytest.mark.parametrize("blank_lines", [False, True])
@pytest.mark.parametrize("end", ["", "\n", "\r\n"])
def test_a_hand_wrapped_file_keeps_every_sentence_whole(tmp_path: Path, blank_lines: bool, end: str) -> None:
    between = "\n\n" if blank_lines else "\n"
    body = between.join("\n".join(_wrapped(s)) for s in SENTENCES)
    content = f"{TITLE}\n{body}{end}".replace("\n", "\r\n" if end == "\r\n" else "\n")
    title, text = _text(tmp_path, content)
    assert title == TITLE
    assert text.split("\n\n") == SENTENCES


@pytest.mark.parametrize("end", ["", "\n"])
def test_a_file_of_one_paragraph_per_line_keeps_its_paragraphs(tmp_path: Path, end: str) -> None:
    title, text = _text(tmp_path, "\n".join([TITLE, *SENTENCES]) + end)
    assert (title, text.split("\n\n")) == (TITLE, SENTENCES)
