"""Body text keeps the zero width non-joiner and joiner (Persian, Indic scripts, emoji sequences) and still drops the
invisible characters that are junk: zero width space, word joiner, BOM, soft hyphen."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.junk import clean_text, normalise_lines
from bot.ingest.normalise import RawArticle, build_all

NOW = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
PERSIAN = "می\u200cخواهم"  # "I want": the non-joiner keeps the prefix's letter unjoined
CODER = "\U0001f469\u200d\U0001f4bb"  # woman technologist: one emoji only with the joiner
DEVANAGARI = "क्\u200dष"  # a half form asked for with the joiner


def test_normalise_lines_keeps_joiners_and_drops_junk_invisibles() -> None:
    line = f"{PERSIAN} {CODER} {DEVANAGARI} zero\u200bwidth word\u2060joiner \ufeffbom soft\u00adhyphen"
    assert normalise_lines(line) == [f"{PERSIAN} {CODER} {DEVANAGARI} zerowidth wordjoiner bom softhyphen"]


def test_stray_joiners_next_to_spaces_or_line_ends_are_dropped() -> None:
    assert normalise_lines("\u200dLead \u200c word\u200d\nnext\u200c") == ["Lead word", "next"]


def test_article_body_keeps_the_persian_word_and_the_emoji_sequence() -> None:
    text = (f"The Yazd council said on Tuesday that the new library would open in spring. A volunteer wrote "
            f"{PERSIAN} on the guest board and drew {CODER} next to it, the council said.\n\n"
            "The library will lend books in four languages and open six days a week, its director said.")
    assert PERSIAN in clean_text(text) and CODER in clean_text(text)
    raws = [RawArticle(title=f"Library sign-up {CODER}", text=text, url="https://yazd.example/library", guid="y1")]
    articles, _problems = build_all(raws, source="s", input_name="feed.xml", now=NOW, config=IngestConfig())
    assert PERSIAN in articles[0].text and CODER in articles[0].text
    assert CODER in articles[0].title
