"""Whether a summary line is its story's headline again (an untitled article is headed by its first sentence)."""

from __future__ import annotations

import re

from bot.headline_choice import shown_headline
from bot.models import Story, SummarySentence
from bot.text_cut import ELLIPSIS

_WS = re.compile(r"\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def _comparable(text: str) -> str:
    """``text`` on one line, without a leading dateline, its quotation marks straight and "..." written "…"."""
    from bot.ingest.fallback_title import without_dateline  # the NLP it needs loads only when a briefing is made

    return without_dateline(_WS.sub(" ", text).strip()).translate(_QUOTES).replace("...", ELLIPSIS)


def repeats_headline(headline: str, line: str) -> bool:
    """``line`` is the headline's own sentence: the headline is that sentence, or its start cut at a word with "…"
    (bot/ingest/fallback_title.py, bot/text_cut.py), or the line is the headline cut with "…" or labelled
    ("BREAKING: ...", a headline-only item's title as its text); both compared without a leading dateline ("(Agency)
    -- "), with spacing, quotation marks and "..." for "…" aside."""
    head, text = _comparable(headline), _comparable(line)
    if not head or not text:
        return False
    # a headline-only item's one line: its title again, with its label and the summariser's cut mark "…"
    whole = text[: -len(ELLIPSIS)].rstrip() if text.endswith(ELLIPSIS) else text
    if head in (text, whole, shown_headline(whole)):
        return True
    start = head[: -len(ELLIPSIS)].rstrip() if head.endswith(ELLIPSIS) else ""
    return bool(start) and text.startswith(start) and len(text) > len(start)


def unrepeated_summary(story: Story) -> tuple[SummarySentence, ...]:
    """The story's summary lines without those its headline already shows (each kept line as it was, with its
    provenance); the story's data itself stays whole."""
    return tuple(s for s in story.summary if not repeats_headline(story.headline, s.text))
