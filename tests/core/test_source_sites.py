"""A story's source list names each site once, under its real name, with every article link still shown."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from bot.models import Briefing, BriefingItem, BriefingLength, SourceRef, Story, SummarySentence
from digests.render_discord import story_embeds
from digests.render_slack import SlackLimits, story_blocks
from digests.render_text import render_markdown, render_text
from digests.source_sites import best_name, site_sources

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TIDE = "https://tidewatch.example/news/pier-closed"
GULL_LIVE = "https://www.gullpost.example/live/pier-updates"
GULL_STORY = "https://gullpost.example/local/pier-what-we-know"


def _story() -> Story:
    sources = (
        SourceRef("a", "Tidewatch Daily", TIDE, "Pier closed after storm", NOW),
        SourceRef("b", "gullpost.example", GULL_LIVE, "Pier live updates", NOW),
        SourceRef("c", "Gull Post", GULL_STORY, "What we know about the pier", NOW),
    )
    summary = (SummarySentence("The old pier was closed after a storm cracked its deck.", "a", 0, 0, 50),)
    return Story(id="pier", headline="Pier closed", sources=sources, summary=summary, updated=NOW, url=TIDE)


def _briefing(length: BriefingLength = "full") -> Briefing:
    return Briefing(title="B", generated=NOW, items=(BriefingItem(_story(), 1.0),), length=length)


def test_best_name_prefers_a_real_name_over_a_bare_domain() -> None:
    refs = _story().sources
    assert best_name(refs[1:]) == "Gull Post"
    assert best_name(refs[1:2]) == "gullpost.example"
    sites = site_sources(refs)
    assert [s.name for s in sites] == ["Tidewatch Daily", "Gull Post"]
    assert sites[1].urls == [GULL_LIVE, GULL_STORY]


def test_console_full_names_each_site_once_and_keeps_every_link() -> None:
    text = render_text(_briefing())
    assert "Sources: Tidewatch Daily, Gull Post\n" in text
    assert f"Gull Post: {GULL_LIVE}" in text and f"Gull Post: {GULL_STORY}" in text
    assert "gullpost.example:" not in text


def test_console_short_and_markdown_one_entry_per_site() -> None:
    short = render_text(_briefing("short"))
    assert f"Sources: Tidewatch Daily <{TIDE}> · Gull Post <{GULL_LIVE}> <{GULL_STORY}>" in short
    md = render_markdown(_briefing())
    assert f"Sources: [Tidewatch Daily]({TIDE}), [Gull Post]({GULL_LIVE}) [2]({GULL_STORY})" in md


def test_slack_names_each_site_once_and_keeps_every_link() -> None:
    blocks = story_blocks(_briefing().items[0], SlackLimits())
    text = json.dumps(blocks, ensure_ascii=False)
    assert f"<{TIDE}|Tidewatch Daily> · <{GULL_LIVE}|Gull Post> <{GULL_STORY}|2>" in text
    assert "gullpost.example>" not in text


def test_discord_names_each_site_once_and_keeps_every_link() -> None:
    [embed] = story_embeds(_briefing().items[0], 1)
    [sources] = [f["value"] for f in embed.get("fields", []) if f["name"] == "Sources"]
    assert sources == f"[Tidewatch Daily]({TIDE}) · [Gull Post]({GULL_LIVE}) [2]({GULL_STORY})"


def test_copies_are_credited_by_site_beside_their_original() -> None:
    s = _story()
    copies = (SourceRef("d", "harbourtimes.example", "https://harbourtimes.example/1", "T", NOW, copy_of="a"),
              SourceRef("e", "Harbour Times", "https://harbourtimes.example/2", "T", NOW, copy_of="a"))
    s = replace(s, sources=s.sources + copies)
    item = BriefingItem(s, 1.0)
    text = render_text(Briefing(title="B", generated=NOW, items=(item,)))
    assert "Sources: Tidewatch Daily (republished by Harbour Times), Gull Post\n" in text
    assert "Harbour Times (copy of Tidewatch Daily): https://harbourtimes.example/1" in text
