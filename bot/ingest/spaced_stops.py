"""Close up a full stop written after a space ("it has been announced ." -> "it has been announced.")."""

from __future__ import annotations

import re

# a word, a space (or several) and a full stop, at a line's end or before a space or closing marks: not an ellipsis
# (" ...", "wait . . ."), a decimal (" .5") or a name (" .com")
_SPACED_STOP = re.compile(r"(?<![^\s.])(?P<word>[^\s.]+)[ \t]+\.(?![.\w])(?![ \t]*\.)(?=[\"'”’)\]»]*(?:\s|$))")
_OPENERS = "\"'“‘«([¿¡"
# where the sentence a spaced stop closes starts: after a line break, or a stop, colon or bar and a space
_SENTENCE_START = re.compile(r"\n|[.!?:|][\"'”’)\]»]*\s")
SENTENCE_WORDS = 4  # a sentence that ends in a capitalised word ("... at Wentworth Golf Club .") has this many
LOWER_WORDS = 2  # ... of which this many in lower case: "Coast Wire Reporter", "and Lena Hart" have fewer


def closed_stops(text: str) -> str:
    """``text`` with each spaced full stop (``_SPACED_STOP``) closed up to the word before it when that word is
    written in lower case or digits ("announced .", "in 2026 .", "“clear” ."), or ends a sentence of SENTENCE_WORDS
    words or more, LOWER_WORDS of them in lower case ("... met the mayor of Orrin ."). One after the name pieces of a
    byline stamp ("By . Coast Wire Reporter . PUBLISHED: . ...") is kept as written: they are told apart by it."""
    return _SPACED_STOP.sub(_closed, text) if " ." in text or "\t." in text else text


def _closed(match: re.Match[str]) -> str:
    word = match["word"]
    if _lower(word) or word.lstrip(_OPENERS)[:1].isdigit():
        return word + "."
    before = match.string[max(0, match.start() - 400):match.start()]
    words = before[max((m.end() for m in _SENTENCE_START.finditer(before)), default=0):].split()
    if len(words) + 1 >= SENTENCE_WORDS and sum(1 for w in words if _lower(w)) >= LOWER_WORDS:
        return word + "."
    return match[0]


def _lower(word: str) -> bool:
    return word.lstrip(_OPENERS)[:1].islower()
