"""Character-span helpers for the reported-speech rules: trimming content, joining spans, finding a quotation."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

_TRIM = " \t\n\u00a0\u202f,;:—–-"


def quote_opens_at(quote_starts: list[int], at: int) -> bool:
    """A quotation opens at character ``at``."""
    n = bisect.bisect_left(quote_starts, at)
    return n < len(quote_starts) and quote_starts[n] == at


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the spaces, commas and dashes around it, nor the final full stop (as English content); a closing
    "..." stays, as "…" does: the source cut the text there."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        if text[end - 1] == "." and end - 3 >= start and text[end - 3:end] == "...":
            break
        end -= 1
    return start, end


def merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans sorted, those that overlap joined into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class SpanSet:
    """Character spans, sorted, that answer "does any overlap [a, b)?" by looking only near b, however many."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end)."""
        lo = bisect.bisect_left(self.spans, (start - self.longest, -1))
        hi = bisect.bisect_left(self.spans, (end, -1))
        return any(start < e for s, e in self.spans[lo:hi] if s < end)

    def holds(self, at: int) -> bool:
        """Some span holds character ``at``."""
        return self.overlaps(at, at + 1)
