"""Quotation spans by each language's typography: «…», „…“, »…«, “…”, "…", ‹…›, with marks nested inside; and
British single marks ('…', ‘…’) told apart from apostrophes."""

from __future__ import annotations

import bisect
import itertools
import re

from bot.nlp.open_paragraphs import bounded, is_reopening

MAX_QUOTE_CHARS = 3000  # a longer "quotation" is a stray mark, not speech
_LINE = re.compile(r"[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")
# opener -> the marks that close it; German „…“ closes with the mark English opens with
_COMMON = {"«": "»", "“": "”", "‹": "›", "„": "“”"}
_GERMAN_REVERSED = {"»": "«", "›": "‹", "„": "“”", "“": "”"}  # German »…« and ›…‹
_STRAIGHT = '"'
_MARKS = frozenset("«»„“”‹›\"")
MAX_DEPTH = 8  # quotations nested deeper than this are not told apart (a page of stray marks costs no more)


def _openers(language: str, line: str) -> dict[str, str]:
    """German writes »…« as often as «…»: the first guillemet of the paragraph tells which."""
    if language == "de":
        first = next((ch for ch in line if ch in "«»‹›"), "")
        if first and first in "»›":
            return _GERMAN_REVERSED
    return _COMMON


def quotations(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans of the outermost quotations of ``text`` (marks included), none across a line break.

    Marks nest (« il a dit “non” », « … « … » … »); a mark that closes an outer quotation also closes any inner
    one left open; a quotation still open at the end of its line, or longer than MAX_QUOTE_CHARS, is dropped."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        openers = _openers(language, line.group())
        stack: list[tuple[str, int]] = []  # (marks that close it, where it opened)
        for i in range(line.start(), line.end()):
            ch = text[i]
            if ch not in _MARKS:
                continue
            depth = _open_at(stack, ch)
            if depth is not None:
                _close(text, stack, depth, i, out)
            elif (ch in openers or ch == _STRAIGHT) and len(stack) < MAX_DEPTH:
                stack.append((openers.get(ch, _STRAIGHT), i))
    return out


def _open_at(stack: list[tuple[str, int]], mark: str) -> int | None:
    """The innermost open quotation this mark closes (at most MAX_DEPTH looked at: bounded time)."""
    for depth in range(len(stack) - 1, -1, -1):
        if mark in stack[depth][0]:
            return depth
    return None


def _close(text: str, stack: list[tuple[str, int]], depth: int, at: int, out: list[tuple[int, int]]) -> None:
    start = stack[depth][1]
    del stack[depth:]
    if depth == 0 and at + 1 - start <= MAX_QUOTE_CHARS and _LETTER.search(text, start, at):
        out.append((start, at + 1))


# British single quotation marks. An opener stands at a paragraph's start or after a space, a colon, a bracket, a
# dash or a double mark, before a word; a closer stands after a word or punctuation, before a space, punctuation
# or the line's end. Apostrophes never pair: inside a word (don't, o'clock, Ma'am), eliding ('90s, 'em, 'til,
# rock 'n' roll), or a plural's possessive before the noun it owns (the Lindqvists' boat).
_SINGLE_OPEN = "'‘"
_SINGLE_CLOSE = "'’"
_OPENER = re.compile(r"(?:^|(?<=[\s:(\[—–\"“]))['‘](?=[\"“]?[^\W_])", re.MULTILINE)
_CLOSER = re.compile(r"(?<=[^\s'‘’])['’](?=[\s,.;:!?)\]—–\"”]|$)", re.MULTILINE)
_ELIDED = re.compile(
    r"['‘’](?:\d0s|\d\ds?\b|n['’]|em\b|til\b|tis\b|twas\b|cause\b|cos\b|bout\b|round\b|ere\b|ello\b)",
    re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=[^\W\d_]s)['’](?= [^\W\d_])")  # "the Lindqvists' boat", not "... yes' he said"


def single_marks(text: str, *, possessives: bool = False) -> tuple[list[int], list[int]]:
    """Where single marks open and close quotations in ``text`` (apostrophes left out; a plural's possessive
    mark, which may close a quotation too, among the closers with ``possessives``)."""
    elided = {m.start() for m in _ELIDED.finditer(text)} | {m.end() - 1 for m in _ELIDED.finditer(text)
                                                             if m.group()[-1] in _SINGLE_CLOSE}
    possessive = set() if possessives else {m.start() for m in _POSSESSIVE.finditer(text)}
    opens = [m.start() for m in _OPENER.finditer(text) if m.start() not in elided]
    closes = [m.start() for m in _CLOSER.finditer(text) if m.start() not in elided and m.start() not in possessive]
    return opens, closes


def single_quotations(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in single marks (marks included), none across a line break: each opener
    pairs with the first closer after it that holds a letter; apostrophes are neither. A quotation whose paragraphs
    reopen on one line stops where narrative comes between them (``open_paragraphs.bounded``)."""
    opens, closes = single_marks(text)
    out: list[tuple[int, int]] = []
    j = 0
    last_end = 0
    for start in opens:
        if start < last_end:
            continue  # an opener inside a quotation already paired: a nested one, or an apostrophe
        while j < len(closes) and closes[j] <= start:
            j += 1
        if j == len(closes):
            break
        end = closes[j] + 1
        if (end - start > MAX_QUOTE_CHARS or text.find("\n", start, end) >= 0
                or not _LETTER.search(text, start + 1, end - 1)):
            continue
        inner = opens[bisect.bisect_right(opens, start):bisect.bisect_left(opens, end)]  # sorted: no scan of all
        reopenings = [o for o in inner if is_reopening(text, o)]
        closed = len(reopenings) == len(inner)  # else the closer is a quotation's opened inside: this one never closes
        spans = bounded(text, start, end, reopenings, inner, closed=closed)
        out.extend(spans)
        last_end = spans[-1][1]
    return out


def with_single_quotes(text: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``doubles`` (quotations in double marks) with the single-marked quotations of ``text`` added, outermost
    only: a quotation nested in another of the other kind is no quotation of its own."""
    if not any(mark in text for mark in _SINGLE_OPEN) and "’" not in text:
        return doubles
    singles = single_quotations(text)
    if not singles:
        return doubles
    around = _Reach(singles)
    inside = {(s, e) for s, e in doubles if around.reaches(s, e)}  # a single one opens before it and closes after
    kept = [(s, e) for s, e in doubles if (s, e) not in inside]
    overlapping = _Reach(kept)
    return sorted(kept + [(s, e) for s, e in singles if not overlapping.reaches(e, s)])


class _Reach:
    """Spans in order of their starts with the furthest end of each first few: whether one opens before a point
    and ends after another, in log time (every pair of a page of marks compared was quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.furthest = list(itertools.accumulate((e for _, e in ordered), max))

    def reaches(self, before: int, after: int) -> bool:
        """Some span starts before ``before`` and ends after ``after``."""
        k = bisect.bisect_left(self.starts, before)
        return k > 0 and self.furthest[k - 1] > after
