"""Briefing key quotes and story views show a phrasal cue with the particle that heads what was said ("called for:
a full audit"), as who-said-what answers do (bot/answer/cue_particles.py), in text, Markdown, Slack and Discord."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.models import Attribution, Briefing, SourceRef, Story
from digests.compose import compose
from digests.render_discord import render_discord
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text
from digests.story_view import render_story

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# invented text: the extractor keeps the bare cue "called" and the particle at the head of the content
CALLED = Attribution("v-1", "Mayor Ada Quist", "Ada Quist", "called",
                     "for a full audit of the Velmora ferry accounts before any fare rises", "indirect", 1, 40, 108)
SHOWN = "called for a full audit of the Velmora ferry accounts before any fare rises"


def _story(*quotes: Attribution) -> Story:
    source = SourceRef("v-1", "Velmora Post", "https://velmora.example/fares", "Velmora ferry fares under review", NOW)
    return Story(id="s-fares", headline="Velmora ferry fares under review", sources=(source,), summary=(),
                 quotes=quotes, updated=NOW, url=source.url)


def _briefing() -> Briefing:
    return compose([_story(CALLED)], now=NOW, title="Harbour news")


def test_text_and_markdown_key_quotes_show_the_particle_with_the_cue() -> None:
    text = render_text(_briefing())
    assert f"   Mayor Ada Quist {SHOWN}\n" in text, text
    assert "called for for" not in text
    markdown = render_markdown(_briefing())
    assert f"> **Mayor Ada Quist** {SHOWN}\n" in markdown, markdown


def test_slack_and_discord_key_quotes_show_the_particle_with_the_cue() -> None:
    slack = json.dumps([m.blocks for m in render_briefing(_briefing())], ensure_ascii=False)
    assert f"> *Mayor Ada Quist* {SHOWN}" in slack, slack
    fields = [f for m in render_discord(_briefing()) for e in m["embeds"] for f in e.get("fields", [])]
    assert [f["value"] for f in fields if f["name"].startswith("Key")] == [f"**Mayor Ada Quist** {SHOWN}"]


def test_the_story_view_shows_the_particle_with_the_cue() -> None:
    text = render_story(_story(CALLED), tz=UTC)
    assert ("• *Mayor Ada Quist* called for: a full audit of the Velmora ferry accounts before any fare rises "
            "(Velmora Post)") in text.splitlines(), text


def test_a_direct_quote_keeps_its_words_and_a_plain_cue_stays_as_it_is() -> None:
    direct = Attribution("v-1", "Ada Quist", "Quist", "called", "“For shame,” she wrote", "direct", 2, 0, 10)
    said = Attribution("v-1", "Ada Quist", "Quist", "said", "for now fares stay as they are", "indirect", 3, 0, 10)
    lines = render_story(_story(direct, said), tz=UTC).splitlines()
    assert any(line.startswith("• *Ada Quist* said: for now fares stay") for line in lines), lines
    assert any(line.startswith("• *Ada Quist* called: “For shame") for line in lines), lines
