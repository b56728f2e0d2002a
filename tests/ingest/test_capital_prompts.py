"""Short lines in capitals that call the reader to act ("SCROLL DOWN FOR VIDEOS.", "WATCH THE MOMENT ...",
"PICTURED: ...") are page junk: dropped from the stored text, so neither a summary nor a key quote holds them; a
caption under a "PICTURED:" label is never a summary sentence. A crosshead in capitals ("CITY HALL RESPONDS.") may
stay in the text, but no summary sentence is one (a capitals sentence is "shouting", a short one a fragment)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.junk import is_junk_line
from bot.ingest.normalise import RawArticle, build_article
from bot.models import Article
from bot.nlp.quotes import extract_attributions
from bot.nlp.sentence_quality import junk_reason
from bot.nlp.summarise import default_summariser

TEXT = """The ferry Marlin Star ran aground off Tarrow Point on Sunday night after its engines failed in a gale, \
the coastguard said .

SCROLL DOWN FOR VIDEOS .

All ninety passengers were taken off by lifeboat crews from Tarrow and Kelby before midnight, a coastguard \
spokesman said .

WATCH .

PICTURED: The Marlin Star listing on the rocks below the Tarrow lighthouse at dawn on Monday morning .

CITY HALL RESPONDS .

"We will review the operator's licence before the summer season begins," Mayor Oona Brask told reporters .

WATCH THE MOMENT THE MARLIN STAR HIT THE ROCKS OFF TARROW POINT .

VIDEO: LIFEBOAT CREWS REACH THE MARLIN STAR

The operator, Kelby Sea Lines, said the ship would be towed to the dry dock at Orrin for repairs within a week .

ADVERTISEMENT .

Passengers said the crew had kept them calm and handed out blankets while they waited on deck for the lifeboats .
"""
PROMPTS = ("SCROLL DOWN", "WATCH", "VIDEO", "ADVERTISEMENT")


def _article() -> Article:
    raw = RawArticle(
        title="Ferry runs aground off Tarrow Point", text=TEXT, url="https://tarrow.example/ferry", outlet="Tarrow Post"
    )
    return build_article(
        raw, source="https://tarrow.example/", now=datetime(2026, 6, 1, tzinfo=UTC), config=IngestConfig()
    )


def test_capitals_calls_to_action_are_not_in_the_stored_text_and_a_crosshead_stays() -> None:
    text = _article().text
    assert not [p for p in PROMPTS if p in text], text
    assert "CITY HALL RESPONDS." in text.split("\n\n")
    assert "Mayor Oona Brask told reporters." in text


def test_a_summary_of_the_article_has_no_prompt_caption_or_crosshead() -> None:
    article = _article()
    summary = default_summariser().summarise([article], 8)
    assert len(summary) >= 4
    for line in summary:
        assert not [p for p in (*PROMPTS, "PICTURED", "CITY HALL") if p in line.text], line.text


def test_key_quotes_hold_no_prompt() -> None:
    quotes = extract_attributions(_article())
    assert quotes and all(not [p for p in PROMPTS if p in q.content] for q in quotes)


@pytest.mark.parametrize(
    ("line", "junk"),
    [
        ("SCROLL DOWN FOR VIDEOS.", True),
        ("SCROLL DOWN FOR VIDEO", True),
        ("WATCH THE MOMENT THE MARLIN STAR HIT THE ROCKS OFF TARROW POINT .", True),
        ("CLICK HERE TO SEE THE FULL GALLERY.", True),
        ("READ MORE.", True),
        ("PICTURED: MAYOR OONA BRASK AT THE QUAY", True),
        ("VIDEO: LIFEBOAT CREWS REACH THE MARLIN STAR", True),
        ("CITY HALL RESPONDS.", False),  # a crosshead
        ("WATCHDOG WARNS ON FERRY SAFETY.", False),
        ("Watch the tide tables before you sail, the harbour master said.", False),  # prose, not capitals
    ],
)
def test_capitals_call_to_action_lines_are_junk(line: str, junk: bool) -> None:
    assert is_junk_line(line) is junk


@pytest.mark.parametrize(
    "sentence",
    [
        "PICTURED: The Marlin Star listing on the rocks below the Tarrow lighthouse at dawn on Monday morning.",
        "Pictured above: lifeboat crews from Tarrow and Kelby bringing passengers ashore at the harbour.",
        "WATCH: Lifeboat crews from Tarrow and Kelby bring ninety passengers ashore in the gale.",
    ],
)
def test_a_sentence_under_a_picture_or_watch_label_is_never_a_summary_sentence(sentence: str) -> None:
    assert junk_reason(sentence) is not None
