"""Quotation spans by each language's typography: «…», „…“, »…«, “…”, "…", ‹…›, with marks nested inside."""

from __future__ import annotations

import re

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
