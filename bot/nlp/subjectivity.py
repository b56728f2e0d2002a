"""Opinionated wording in a sentence: the Pattern subjectivity lexicon (shipped with textblob) and hedge words."""

from __future__ import annotations

import re

from textblob.en import sentiment as _pattern_sentiment  # type: ignore[import-untyped]

# Speculation and hedging: what might happen or seems to be, rather than what happened. Counted outside
# quotation marks only, since a quoted "could" is the speaker's, not the outlet's.
HEDGES = frozenset({
    "perhaps", "maybe", "arguably", "apparently", "seemingly", "supposedly", "allegedly", "reportedly",
    "likely", "unlikely", "possibly", "probably", "might", "could", "appears", "seems",
})
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def subjectivity(text: str) -> float:
    """Mean subjectivity (0 objective … 1 subjective) of the words of ``text`` found in the Pattern lexicon
    (about 2,900 hand-rated English adjectives, with "very"-style modifiers and negation); 0 when none is."""
    return float(_pattern_sentiment(text)[1])


def hedged(text: str) -> bool:
    """True when a hedge word ("could", "likely", "reportedly", ...) stands outside any quotation."""
    return any(word.lower() in HEDGES for word in _WORD.findall(_QUOTED.sub(" ", text)))


def opinion_score(text: str) -> float:
    """How far a sentence is from neutral reporting: its lexicon subjectivity, plus 1 if it hedges."""
    return subjectivity(text) + (1.0 if hedged(text) else 0.0)
