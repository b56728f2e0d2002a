"""Topics as people type them in chat: a comma list is several topics, a topic of only common words is refused, and
``unsubscribe`` finds a listed topic whatever its case or quotes."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import cache

from sumy.utils import get_stop_words

from bot.commands.dispatch import tidy_args
from bot.topics import Topic

_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # D.C., U.K.: a part of the name before it


@cache
def _common_words() -> frozenset[str]:
    """English function words (``the``, ``of``, ``and``): read once."""
    return frozenset(w.casefold() for w in get_stop_words("english"))


def split_topics(text: str) -> list[str]:
    """``NATO, Russia`` -> ``["NATO", "Russia"]``; a comma inside a "quoted phrase" stays in it, as does one between
    digits (``1,000 jobs``) and one before an abbreviation (``Washington, D.C.``); empty parts (``NATO,,``) are
    dropped."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        in_number = text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()
        if char == "," and not quoted and not in_number:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    joined: list[str] = []
    for part in (" ".join(part.split()) for part in parts):
        if joined and _ABBREVIATION.match(part) and not _ABBREVIATION.match(joined[-1].split()[-1]):  # not U.S., U.K.
            joined[-1] = f"{joined[-1]}, {part}"
        elif part:
            joined.append(part)
    return joined


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
    """How two spellings of one topic compare: case, quotes (typographic or plain), spacing and a closing full stop
    aside, as chat input is tidied (``"Harbour Bridge"`` and ``“Harbour Bridge”`` are ``harbour bridge``; a topic
    stored as ``Acme Inc.`` is ``acme inc``)."""
    return " ".join(tidy_args(text).replace('"', " ").casefold().split())


def same_topics(topics: Sequence[str], typed: str) -> list[str]:
    """The channel's topics ``typed`` may name: itself when listed, else those spelt the same up to case and
    quotes (more than one when two listed topics differ only so: ``NATO`` and ``nato``)."""
    if typed in topics:
        return [typed]
    return [t for t in topics if topic_key(t) == topic_key(typed)]


def listed_topic(topics: Sequence[str], typed: str) -> str | None:
    """The channel's topic ``typed`` names: itself, else the one listed topic spelt the same up to case and
    quotes; None when none (or more than one) is."""
    same = same_topics(topics, typed)
    return same[0] if len(same) == 1 else None
