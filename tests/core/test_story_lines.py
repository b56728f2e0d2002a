"""A story's summary and "New since you last saw it" lines: one sentence per line on Slack, Discord, text and
Markdown, and a long story split between its lines, never inside one."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_discord import story_embeds
from digests.render_slack import SlackLimits, fallback_text, render_briefing
from digests.render_text import render_markdown, render_text

NOW = datetime(2031, 6, 3, 7, 0, tzinfo=UTC)
LINES = ("The Tessly ferry ran aground on a sandbar at dawn.",
         "All forty passengers were taken ashore by lifeboat.",
         "The operator suspended the route until Friday.")
NEW = ("Salvage crews refloated the ferry at high tide.",
       "An inquiry will look at the channel markers.")


def sentences(texts: tuple[str, ...], article: str) -> tuple[SummarySentence, ...]:
    return tuple(SummarySentence(t, article, n, 0, len(t)) for n, t in enumerate(texts))


def story(summary: tuple[str, ...] = LINES) -> Story:
    return Story("s-ferry", "Tessly ferry aground", (SourceRef("a", "Bay Courier", "https://bay.test/a", "t", NOW),),
                 sentences(summary, "a"), (), updated=NOW)


def test_slack_shows_one_summary_line_per_line_and_its_fallback_too() -> None:
    [message] = render_briefing(Briefing("Briefing", NOW, (BriefingItem(story(), 1.0),)))
    section = message.blocks[1]["text"]["text"]
    assert "\n".join(LINES) in section
    assert "\n".join(LINES) in message.text


def test_new_since_lines_are_one_per_line_everywhere() -> None:
    item = BriefingItem(story(()), 1.0, new_since=sentences(NEW, "b"))
    briefing = Briefing("Briefing", NOW, (item,))
    assert f"   New since you last saw it: {NEW[0]}\n   {NEW[1]}\n" in render_text(briefing)
    assert f"- _New since you last saw it:_ {NEW[0]}\n- {NEW[1]}\n" in render_markdown(briefing)
    [message] = render_briefing(briefing)
    assert f"_New:_ {NEW[0]}\n{NEW[1]}" in message.blocks[1]["text"]["text"]
    [embed] = story_embeds(item, 1)
    assert embed["description"] == f"**New:** {NEW[0]}\n{NEW[1]}"


def test_a_long_slack_story_splits_at_a_line_end_never_mid_line() -> None:
    lines = tuple(f"Line {n} of the ferry report says the crossing was rough and the crew stayed calm throughout."
                  for n in range(60))
    limits = SlackLimits(section_text=1000)
    messages = render_briefing(Briefing("Briefing", NOW, (BriefingItem(story(lines), 1.0),)), limits=limits)
    texts = [b["text"]["text"] for m in messages for b in m.blocks if b["type"] == "section"]
    assert len(texts) > 2 and all(len(t) <= 1000 for t in texts)
    shown = [line for t in texts for line in t.split("\n")]
    assert all(line in shown for line in lines)  # every line whole, in one section
    assert fallback_text([b for m in messages for b in m.blocks if b["type"] == "section"]).count("Line 59") == 1
