"""English clock times in any form ("6pm", "6 p.m.", "18:00", "18.00 BST", "noon") as one token for the repeat test."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.nlp.terms import segment_words

# "6pm", "6 pm", "6 p.m.", "6.30pm", "6:30 a.m.", "12 noon", "6 o'clock in the evening"
_TWELVE = re.compile(r"(?<![\d.,:])(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
_OCLOCK = re.compile(r"(?<![\d.,:])(1[0-2]|0?[1-9])\s?o[’']clock"
                     r"(?:\s+(?:in\s+the\s+(morning|afternoon|evening)|at\s+(night)))?", re.IGNORECASE)
# "18:00", "09:00"; "18.00" only beside a word that makes it a time ("from 18.00", "18.00 BST"): else a decimal
_COLON = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:]|\.\d)")
_DOTTED = re.compile(r"(?:(?<=\bfrom )|(?<=\buntil )|(?<=\btill )|(?<=\bto )|(?<=\bat )|(?<=\bbefore )"
                     r"|(?<=\bafter )|(?<=\bbetween )|(?<=\bsince ))([01]\d|2[0-3])\.([0-5]\d)(?![\d.]\d)"
                     r"(?!\s?(?:%|per\b|percent|million|billion|trillion|[a-z]*(?:dollar|euro|pound|cent)))"
                     r"|(?<![\d.,:])([01]?\d|2[0-3])\.([0-5]\d)(?=\s?(?:hrs|hours|h|GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT)\b)",
                     re.IGNORECASE)
_NAMED = re.compile(r"\b(?:12\s+)?(noon|midday|midnight)\b", re.IGNORECASE)
_LATE = frozenset(("afternoon", "evening", "night"))


def clock_words(text: str, words: Sequence[str]) -> Sequence[str]:
    """``words`` (``segment_words`` of ``text``) with each clock time written as one token, "18h00": "6pm",
    "6 p.m.", "18:00", "18.00 BST", "from 18.00", "6 o'clock in the evening" all read "18h00"; "noon" / "midday"
    "12h00", "midnight" "00h00". A bare "6 o'clock" reads "06h00" (no half of the day given). A number with a full
    stop and two digits is a decimal ("rose 18.00 points", "to 1.11 million") unless a time word stands beside it
    (a two-digit hour after "from", "until", "to", "at" ...; "BST", "hrs" after). ``words`` itself when the text
    holds no time."""
    out = _normalised(text)
    return words if out == text else segment_words(out)


@lru_cache(maxsize=4096)
def _normalised(text: str) -> str:
    """``text`` with each clock time replaced by its token (the repeat test asks again for each pair of lines)."""
    out = _TWELVE.sub(_twelve, text)
    out = _OCLOCK.sub(_oclock, out)
    out = _COLON.sub(lambda m: _token(int(m[1]), int(m[2])), out)
    out = _DOTTED.sub(_dotted, out)
    return _NAMED.sub(lambda m: "00h00" if m[1].lower() == "midnight" else "12h00", out)


def _twelve(m: re.Match[str]) -> str:
    hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0)
    return _token(hour, int(m[2] or 0))


def _oclock(m: re.Match[str]) -> str:
    part = (m[2] or m[3] or "").lower()
    return _token(int(m[1]) % 12 + (12 if part in _LATE else 0), 0)


def _dotted(m: re.Match[str]) -> str:
    return _token(int(m[1]), int(m[2])) if m[1] is not None else _token(int(m[3]), int(m[4]))


def _token(hour: int, minute: int) -> str:
    return f"{hour:02d}h{minute:02d}"
