"""Quotation spans in a text: double marks (curly or straight, paragraphs reopened on one line), single marks and
quotations left open at a paragraph's end, paired in linear time."""

from __future__ import annotations

import bisect
import re

from bot.nlp.open_ends import with_open_ends
from bot.nlp.open_paragraphs import bounded, is_reopening, trimmed_end
from bot.nlp.quote_marks import with_single_quotes

# A quotation within one paragraph (multi-sentence is fine): curly or straight marks, mixed pairs too.
_QUOTE = re.compile(r"[“\"][^“”\"\n]{1,3000}[”\"]|''[^\n]{1,3000}?''|``[^\n]{1,3000}?''")
# a paragraph opened in curly marks left open, up to the next paragraph's opening mark on the same line
_OPEN_CURLY = re.compile(r"“[^“”\"\n]{1,3000}(?=“)")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included (British single marks too: bot/nlp/quote_marks.py; one left
    open at its paragraph's end: bot/nlp/open_ends.py)."""
    return with_open_ends(text, with_single_quotes(text, _double_quotes(text)))


def _double_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations in double marks; a mark that reopens the next paragraph on the same line (``... work. "Nothing``,
    ``“... work. “Nothing``) closes nothing: the quotation runs on through it, bounded before narrative
    (``bounded``)."""
    out: list[tuple[int, int]] = []
    pos = 0
    marks = _Marks(text)
    while (span := marks.next_quotation(pos)) is not None:
        start, end = span
        reopens: list[int] = []
        while (at := _reopening(text, end)) is not None:
            more = _QUOTE.match(text, at) or _OPEN_CURLY.match(text, at)
            if more is None:
                break  # the last paragraph never closes: the spans before it stand, open
            reopens.append(at)
            end = more.end()
        if (at := _reopening(text, end)) is not None:
            out.extend(bounded(text, start, trimmed_end(text, at), reopens)[:-1] if reopens else [])
        else:
            spans = bounded(text, start, end, reopens, closed=not _opens_at(text, end - 1))
            out.extend(spans)
            end = max(spans[-1][1], start + 1)
        pos = end
    return out


def _opens_at(text: str, at: int) -> bool:
    """The straight mark at ``at`` opens a quotation (``the "storm" was``), after a space and before a letter: the
    quotation it seemed to close never closed."""
    return text[at] == '"' and text[at - 1 : at] == " " and text[at + 1 : at + 2].isalpha()


class _Marks:
    """A text's double marks, each pattern read over it once: searched again from every quotation's end, a page of
    marks that never close was read once a quotation (quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # a match stands on its own opening mark alone, so those from any point on are these from that point on
        self.curly = [m.span() for m in _OPEN_CURLY.finditer(text)]
        self.curly_starts = [s for s, _ in self.curly]
        self.searched = len(text) + 1  # where _QUOTE was last searched from, and what it found there
        self.closed: tuple[int, int] | None = None

    def next_quotation(self, pos: int) -> tuple[int, int] | None:
        """The next quotation closed in its paragraph, or the next paragraph opened in curly marks and left open
        before the next one's opening mark (``“We need the work. “Nothing``), whichever starts first."""
        if pos < self.searched or (self.closed is not None and self.closed[0] < pos):
            m = _QUOTE.search(self.text, pos)  # else the last search's match is still the first from ``pos``
            self.searched, self.closed = pos, m.span() if m is not None else None
        closed = self.closed
        for k in range(bisect.bisect_left(self.curly_starts, pos), len(self.curly)):
            o = self.curly[k]
            if closed is not None and o[0] >= closed[0]:
                break
            if is_reopening(self.text, o[1]):
                return o
        return closed


def _reopening(text: str, end: int) -> int | None:
    """The mark that opens the next paragraph of the quotation ending at ``end``: its own straight closing mark, or
    the curly mark after an open paragraph; None when it ends there."""
    if text[end - 1] == '"' and is_reopening(text, end - 1):
        return end - 1
    if text[end:end + 1] == "“" and text[end - 1] != "”" and is_reopening(text, end):
        return end
    return None
