"""A teaser's trailing call to read on ("… Continue reading <title> →", "Read More", "[Read more...]"), written in
the same paragraph as its last sentence, and a run of hashtags closing a post's last sentence ("... crossing.
#Velmora #ferry") are not part of the text; the same words inside a sentence are."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.junk import clean_text
from bot.ingest.normalise import build_all

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SENTENCE = "The harbour board said on Monday it would keep mooring fees at this year&#8217;s level."
KEPT = "The harbour board said on Monday it would keep mooring fees at this year’s level."


def _text(description: str) -> str:
    data = ("<rss version='2.0'><channel><title>Velmora Ledger</title><item><title>Harbour board keeps fees</title>"
            f"<link>https://ledger.example/fees/</link><description><![CDATA[{description}]]></description></item>"
            "</channel></rss>").encode()
    [article], problems = build_all(parse_feed(data, base="https://ledger.example/feed/").entries, source="s",
                                    input_name="s", now=NOW, config=IngestConfig())
    assert problems == []
    return article.text


@pytest.mark.parametrize(("description", "text"), [
    (f"{SENTENCE} &#8230; <a href='/fees/'>Continue reading <span class='screen-reader-text'>Harbour board keeps "
     "fees</span> &#8594;</a>", f"{KEPT} …"),
    (f"{SENTENCE} <a class='more-link' href='/fees/'>Read More</a>", KEPT),
    (f"<p>{SENTENCE} [<a href='/fees/'>Read more...</a>]</p>", KEPT),
    (f"<p>{SENTENCE} <a href='/fees/'>Keep reading &#187;</a></p>", KEPT),
    (f"<p>{SENTENCE} <a href='/t/Velmora' class='mention hashtag'>#<span>Velmora</span></a> "
     "<a href='/t/ferry' class='mention hashtag'>#<span>ferry</span></a></p>", KEPT),
])
def test_a_trailing_call_to_read_on_or_hashtag_run_is_dropped(description: str, text: str) -> None:
    assert _text(description) == text


@pytest.mark.parametrize("line", [
    "Residents can read more about the plan at the town hall, the mayor said.",
    "The board met on Monday. Continue reading the minutes online, it said.",
    "Fans chanted #1 as the team came home.",
    "The ferry firm posted its timetable under #ferry on Monday.",
])
def test_the_same_words_inside_a_sentence_stay(line: str) -> None:
    assert clean_text(line) == line
