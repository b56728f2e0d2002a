"""A role every article writes sentence-first ("Finance minister Oskar Brandt said") reads in lower case in a
briefing's key quote and the story view when a report's title writes its word in lower case ("... finance minister
..."): the titles are the story's own words too. A title in Title Case says nothing, and a word no text writes in
lower case keeps its capital."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.key_quote import key_quote
from digests.render_discord import render_discord
from digests.render_slack import render_briefing
from digests.story_view import render_story

NOW = datetime(2031, 8, 14, 6, 0, tzinfo=UTC)
LEAD = "Velsund dock workers ended a nine-day strike after a pay offer on Wednesday."
WORDS = "“This deal keeps the port open and the budget whole”"


def strike(title: str, role: str = "Finance minister") -> Story:
    sources = (SourceRef("a", "Northgate Herald", "https://herald.test/a", title, NOW),
               SourceRef("b", "Velsund Post", "https://post.test/b", "Dockers back at work", NOW))
    quotes = (Attribution("a", "Oskar Brandt", "Brandt", "said", WORDS, "direct", 2, 200, 250, role=role),
              Attribution("b", "Oskar Brandt", "Brandt", "said", WORDS, "direct", 3, 300, 350, role=role))
    return Story("s-dock", "Velsund dock strike ends", sources, (SummarySentence(LEAD, "a", 0, 0, len(LEAD)),),
                 quotes, updated=NOW)


def test_a_title_writing_the_role_word_in_lower_case_lowers_it_everywhere() -> None:
    story = strike("Velsund strike ends as finance minister backs pay rise")
    quote = key_quote(story)
    assert quote is not None and quote.role == "finance minister"
    assert "*Oskar Brandt* (finance minister) said" in render_story(story, tz=UTC)
    briefing = Briefing("Briefing", NOW, (BriefingItem(story, 1.0),))
    assert "*Oskar Brandt, finance minister*" in json.dumps([m.blocks for m in render_briefing(briefing)])
    assert "**Oskar Brandt (finance minister)**" in json.dumps(render_discord(briefing))


def test_no_lower_case_evidence_or_a_title_case_title_keeps_the_capital() -> None:
    for title in ("Dock strike ends after nine days", "Finance Minister Backs Pay Rise As Strike Ends",
                  "Velsund strike ends as the Finance ministry pays up"):
        quote = key_quote(strike(title))
        assert quote is not None and quote.role == "Finance minister"
    named = key_quote(strike("Velsund strike ends as Lumenfield council chair backs deal", "Lumenfield council chair"))
    assert named is not None and named.role == "Lumenfield council chair"  # a name's capital mid-title stays
