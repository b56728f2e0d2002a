"""Which speakers name no one in particular ("company", "unnamed spokesperson"): one speaker only within an article."""

from __future__ import annotations

from bot.answer.unresolved import shown_speaker


def article_bound(speaker: str) -> bool:
    """Whether ``speaker`` is a description naming no one beyond its own article: an unresolved pronoun ("it"), or
    a description in lower-case words as answers show it ("company", "unnamed spokesperson", "unnamed Officials"
    at a sentence's start, "the snapper"). Two articles' "the company" may be two firms, their "spokesperson"
    two people. A description that holds a name ("unnamed Valmont Air spokesperson", "Sources within NATO",
    "unnamed spokesperson for the Averley Transport Workers' Union") is tied to that organisation, and so is a
    name: one speaker label whichever article quotes it."""
    shown = shown_speaker(speaker)
    words = shown.removeprefix("unnamed ").split()
    return bool(words) and all(w == w.lower() for w in words)
