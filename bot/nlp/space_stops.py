"""Sentence ends written as a space: Thai and Lao write no full stop, and a space between two runs of their letters
ends a sentence, a clause or a phrase. A line is cut at such spaces, and pieces too short to be a sentence are joined
to their neighbours. A line without two such runs around a space is left whole, so other text is split as before."""

from __future__ import annotations

import re
from itertools import pairwise

# Thai and Lao letters, vowel signs and tone marks (not their digits, nor ฿)
_LETTERS = "\u0e01-\u0e3a\u0e40-\u0e4e\u0e81-\u0ebd\u0ec0-\u0ece\u0edc-\u0edf"
# ... but a space after ๆ (a word said twice, "เด็กๆ เล่น") or ฯ (an abbreviation, "กรุงเทพฯ วันนี้") ends nothing
_REPEAT_OR_SHORT = "\u0e2f\u0e46\u0eaf\u0ec6"
_ANY = re.compile(f"[{_LETTERS}][ \u00a0]+[{_LETTERS}]")
# a space between such letters (or after a closing quotation mark, before them; never after Latin letters or digits),
# or a bracket or quotation mark: a space inside brackets or quotation marks ends no sentence
_EVENT = re.compile(
    f"(?P<gap>(?<=[{_LETTERS}”»])(?<![{_REPEAT_OR_SHORT}])[ \u00a0]+(?=[{_LETTERS}]))|(?P<open>[(“«])|(?P<close>[)”»])")
MIN_CHARS = 30  # a piece shorter than this (characters, marks counted) is no sentence: it joins the one before
# a piece starting with a conjunction ("and", "which", "or", "but", "because", "by") or "said" (a speaker named
# before it) goes on from the one before; one ending with "that" (กล่าวว่า, "said that"), "and" or "or" goes on into
# the next
_JOINS_BEFORE = re.compile(
    "(?:และ|ซึ่ง|หรือ|แต่(?!ง|ละ)|เพราะ|โดย|กล่าว|ແລະ|ຊຶ່ງ|ເຊິ່ງ|ຫຼື|ຫລື|ແຕ່(?!ງ|ລະ)|ເພາະ|ໂດຍ|ກ່າວ)")
_JOINS_AFTER_WORDS = ("ว่า", "และ", "หรือ", "ວ່າ", "ແລະ", "ຫຼື", "ຫລື")
_JOINS_AFTER = re.compile(f"(?:{'|'.join(_JOINS_AFTER_WORDS)})$")
# ... looked for in a piece's last characters only: a growing run of joined pieces searched whole each time was
# quadratic (docs/BENCHMARKS.md, "Long hostile lines")
_JOINS_AFTER_CHARS = max(map(len, _JOINS_AFTER_WORDS)) + 1  # and a newline, before which "$" matches too


def at_spaces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] (one line, or a piece of one) as pieces cut at the spaces between Thai or Lao letters that
    stand outside brackets and quotation marks, then joined where a piece is too short or goes on (``_joined``);
    ``[(start, end)]`` when there is no such space. When the line's brackets and quotation marks do not pair up, they
    are not looked at."""
    if _ANY.search(text, start, end) is None:
        return [(start, end)]
    gaps = _gaps(text, start, end, quoted=True)
    if gaps is None:
        gaps = _gaps(text, start, end, quoted=False) or []
    bounds = [(start, start), *gaps, (end, end)]
    pieces = [(a_end, b_start) for (_, a_end), (b_start, _) in pairwise(bounds)]
    return _joined(text, pieces)


def _gaps(text: str, start: int, end: int, *, quoted: bool) -> list[tuple[int, int]] | None:
    """The spaces a line may be cut at, as (first, after last) offsets; None when ``quoted`` and its brackets and
    quotation marks do not pair up."""
    gaps: list[tuple[int, int]] = []
    depth = 0
    for match in _EVENT.finditer(text, start, end):
        if match.lastgroup == "gap":
            if depth == 0:
                gaps.append(match.span())
        elif quoted:
            depth += 1 if match.lastgroup == "open" else -1
            if depth < 0:
                return None
    return None if depth else gaps


def _joined(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``pieces`` with each joined to the one before when that one cannot end a sentence (it is under MIN_CHARS
    characters or ends in a word that goes on, _JOINS_AFTER) or when it goes on from it: it starts with such a word
    (_JOINS_BEFORE), or it is under MIN_CHARS (a list item, a name, a figure's phrase) and does not end in a word that
    goes on (a short "The mayor said that" starts a sentence)."""
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        if out and (_open(text, *out[-1]) or _goes_on(text, start, end)):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _open(text: str, start: int, end: int) -> bool:
    """A piece that cannot end a sentence: under MIN_CHARS, or ending in a word that goes on."""
    return end - start < MIN_CHARS or _ends_going_on(text, start, end)


def _ends_going_on(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends in a word that goes on into the next piece (_JOINS_AFTER)."""
    return _JOINS_AFTER.search(text, max(start, end - _JOINS_AFTER_CHARS), end) is not None


def _goes_on(text: str, start: int, end: int) -> bool:
    """A piece that goes on from the one before: starting with a conjunction, or short and not "... said that"."""
    if _JOINS_BEFORE.match(text, start, end):
        return True
    return end - start < MIN_CHARS and not _ends_going_on(text, start, end)
