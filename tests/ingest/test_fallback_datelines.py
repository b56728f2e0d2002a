"""An untitled text's headline (its first sentence) leaves out a leading dateline or byline stamp: "(Agency) --",
"CITY (Agency) -", "CITY —", "By . Name . PUBLISHED: . time, date ."; every example was written for these tests."""

from __future__ import annotations

import pytest

from bot.ingest.fallback_title import fallback_title, without_dateline
from bot.nlp.sentences import split_sentences

LEAD = "Two ferries collided in thick fog off Salt Bay on Sunday, leaving four crew members with minor injuries."
MORE = " The harbour master closed the channel for the rest of the day."


@pytest.mark.parametrize("dateline", [
    "(NBN) -- ",
    "(Reuters) - ",
    "SALT BAY (Reuters) - ",
    "ORRIN, Feb. 3 (AP) — ",
    "ORRIN — ",
    "By . Lena Hart . PUBLISHED: . 08:15 EST, 4 March 2019 . | . UPDATED: . 11:40 EST, 4 March 2019 . ",
    "By . Gazette Reporter . UPDATED: . 09:05 EST, 2 May 2018 . ",
])
def test_a_leading_dateline_is_no_part_of_the_fallback_headline(dateline: str) -> None:
    text = dateline + LEAD + MORE
    title = fallback_title(split_sentences(text), text)
    assert title.startswith("Two ferries collided in thick fog"), title
    assert without_dateline(dateline + LEAD) == LEAD


@pytest.mark.parametrize("sentence", [
    LEAD,
    "Salt Bay - the smallest of the three harbours - reopened on Monday.",
    "A-level results rose across Orrin this summer.",
    "By Tuesday the channel was open again.",
])
def test_a_sentence_with_no_dateline_is_kept_whole(sentence: str) -> None:
    assert without_dateline(sentence) == sentence
