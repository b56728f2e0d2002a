"""Briefing lengths: what a short or headlines briefing shows of each story, in one place for every renderer."""

from __future__ import annotations

from dataclasses import replace

from bot.models import BRIEFING_LENGTHS, Briefing, BriefingItem, BriefingLength, Story
from bot.outlets import outlet_count
from bot.plurals import counted
from digests.headline_line import unrepeated_summary

# what each length shows, for chat replies and help
DESCRIPTIONS: dict[BriefingLength, str] = {
    "full": "each story's summary, key quote and sources",
    "short": "one summary sentence per story (no key quote) and its sources on one line",
    "headlines": "each story's headline, outlet count and links only",
}


def parse_length(text: str) -> BriefingLength:
    """``"Short"`` -> ``"short"``; raises ValueError (one line) for anything but full, short or headlines."""
    value = text.strip().lower()
    for length in BRIEFING_LENGTHS:
        if value == length:
            return length
    raise ValueError(f"expected full, short or headlines, got {text.strip()[:40]!r}")


def stored_length(text: object) -> BriefingLength:
    """A length as stored or configured; anything unknown reads as full (today's output)."""
    try:
        return parse_length(str(text or ""))
    except ValueError:
        return "full"


def shown_item(item: BriefingItem, length: BriefingLength) -> BriefingItem:
    """One story as a briefing of ``length`` shows it. short: the first summary sentence in reading order (the
    summariser's order), the first new sentence and the first edit of a follow-up, no quote; headlines: no summary,
    nothing new, no edit, no quote and no "why". Headline, sources and links are always kept. At every length a
    summary line the headline already shows (an untitled article headed by its first sentence, cut or whole:
    digests/headline_line.py) is left out, so short shows the next line."""
    story = item.story
    lines = unrepeated_summary(story)
    if lines != story.summary:
        story = replace(story, summary=lines)
    if length == "short":
        return replace(item, story=replace(story, summary=story.summary[:1], quotes=()),
                       new_since=item.new_since[:1], revised=item.revised[:1])
    if length == "headlines":
        return replace(item, story=replace(story, summary=(), quotes=()), new_since=(), revised=(), why="")
    return item if story is item.story else replace(item, story=story)


def as_shown(briefing: Briefing) -> Briefing:
    """The briefing as its length shows it (a full one unchanged but for summary lines that repeat the headline);
    the stories past the cap are headlines in every length already. Renderers of chat and text call this; the
    JSON output keeps the whole data."""
    items = tuple(shown_item(i, briefing.length) for i in briefing.items)
    if all(a is b for a, b in zip(items, briefing.items, strict=True)):
        return briefing
    return replace(briefing, items=items)


def outlets_label(story: Story) -> str:
    """"3 outlets": independent outlets, as bot/outlets.py counts them."""
    count = outlet_count(story.sources)
    return counted(count, "outlet")
