"""The list of teaser pages to ask for again later: what an entry holds, and the in-memory list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

MAX_RETRIES_KEPT = 10_000  # entries beyond this push out the one due longest ago


@dataclass(frozen=True, slots=True)
class PageRetry:
    """An article whose page failed for a reason that may pass: failures so far, and when to ask again."""

    failures: int
    next_at: datetime


class RetryList(Protocol):
    """Where FullText keeps its retries (bot/store/page_retries.py keeps them in the store)."""

    async def get(self, article_ids: Sequence[str]) -> dict[str, PageRetry]:
        """The entries of those of these articles that have one."""
        ...

    async def put(self, article_id: str, retry: PageRetry) -> None:
        """Add or replace an article's entry; past the cap, the entry due longest ago goes."""
        ...

    async def drop(self, article_id: str) -> None:
        """Forget an article (its page was used, failed for good, or ran out of attempts)."""
        ...


class MemoryRetries:
    """A retry list for callers with no store: lost when the process ends."""

    def __init__(self, *, cap: int = MAX_RETRIES_KEPT) -> None:
        if cap < 1:
            raise ValueError(f"cap must be 1 or more, got {cap}")
        self.cap = cap
        self._entries: dict[str, PageRetry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, article_ids: Sequence[str]) -> dict[str, PageRetry]:
        return {i: self._entries[i] for i in article_ids if i in self._entries}

    async def put(self, article_id: str, retry: PageRetry) -> None:
        if article_id not in self._entries and len(self._entries) >= self.cap:
            # due longest ago: most likely an item no feed carries any more (the store evicts the same way)
            del self._entries[min(self._entries, key=lambda i: (self._entries[i].next_at, i))]
        self._entries[article_id] = retry

    async def drop(self, article_id: str) -> None:
        self._entries.pop(article_id, None)
