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
# a heading or label in capitals ("WATCH .", "ORRIN SIGN TWO FERRY PILOTS .") ends there: the sentence splitter makes
# it a segment of its own either way, too short for a summary; closed up, it reads "WATCH." like any stored stop
LABEL_WORDS = 8
_BYLINE_BEFORE = re.compile(r"\b(?:by|and)[ \t]*\.?[ \t]*$", re.IGNORECASE)  # "By . EDDA VINTER ." is a byline's name


def closed_stops(text: str) -> str:
    """``text`` with each spaced full stop (``_SPACED_STOP``) closed up to the word before it when that word is
    written in lower case or digits ("announced .", "in 2026 .", "“clear” ."), or ends a sentence of SENTENCE_WORDS
    words or more, LOWER_WORDS of them in lower case ("... met the mayor of Orrin ."). One after the name pieces of a
    byline stamp ("By . Coast Wire Reporter . PUBLISHED: . ...") is kept as written: they are told apart by it. One
    after a short sentence in capitals (``_label``: "WATCH .", "ORRIN SIGN TWO FERRY PILOTS ."), a heading's end, is
    closed up too, but not after a byline's name ("By . EDDA VINTER ."), a stamp's label ("UPDATED: ."), an initial
    ("J .") or an address ("WWW.ORRIN.TEST .")."""
    return _SPACED_STOP.sub(_closed, text) if " ." in text or "\t." in text else text


def _closed(match: re.Match[str]) -> str:
    word = match["word"]
    if _lower(word) or word.lstrip(_OPENERS)[:1].isdigit():
        return word + "."
    before = match.string[max(0, match.start() - 400):match.start()]
    start = max((m.end() for m in _SENTENCE_START.finditer(before)), default=0)
    words = before[start:].split()
    if len(words) + 1 >= SENTENCE_WORDS and sum(1 for w in words if _lower(w)) >= LOWER_WORDS:
        return word + "."
    if _label([*words, word]) and not _BYLINE_BEFORE.search(before[:start]):
        return word + "."
    return match[0]


def _label(words: list[str]) -> bool:
    """A heading in capitals: at most LABEL_WORDS words of capitals and digits (an apostrophe, "&" or hyphen within),
    more than one letter in all ("J ." is an initial); no colon ("UPDATED: ."), full stop or slash (an address)."""
    bare = [w.strip(_OPENERS + "\"'”’)]»") for w in words]
    return (len(words) <= LABEL_WORDS and all(w.isupper() and all(c.isalnum() or c in "'’&-" for c in w) for w in bare)
            and sum(c.isalpha() for w in bare for c in w) > 1)


def _lower(word: str) -> bool:
    return word.lstrip(_OPENERS)[:1].islower()
