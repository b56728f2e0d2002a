"""Briefing lengths: one trimming step (digests/length.py) that the text, Markdown and JSON renderers honour."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.compose import compose
from digests.length import as_shown, parse_length, shown_item, stored_length
from digests.render_json import briefing_to_dict
from digests.render_text import render_markdown, render_text

NOW = datetime(2031, 4, 7, 8, 0, tzinfo=UTC)

# Written for this test: a ferry accident reported by a wire, republished by a second site, and by a third outlet.
FIRST = "A passenger ferry struck the Korsholt breakwater on Sunday evening in heavy fog."
SECOND = "Eleven passengers were taken to hospital with minor injuries."
THIRD = "The harbour office closed the northern channel until divers inspect the hull."
QUOTE = "We heard the hull scrape the stones for what felt like a whole minute"
NEW_FIRST = "Divers found a two-metre gash below the waterline on Monday morning."
NEW_SECOND = "The operator cancelled the evening crossings for the rest of the week."


def ferry() -> Story:
    sources = (SourceRef("w", "Coast Wire", "https://coastwire.test/ferry", "Ferry hits breakwater", NOW),
               SourceRef("h", "Harbour Times", "https://harbourtimes.test/ferry", "Ferry in fog", NOW, copy_of="w"),
               SourceRef("v", "Valley Post", "https://valleypost.test/ferry", "Passengers describe crash", NOW))
    summary = (SummarySentence(FIRST, "w", 0, 0, len(FIRST)), SummarySentence(SECOND, "w", 1, 0, len(SECOND)),
               SummarySentence(THIRD, "v", 2, 0, len(THIRD)))
    quote = Attribution("v", "Marta Lind", "Lind", "said", QUOTE, "direct", 3, 200, 200 + len(QUOTE),
                        role="a passenger")
    return Story("s-ferry", "Ferry strikes Korsholt breakwater in fog", sources, summary, (quote,),
                 updated=NOW, url="https://coastwire.test/ferry")


def briefing(length: str = "full") -> Briefing:
    """The ferry story new, and the same story as a follow-up (nothing of what was seen, two new sentences)."""
    story = ferry()
    followup = replace(story, id="s-ferry-2", headline="Divers inspect the Korsholt ferry", summary=(), quotes=())
    new = (SummarySentence(NEW_FIRST, "d", 0, 0, 10), SummarySentence(NEW_SECOND, "d", 1, 0, 10))
    items = (BriefingItem(story, 2.0, why="matched: ferry — in 2 sentences"),
             BriefingItem(followup, 1.0, why="matched: ferry — in 1 sentence", new_since=new))
    more = (BriefingItem(replace(story, id="s-more", headline="Harbour dredging starts"), 0.5),)
    return Briefing("Briefing: ferry", NOW, items, more=more, length=parse_length(length))


def test_parse_length_says_what_it_expects() -> None:
    assert parse_length(" Short ") == "short" and parse_length("HEADLINES") == "headlines"
    with pytest.raises(ValueError, match=r"^expected full, short or headlines, got 'long'$"):
        parse_length("long")
    assert stored_length("headlines") == "headlines" and stored_length("bogus") == stored_length(None) == "full"


def test_trimming_is_one_pure_step_that_leaves_the_data_whole() -> None:
    full = briefing()
    assert as_shown(full) is full
    short = as_shown(replace(full, length="short"))
    first, follow = short.items
    assert [s.text for s in first.story.summary] == [FIRST]  # the first in reading order
    assert first.story.quotes == () and first.why == full.items[0].why
    assert first.story.sources == full.items[0].story.sources
    assert [s.text for s in follow.new_since] == [NEW_FIRST]  # a follow-up: its first new sentence
    heads = as_shown(replace(full, length="headlines"))
    assert all(i.story.summary == () and i.story.quotes == () and i.new_since == () and i.why == ""
               for i in heads.items)
    assert heads.more == full.more
    assert shown_item(full.items[0], "full") is full.items[0]
    assert len(briefing("short").items[0].story.summary) == 3  # the briefing itself is never trimmed


def test_compose_carries_the_length() -> None:
    composed = compose([ferry()], now=NOW, title="Briefing", length="headlines")
    assert composed.length == "headlines" and len(composed.items[0].story.summary) == 3
    assert compose([ferry()], now=NOW, title="Briefing").length == "full"


def test_text_in_each_length() -> None:
    full = render_text(briefing("full"))
    assert all(s in full for s in (FIRST, SECOND, THIRD, QUOTE, NEW_SECOND))
    assert "   Sources: Coast Wire (republished by Harbour Times), Valley Post" in full
    assert "     Valley Post: https://valleypost.test/ferry" in full  # today's output: each link on its line

    short = render_text(briefing("short"))
    assert FIRST in short and SECOND not in short and THIRD not in short and QUOTE not in short
    assert "   New since you last saw it: " + NEW_FIRST in short and NEW_SECOND not in short
    assert ("   Sources: Coast Wire <https://coastwire.test/ferry> (republished by Harbour Times "
            "<https://harbourtimes.test/ferry>) · Valley Post <https://valleypost.test/ferry>") in short
    assert "     Valley Post:" not in short
    assert "(matched: ferry — in 2 sentences)" in short
    assert "…and 1 more:" in short and "   - Harbour dredging starts" in short

    heads = render_text(briefing("headlines"))
    assert "1. Ferry strikes Korsholt breakwater in fog (2 outlets)\n   Sources: Coast Wire <https://" in heads
    assert "2. Divers inspect the Korsholt ferry (2 outlets)" in heads  # a copy is no outlet
    assert not any(s in heads for s in (FIRST, QUOTE, NEW_FIRST, "matched:", "New since"))
    assert "https://valleypost.test/ferry" in heads and "Harbour dredging starts" in heads


def test_markdown_in_each_length() -> None:
    full = render_markdown(briefing("full"))
    assert SECOND in full and "Marta Lind" in full
    short = render_markdown(briefing("short"))
    assert FIRST in short and SECOND not in short and "Marta Lind" not in short
    assert "[Valley Post](https://valleypost.test/ferry)" in short
    heads = render_markdown(briefing("headlines"))
    assert "## [Ferry strikes Korsholt breakwater in fog](https://coastwire.test/ferry) (2 outlets)" in heads
    assert FIRST not in heads and "[Coast Wire](https://coastwire.test/ferry)" in heads


def test_json_keeps_the_whole_data_and_says_the_length() -> None:
    shown = {length: briefing_to_dict(briefing(length)) for length in ("full", "short", "headlines")}
    assert {k: v["length"] for k, v in shown.items()} == {"full": "full", "short": "short", "headlines": "headlines"}
    assert shown["full"]["stories"] == shown["short"]["stories"] == shown["headlines"]["stories"]
    first = shown["headlines"]["stories"][0]
    assert [s["text"] for s in first["summary"]] == [FIRST, SECOND, THIRD] and first["quotes"]
    assert [s["text"] for s in shown["short"]["stories"][1]["new_since"]] == [NEW_FIRST, NEW_SECOND]
    json.dumps(shown)
