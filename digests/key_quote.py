"""Pick the quote a briefing shows for a story, and present its words without doubled quote marks."""

from __future__ import annotations

from bot.models import Attribution, Story

_QUOTE_MARKS = "\"'“”‘’«»„ "
MIN_QUOTE_CHARS = 20


def key_quote(story: Story) -> Attribution | None:
    """Direct quotes with a named speaker first, then reported speech; substantial ones only."""
    quotes = [q for q in story.quotes if len(q.content) >= MIN_QUOTE_CHARS] or list(story.quotes)
    if not quotes:
        return None
    return max(quotes, key=lambda q: (q.kind == "direct", not q.speaker.startswith("unnamed"),
                                      min(len(q.content), 200)))


def quote_text(quote: Attribution) -> str:
    """The quote's words without the marks around them (renderers add their own) or a trailing comma."""
    text = quote.content.strip().strip(_QUOTE_MARKS).rstrip(",").strip(_QUOTE_MARKS)
    return text or quote.content.strip()
