"""A quote several articles carried (a wire copy, another outlet's report), answered once with all its sources."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answer.reported import readable_content
from bot.store.quotes import QuoteHit

# quotation marks and apostrophes of every style: outlets print the same words with different ones
_MARKS = re.compile("[\"'`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u300c\u300d"
                    "\u300e\u300f]")
_EDGES = " ,.;:!?\u2026-\u2013\u2014"  # what leads into or closes a quotation: no part of the words
# Two reports of one quote that differ by one word ("will"/"would", a word an editor added) are one quote when the
# shorter has at least this many words; in a shorter one a word changed changes what was said ("earnings growth may
# slow", "handset growth may slow")
NEAR_MIN_WORDS = 8


def words_key(content: str) -> str:
    """What a quote says, for comparing: as shown (no leading "that"), without quotation marks, its whitespace one
    space, without the punctuation at its ends, case folded."""
    text = " ".join(_MARKS.sub("", readable_content(content)).split())
    return text.strip(_EDGES).casefold()


def same_words(a: str, b: str) -> bool:
    """Whether two quotes say the same words, whatever their quotation marks, spacing and case."""
    return words_key(a) == words_key(b)


def one_word_apart(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two word lists differ by exactly one word replaced, added or left out, the shorter at least
    NEAR_MIN_WORDS long."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) < NEAR_MIN_WORDS or len(b) - len(a) > 1 or a == b:
        return False
    head = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[head + 1:] == b[head + 1:] if len(a) == len(b) else a[head:] == b[head + 1:]


def _near(keys: dict[tuple[str, str], int], speaker: str, said: str) -> int | None:
    """Where a quote by this speaker one word apart from ``said`` was kept, if one was."""
    mine = said.split()
    return next((at for (who, other), at in keys.items() if who == speaker and one_word_apart(mine, other.split())),
                None)


def said_once(hits: Sequence[QuoteHit]) -> list[QuoteHit]:
    """Each quote once, in the place of its first hit: a later hit with the same words by the same speaker from
    another article is one of its sources (``QuoteHit.also``, in the order found), one from the same article (a
    pull quote) is dropped; so is a later one with one word changed (``one_word_apart``). A quote that names the
    topic in any of its articles counts as naming it."""
    first: dict[tuple[str, str], int] = {}
    kept: list[QuoteHit] = []
    carried: list[list[QuoteHit]] = []
    seen_in: list[set[str]] = []
    for hit in hits:
        a = hit.attribution
        key = (" ".join(a.speaker.split()).casefold(), words_key(a.content))
        at = first.get(key)
        if at is None:
            at = _near(first, key[0], key[1])
        if at is None:
            first[key] = len(kept)
            kept.append(hit)
            carried.append([])
            seen_in.append({a.article_id})
        elif a.article_id not in seen_in[at]:
            seen_in[at].add(a.article_id)
            carried[at].append(hit)
    return [replace(hit, also=tuple(more), mentions=hit.mentions or any(h.mentions for h in more)) if more else hit
            for hit, more in zip(kept, carried, strict=True)]
