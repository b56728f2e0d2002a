"""An outlet whose two articles of one story have no links is named once in every format's sources line; two
linked articles of one outlet keep both links."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.models import Briefing, BriefingLength, SourceRef, Story, SummarySentence
from digests.compose import compose
from digests.render_discord import render_discord
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def briefing(urls: tuple[str, str], length: BriefingLength = "full") -> Briefing:
    sources = tuple(SourceRef(f"a{i}", "Glenmora Gazette", url, f"Ferry timetable part {i}", NOW)
                    for i, url in enumerate(urls))
    story = Story(id="s1", headline="Ferry timetable changes", sources=sources,
                  summary=(SummarySentence("The winter ferry timetable starts on Monday.", "a0", 0, 0, 44),),
                  updated=NOW, url=urls[0])
    return compose([story], now=NOW, title="Briefing", length=length)


def rendered(urls: tuple[str, str], length: BriefingLength = "full") -> list[str]:
    b = briefing(urls, length)
    return [render_text(b), render_markdown(b), json.dumps([m.blocks for m in render_briefing(b)]),
            json.dumps(render_discord(b))]


def test_an_outlet_without_links_is_named_once() -> None:
    lengths: tuple[BriefingLength, ...] = ("full", "short", "headlines")
    for length in lengths:
        for text in rendered(("", ""), length):
            assert text.count("Glenmora Gazette") == 1, (length, text)


def test_two_linked_articles_of_one_outlet_keep_both_links() -> None:
    urls = ("https://gazette.example/ferry-1", "https://gazette.example/ferry-2")
    for text in rendered(urls):
        assert urls[0] in text and urls[1] in text
