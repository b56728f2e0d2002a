"""A field cut to its limit (a text past 200,000 characters, a title past 300) is logged: one WARNING line naming the
source and the item, as an ingest problem line names them; an item cut nowhere logs nothing."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.files import read_file
from bot.ingest.normalise import MAX_TEXT_CHARS, MAX_TITLE_CHARS, build_all

NOW = datetime(2026, 3, 1, tzinfo=UTC)
# Written for these tests: an invented town
PARAGRAPH = "The council of Orrinford met again on Tuesday to talk about the bridge and the ferry timetable.\n"
# some 260,000 characters in paragraphs, each its own (a repeated paragraph is removed as page junk)
LONG = "".join(f"The council of Orrinford met for the {n}th time to talk about the bridge and the ferry.\n"
               for n in range(2_900))
HAD = r"it had 2\d\d,\d\d\d; at most 200,000 are kept"  # the text after junk removal, which is what is cut


def _rss(*items: tuple[str, str]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>http://orrinford.example/{n}</link><description>{d}</description>"
                   f"</item>" for n, (t, d) in enumerate(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Orrinford</title>{body}</channel></rss>'.encode()


def _lines(caplog: pytest.LogCaptureFixture) -> list[tuple[str, int, str]]:
    return [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name.startswith("bot.ingest")]


def _matches(lines: list[tuple[str, int, str]], patterns: list[str]) -> bool:
    return len(lines) == len(patterns) and all(
        (name, level) == ("bot.ingest.normalise", logging.WARNING) and re.fullmatch(pattern, message)
        for (name, level, message), pattern in zip(lines, patterns, strict=True))


def test_a_text_cut_to_its_limit_logs_one_line_naming_the_source_and_item(caplog: pytest.LogCaptureFixture) -> None:
    data = _rss(("Ferry times", "The ferry runs every hour from Orrinford."), ("Council minutes", LONG))
    with caplog.at_level(logging.WARNING):
        articles, problems = build_all(parse_feed(data).entries, source="http://orrinford.example/feed.xml",
                                       input_name="http://orrinford.example/feed.xml", now=NOW, config=IngestConfig())
    kept = len(articles[1].text)
    assert problems == [] and MAX_TEXT_CHARS - 100 <= kept <= MAX_TEXT_CHARS
    assert _matches(_lines(caplog), [
        re.escape(f"http://orrinford.example/feed.xml entry 2 (Council minutes): text cut to {kept:,} characters (")
        + HAD + r"\)"])


def test_a_file_and_a_long_title_are_named_too(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(f"Council minutes\n\n{LONG}", encoding="utf-8")
    title = "Orrinford " * 40  # 400 characters
    with caplog.at_level(logging.WARNING):
        [article] = read_file(path, config=IngestConfig(), now=NOW).articles
        [entry] = build_all(parse_feed(_rss((title, LONG))).entries, source="feed", input_name="feed", now=NOW,
                            config=IngestConfig())[0]
    assert len(entry.title) == MAX_TITLE_CHARS
    assert MAX_TEXT_CHARS - 100 <= len(article.text) <= MAX_TEXT_CHARS
    assert _matches(_lines(caplog), [
        re.escape(f"{path}: text cut to {len(article.text):,} characters (") + HAD + r"\)",
        re.escape(f"feed: title cut to {MAX_TITLE_CHARS} characters (it had {len(title.strip())}; at most "
                  f"{MAX_TITLE_CHARS} are kept); text cut to {len(entry.text):,} characters (") + HAD + r"\)",
    ]), _lines(caplog)


def test_nothing_cut_nothing_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        articles, _ = build_all(parse_feed(_rss(("Ferry times", PARAGRAPH * 50))).entries, source="f",
                                input_name="f", now=NOW, config=IngestConfig())
    assert len(articles) == 1 and _lines(caplog) == []
