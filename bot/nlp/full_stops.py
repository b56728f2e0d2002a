"""Sentence ends that syntok does not know: the full stops of Chinese and Japanese (written with no space after
them), Hindi's danda, Urdu's full stop, Arabic's question mark, Armenian's, Amharic's, Burmese's, Khmer's, Tibetan's,
Syriac's and Mongolian's full stops. A line holding none of them is left whole, so text without them is split exactly
as before."""

from __future__ import annotations

import re
from itertools import pairwise

# 。 ！ ？ ｡ (CJK, fullwidth and halfwidth), । ॥ (Devanagari, Bengali, Gurmukhi, Gujarati, Odia), ؟ (Arabic),
# ۔ (Urdu), ։ (Armenian), ። ፧ (Ethiopic full stop and question mark), ။ (Myanmar), ។ ៕ (Khmer), ། ༎ (Tibetan shad and
# double shad), ܀ ܁ ܂ (Syriac end of paragraph, supralinear and sublinear full stops), ᠃ ᠉ (Mongolian and Manchu full
# stops). Thaana (Dhivehi) ends sentences with ". ", which syntok splits already.
FULL_STOPS = ("\u3002\uff01\uff1f\uff61\u0964\u0965\u061f\u06d4\u0589\u1362\u1367\u104b\u17d4\u17d5"
              "\u0f0d\u0f0e\u0700\u0701\u0702\u1803\u1809")
_ANY = re.compile(f"[{FULL_STOPS}]")
# quotation marks and brackets that open and close a quoted part: a full stop inside one ends no sentence
# ("「重要だ。」と述べた。", "“我们会继续。”他说。" are one sentence each)
OPENERS, CLOSERS = "「『（【〔〈《“", "」』）】〕〉》”"
# what stays with the sentence after its full stop: more full stops, closing marks, closing quotes
_TAIL = re.compile(f"[{FULL_STOPS}{re.escape(CLOSERS)}\"'’»)\\]]*")


def at_full_stops(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] (one line) as pieces ending after each full stop of FULL_STOPS that stands outside quotation
    marks (with the closing marks after it); ``[(start, end)]`` when the line has none. When its quotation marks do
    not pair up, every full stop ends a piece."""
    if _ANY.search(text, start, end) is None:
        return [(start, end)]
    cuts = _cuts(text, start, end, quoted=True)
    if cuts is None:
        cuts = _cuts(text, start, end, quoted=False) or []
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in pairwise(bounds) if b > a and text[a:b].strip()]


def _cuts(text: str, start: int, end: int, *, quoted: bool) -> list[int] | None:
    """Where pieces end; None when ``quoted`` and the quotation marks of the line do not pair up."""
    cuts: list[int] = []
    depth = 0
    i = start
    while i < end:
        char = text[i]
        if quoted and char in OPENERS:
            depth += 1
        elif quoted and char in CLOSERS:
            depth -= 1
            if depth < 0:
                return None
        elif char in FULL_STOPS and depth == 0:
            tail = _TAIL.match(text, i + 1, end)
            i = tail.end() if tail else i + 1
            if i < end:
                cuts.append(i)
            continue
        i += 1
    return None if depth else cuts
