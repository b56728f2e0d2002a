"""A quotation in double marks left open at its paragraph's end, before a paragraph opening with no mark, ends there."""

from __future__ import annotations

import bisect
import re

from bot.nlp.open_paragraphs import bounded
from bot.nlp.quote_marks import MAX_QUOTE_CHARS, single_marks

Chars = tuple[int, int]
_LINE = re.compile(r"[^\n]+")
# a double opening mark: curly, or straight at a line's start or after a space, a colon, a bracket or a dash, before
# a word
_DOUBLE_OPENER = re.compile(r"“(?=\S)|(?:^|(?<=[\s:(\[—–]))\"(?=[^\W_])", re.MULTILINE)
_DOUBLE_MARKS = re.compile(r"[\"“”]")
_OPENING_MARKS = "\"“‘'«„"
_LETTER = re.compile(r"[^\W\d_]")


def with_open_ends(text: str, spans: list[Chars]) -> list[Chars]:
    """``spans`` (quotations found in ``text``) with each quotation in double marks that opens and never closes in
    its paragraph added, from its mark to the paragraph's end (cut before narrative, ``open_paragraphs.bounded``),
    where the next paragraph opens with no quotation mark: a quotation runs on into the next paragraph only when
    that one reopens with a mark (the multi-paragraph convention); otherwise it ended with its own. The last
    paragraph of a text, or a text on one line (paragraphs run together), is left as it was; so is a single mark
    that never closes, as often an apostrophe ("'bot nets", "'orrible", "'s" after a broken line) as a quotation."""
    if "\n" not in text.strip():
        return spans
    _, closes = single_marks(text, possessives=True)  # "the 'referees' at": a plural's possessive may close it
    closers = sorted([m.start() for m in _DOUBLE_MARKS.finditer(text)] + closes)
    starts = [s for s, _ in spans]
    added: list[Chars] = []
    later = opened_next = False  # a paragraph with words follows; it opens with a quotation mark (read from the end)
    for line in reversed(list(_LINE.finditer(text))):
        words = line.group().strip()
        if not words:
            continue
        if later and not opened_next:
            at = _open_mark(text, line.start(), line.end(), spans, starts, closers)
            end = line.start() + len(line.group().rstrip())
            if at is not None and end - at <= MAX_QUOTE_CHARS and _LETTER.search(text, at + 1, end):
                added.append(bounded(text, at, end, [], closed=False)[0])
        later, opened_next = True, words[0] in _OPENING_MARKS
    if not added:
        return spans
    added.sort()
    firsts = [a for a, _ in added]

    def within(s: int, e: int) -> bool:  # a quotation quoted inside an added one
        k = bisect.bisect_right(firsts, s) - 1
        return k >= 0 and e <= added[k][1]

    return sorted([(s, e) for s, e in spans if not within(s, e)] + added)


def _free(spans: list[Chars], starts: list[int], at: int) -> bool:
    """``at`` stands in no quotation of ``spans`` (sorted, not overlapping; ``starts`` their starts)."""
    k = bisect.bisect_right(starts, at) - 1
    return k < 0 or not spans[k][0] <= at < spans[k][1]


def _open_mark(text: str, start: int, end: int, spans: list[Chars], starts: list[int],
               closers: list[int]) -> int | None:
    """The line's (``start`` to ``end``) last mark outside every quotation (``closers``: every double mark, every
    single closer), when it opens a quotation in double marks: every mark after it stands in a quotation of its own
    (``'Before Brando'`` in ``"... two chapters - 'Before Brando'``)."""
    for k in range(bisect.bisect_left(closers, end) - 1, bisect.bisect_left(closers, start) - 1, -1):
        if _free(spans, starts, closers[k]):
            return closers[k] if _DOUBLE_OPENER.match(text, closers[k]) else None
    return None


__all__ = ["with_open_ends"]
