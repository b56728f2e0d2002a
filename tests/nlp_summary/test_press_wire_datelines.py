"""A press release's wire dateline ("ORLEN, Castavia, June 4, 2025 /PRNewswire/ -- ") is no part of its first
sentence: left out of the summary line as a news agency's is. Texts written for this test."""

from __future__ import annotations

import pytest

from bot.ingest.fallback_title import without_dateline
from bot.nlp.sentence_quality import dateline_length
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article

SENTENCE = "Velko Foods today announced a voluntary recall of 12,000 jars of plum jam."


@pytest.mark.parametrize("dateline", [
    "ORLEN, Castavia, June 4, 2025 /PRNewswire/ -- ",
    "ORLEN, Castavia, June 4, 2025 /PRNewswire-PRWeb/ -- ",
    "ORLEN, Castavia, June 4, 2025 /CNW/ - ",
    "ORLEN, Castavia--(BUSINESS WIRE)--",
    "ORLEN, Castavia, June 04, 2025 (GLOBE NEWSWIRE) -- ",
    "PORT TARN, Castavia, Jan. 9, 2026 (GLOBE NEWSWIRE) — ",
    "Orlen, Castavia, June 4, 2025 /PRNewswire/ -- ",
])
def test_a_press_wire_dateline_is_left_out(dateline: str) -> None:
    assert dateline_length(dateline + SENTENCE) == len(dateline)
    assert without_dateline(dateline + SENTENCE) == SENTENCE


@pytest.mark.parametrize("text", [
    "Shares in Velko Foods rose after a report on Business Wire - the company's newswire - said sales grew.",
    "ORLEN, Castavia - Velko Foods said its newswire statement of June 4 was wrong about the number of jars.",
])
def test_a_mention_of_a_wire_is_no_dateline(text: str) -> None:
    assert dateline_length(text) in (0, len("ORLEN, Castavia - "))


def test_a_release_summary_line_has_no_wire_dateline() -> None:
    text = ("ORLEN, Castavia, June 4, 2025 /PRNewswire/ -- Velko Foods today announced a voluntary recall of 12,000 "
            "jars of plum jam sold since March, because some lids may not seal.\n\n"
            "The company has received three reports of spoiled jam and no reports of illness.")
    lines = [s.text for s in SumySummariser().summarise([article(text, title="Velko Foods recalls plum jam")], 3)]
    assert lines[0].startswith("Velko Foods today announced a voluntary recall")
