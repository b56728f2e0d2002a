"""Sentence ends that syntok misses: a full stop and a quotation mark with no space before the next sentence's capital
letter (``he said.'But ...``, ``ended.”Officials ...``, common where paragraphs were joined). A closing quotation mark
stays with the sentence it closes, an opening one goes with the sentence it opens. A line without such a join is left
whole, so other text is split exactly as before."""

from __future__ import annotations

import re
from itertools import pairwise

_QUOTES = "'\"‘’“”"
_ANY = re.compile(f"[.!?][{_QUOTES}]+")
# events of one line, in order: a join (a sentence end after a letter, digit, "%" or closing bracket, and quotation
# marks), or a straight double or single quotation mark elsewhere (their pairing tells opening from closing)
_EVENT = re.compile(f"(?P<join>(?:(?<=[^\\W_])|(?<=[%)\\]]))[.!?]+[{_QUOTES}]+)|(?P<dq>\")|(?P<sq>')")
# a word before a lone full stop that makes it an abbreviation, not a sentence end ("Gov.'Harris", "Co.'s")
ABBREVIATIONS = frozenset((
    "Mr", "Mrs", "Ms", "Mssrs", "Messrs", "Dr", "Drs", "Prof", "St", "Jr", "Sr", "Co", "Corp", "Inc", "Ltd", "Bros",
    "No", "Nos", "Mt", "Ft", "vs", "etc", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Gov", "Govs", "Rep", "Reps", "Sen", "Sens", "Lt", "Gen", "Col", "Capt", "Cmdr", "Adm", "Maj", "Sgt", "Cpl", "Pvt",
    "Rev", "Hon", "Atty", "Supt", "Det", "Insp", "Amb", "Pres", "Sec", "Gens", "Msgr",
))
_WORD_CHARS = 30  # how far back the word before a full stop is read
_WORD_STOP = frozenset(f" \t\u00a0{_QUOTES}([{{")
_OPENS_AFTER = frozenset("([{“‘—–-/")  # a straight single quotation mark after these (or a space) opens a quote


def at_quote_stops(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] (one line) as pieces, cut at each join of a sentence end, quotation marks and a capital
    letter; ``[(start, end)]`` when the line has none."""
    if _ANY.search(text, start, end) is None:
        return [(start, end)]
    cuts: list[int] = []
    double_open = single_open = False
    for match in _EVENT.finditer(text, start, end):
        if match.lastgroup == "dq":
            double_open = not double_open
        elif match.lastgroup == "sq":
            single_open = _single(text, match.start(), start, end, single_open=single_open)
        else:
            stops_end = match.start() + len(match.group().rstrip(_QUOTES))
            ends = _ends_sentence(text, match.start(), stops_end, match.end(), start, end)
            cut = match.end()
            for i in range(stops_end, match.end()):
                opening = _opening(text[i], double_open=double_open, single_open=single_open, ends=ends)
                if opening and cut == match.end():
                    cut = i
                if text[i] == '"':
                    double_open = not double_open
                elif text[i] == "'":
                    single_open = opening
            if ends and cut > start:
                cuts.append(cut)
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in pairwise(bounds) if b > a and text[a:b].strip()]


def _opening(char: str, *, double_open: bool, single_open: bool, ends: bool) -> bool:
    """Whether a quotation mark right after a sentence end opens a quote (the next sentence's)."""
    if char in "“‘":
        return True
    if char in "”’":
        return False
    if char == '"':
        return not double_open
    # a straight single one closes an open quote; else, before a new sentence it opens one, and before anything else
    # ("Co.'s") it is an apostrophe that leaves the quotes as they are
    return not single_open and ends


def _single(text: str, i: int, start: int, end: int, *, single_open: bool) -> bool:
    """Whether a single quotation mark is open after the straight one at ``i`` (not right after a sentence end)."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before.isalnum() and after.isalnum():
        return single_open  # an apostrophe: "don't", "council's"
    # after a space or an opening mark it opens a quote; after a word it closes one, or is an apostrophe ("the
    # Joneses'") that closes nothing
    return before.isspace() or before in _OPENS_AFTER


def _ends_sentence(text: str, stops: int, stops_end: int, quotes_end: int, start: int, end: int) -> bool:
    """Whether the sentence-end marks at text[stops:stops_end] and the quotation marks after them end a sentence:
    a capital letter follows at once, and a lone full stop does not end an abbreviation ("U.S.", "Gov.", "A.")."""
    if quotes_end >= end or not text[quotes_end].isupper():
        return False
    if text[stops:stops_end] != ".":
        return True
    i = stops
    while i > max(start, stops - _WORD_CHARS) and text[i - 1] not in _WORD_STOP:
        i -= 1
    word = text[i:stops]
    return not ("." in word or len(word) == 1 or word in ABBREVIATIONS)
