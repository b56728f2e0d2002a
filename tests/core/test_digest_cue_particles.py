"""Briefing key quotes and story views show a phrasal cue with the particle that heads what was said ("called for:
a full audit") or that the text put between the cue and the words, kept at extraction ("pointed to: cyclical
surges"), as who-said-what answers do (bot/answer/cue_particles.py), in text, Markdown, Slack and Discord; the key
quote gate decides the same with or without a kept particle."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.models import Attribution, Briefing, SourceRef, Story
from digests.compose import compose
from digests.key_quote import key_quote, shown_said
from digests.key_quote_gate import full_clause, quote_flaw
from digests.key_quote_speaker import idiom_cue
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
    assert f"   Mayor Ada Quist {SHOWN}.\n" in text, text
    assert "called for for" not in text
    markdown = render_markdown(_briefing())
    assert f"> **Mayor Ada Quist** {SHOWN}.\n" in markdown, markdown


def test_slack_and_discord_key_quotes_show_the_particle_with_the_cue() -> None:
    slack = json.dumps([m.blocks for m in render_briefing(_briefing())], ensure_ascii=False)
    assert f"> *Mayor Ada Quist* {SHOWN}." in slack, slack
    fields = [f for m in render_discord(_briefing()) for e in m["embeds"] for f in e.get("fields", [])]
    assert [f["value"] for f in fields if f["name"].startswith("Key")] == [f"**Mayor Ada Quist** {SHOWN}."]


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


# invented text: "The harbour master Lena Moss pointed to cyclical surges in freight traffic at Velmora." The
# extractor keeps the bare cue "pointed", the content "cyclical surges ...", and the particle the text puts between
# them ("to") as cue_particle; a row stored before cue_particle existed has "" there
POINTED = Attribution("v-1", "Lena Moss", "Lena Moss", "pointed", "cyclical surges in freight traffic at Velmora",
                      "indirect", 2, 150, 195, "harbour master", cue_particle="to")


def test_a_kept_particle_shows_with_the_cue_in_key_quotes_and_the_story_view() -> None:
    assert shown_said(POINTED) == ("pointed to", "cyclical surges in freight traffic at Velmora")
    text = render_text(compose([_story(POINTED)], now=NOW, title="Harbour news"))
    assert "   Lena Moss (harbour master) pointed to cyclical surges in freight traffic at Velmora.\n" in text, text
    lines = render_story(_story(POINTED), tz=UTC).splitlines()
    assert ("• *Lena Moss* (harbour master) pointed to: cyclical surges in freight traffic at Velmora (Velmora Post)"
            in lines), lines


def test_a_row_stored_before_shows_the_bare_cue_and_a_particle_it_does_not_take_is_ignored() -> None:
    old = replace(POINTED, cue_particle="")
    assert shown_said(old) == ("pointed", "cyclical surges in freight traffic at Velmora")
    assert shown_said(replace(POINTED, cue_particle="of"))[0] == "pointed"  # "pointed" takes "to" or "out"
    assert shown_said(replace(POINTED, cue="said", cue_particle="to"))[0] == "said"
    # a particle heading the content goes with the cue as before, never twice
    called = replace(CALLED, cue_particle="for")
    assert shown_said(called) == ("called for", "a full audit of the Velmora ferry accounts before any fare rises")


# invented quotes with phrasal cues, to each of which the text could have put a particle between cue and content
_GATED = [
    POINTED,
    replace(POINTED, speaker="unnamed port officials", speaker_as_written="officials"),
    Attribution("v-1", "Ivo Brandt", "Brandt", "warned", "delays to the Velmora ferry timetable next spring",
                "indirect", 3, 200, 250),
    Attribution("v-1", "unnamed councillors", "councillors", "warned", "delays to the Velmora ferry timetable",
                "indirect", 3, 200, 240),
    Attribution("v-1", "unnamed councillors", "councillors", "warned", "the ferry timetable would slip by a month",
                "indirect", 3, 200, 240),
    Attribution("v-1", "Ada Quist", "Quist", "called", "the windswept cape home", "indirect", 4, 0, 21),
    Attribution("v-1", "unnamed skippers", "skippers", "hinted", "a strike before the spring sailings",
                "indirect", 5, 0, 35),
    Attribution("v-1", "Ada Quist", "Quist", "insisted", "a vote of the whole council on fares", "indirect", 6, 0, 36),
]


@pytest.mark.parametrize("particle", ["to", "of", "at", "on", "for"])
def test_the_gate_decides_the_same_with_and_without_a_kept_particle(particle: str) -> None:
    decisions = [(quote_flaw(q), full_clause(q), idiom_cue(q)) for q in _GATED]
    # the decisions are not all alike: the comparison below weighs quotes the gate lets through and ones it stops
    assert {flaw for flaw, _, _ in decisions} >= {None, "not a full clause", "not speech"}, decisions
    kept = [replace(q, cue_particle=particle) for q in _GATED]
    assert [(quote_flaw(q), full_clause(q), idiom_cue(q)) for q in kept] == decisions
    story = _story(*_GATED)
    chosen = key_quote(story)
    assert chosen is not None
    assert key_quote(replace(story, quotes=tuple(kept))) == replace(chosen, cue_particle=particle)
