"""Topics as people type them in chat: a comma list is several topics, a topic of only common words is refused, and
``unsubscribe`` finds a listed topic whatever its case or quotes."""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache

from sumy.utils import get_stop_words

from bot.topics import Topic


@cache
def _common_words() -> frozenset[str]:
    """English function words (``the``, ``of``, ``and``): read once."""
    return frozenset(w.casefold() for w in get_stop_words("english"))


def split_topics(text: str) -> list[str]:
    """``NATO, Russia`` -> ``["NATO", "Russia"]``; a comma inside a "quoted phrase" stays in it; empty parts
    (``NATO,,``) are dropped."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p for p in (" ".join(part.split()) for part in parts) if p]


def too_common(topic: Topic) -> bool:
    """Whether every word the topic looks for is a common lower-case word (``the``, ``and of``), which every story
    holds; a name (``May``), an acronym (``US``, ``WHO``) and ``from:outlet`` are never common."""
    common = _common_words()
    for clause in topic.clauses:
        for term in clause:
            if term.name or term.acronym or term.outlet:
                return False
            if any(word.strip(string.punctuation).casefold() not in common for word in term.text.split()):
                return False
    return True


def topic_key(text: str) -> str:
    """How two spellings of one topic compare: case, quotes and spacing aside (``"Harbour Bridge"`` is
    ``harbour bridge``)."""
    return " ".join(text.replace('"', " ").casefold().split())


def listed_topic(topics: Sequence[str], typed: str) -> str | None:
    """The channel's topic ``typed`` names: itself, else the one listed topic spelt the same up to case and
    quotes; None when none (or more than one) is."""
    if typed in topics:
        return typed
    same = [t for t in topics if topic_key(t) == topic_key(typed)]
    return same[0] if len(same) == 1 else None
