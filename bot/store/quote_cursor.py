"""Where a paged quote search has read to (``QuoteStore.pages``): keyset positions in both of its candidate orders."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where ``QuoteStore.pages`` has read to: below this attribution id of those holding every term, and past
    this (article time rank, minus attribution id) of the stories' others; ``*_done``: none of them left."""

    below: int | None = None
    strict_done: bool = False
    after: tuple[int, int] | None = None
    wider_done: bool = False
    # every article the topic matches -> the rank of its time, read once for all pages (None: a single search)
    ranks: dict[str, int] | None = field(default=None, compare=False)

    @property
    def done(self) -> bool:
        return self.strict_done and self.wider_done
