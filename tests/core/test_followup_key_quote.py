"""A follow-up's key quote never repeats words its "New since you last saw it" line already carries."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_discord import render_discord_messages
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text

NOW = datetime(2031, 5, 2, 9, 0, tzinfo=UTC)

# Written for this test: a lock-keepers' strike on a canal, and the day after, the deal that ends it.
ENDED = "The lock-keepers' strike on the Orrin canal ended on Friday with a 7 percent pay rise."
WORDS = "Nobody on this canal wanted to see the barges stand still for a week"
SAID = f'"{WORDS}," union organiser Bea Tolland said.'
OTHER = "These gates have been hand-cranked by the same families for a century"


def followup() -> Briefing:
    sources = (SourceRef("a", "Canal Gazette", "https://gazette.test/strike", "Lock-keepers walk out", NOW),
               SourceRef("b", "Canal Gazette", "https://gazette.test/deal", "Lock-keepers' strike ends", NOW))
    start = len(ENDED) + 1
    new = (SummarySentence(ENDED, "b", 0, 0, len(ENDED)), SummarySentence(SAID, "b", 1, start, start + len(SAID)))
    quotes = (Attribution("b", "Bea Tolland", "Tolland", "said", f'"{WORDS},"', "direct", 1, start,
                          start + len(WORDS) + 4, role="union organiser"),
              Attribution("b", "Ivo Brask", "Brask", "said", OTHER, "direct", 4, 400, 400 + len(OTHER)))
    story = Story("s-locks", "Lock-keepers walk out on the Orrin canal", sources, (), quotes, updated=NOW,
                  url="https://gazette.test/strike")
    return Briefing("Briefing: canal", NOW, (BriefingItem(story, 1.0, new_since=new),))


def shown(fmt: str) -> str:
    briefing = followup()
    if fmt == "text":
        return render_text(briefing)
    if fmt == "markdown":
        return render_markdown(briefing)
    if fmt == "slack":
        return json.dumps([m.blocks for m in render_briefing(briefing)], ensure_ascii=False)
    return json.dumps(render_discord_messages(briefing), ensure_ascii=False)


@pytest.mark.parametrize("fmt", ["text", "markdown", "slack", "discord"])
def test_the_quote_in_the_new_since_line_is_not_shown_again_as_the_key_quote(fmt: str) -> None:
    out = shown(fmt)
    assert out.count("barges stand still") == 1  # in the "New" line only
    assert "hand-cranked" in out  # another voice is the key quote
