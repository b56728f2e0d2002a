"""Whether a summary line is its story's headline again (an untitled article is headed by its first sentence)."""

from __future__ import annotations

import re

from bot.models import Story, SummarySentence
from bot.text_cut import ELLIPSIS

_WS = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _WS.sub(" ", text).strip()


def repeats_headline(headline: str, line: str) -> bool:
    """``line`` is the headline's own sentence: the headline is that sentence (spacing aside), or its start cut at
    a word with "…" (bot/ingest/fallback_title.py, bot/text_cut.py)."""
    head, text = _one_line(headline), _one_line(line)
    if not head or not text:
        return False
    if head == text:
        return True
    start = head[: -len(ELLIPSIS)].rstrip() if head.endswith(ELLIPSIS) else ""
    return bool(start) and text.startswith(start) and len(text) > len(start)


def unrepeated_summary(story: Story) -> tuple[SummarySentence, ...]:
    """The story's summary lines without those its headline already shows (each kept line as it was, with its
    provenance); the story's data itself stays whole."""
    return tuple(s for s in story.summary if not repeats_headline(story.headline, s.text))
