"""``QuoteStore.pages`` reads each candidate once: every wider page starts below the last one read (keyset paging),
and the pages together hold what one search as wide finds. On SQLite and PostgreSQL. Invented articles."""

from __future__ import annotations

from typing import Any

import pytest

from bot.store import quote_pages
from bot.store.db import Database
from bot.store.quotes import MAX_HITS, QuoteStore

from .test_whosaid_paging import _fill


async def test_each_page_reads_only_candidates_older_than_the_last(db: Database,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    await _fill(db)
    strict_read: list[int] = []
    wider_read: list[Any] = []
    matching, story_matching = QuoteStore._matching_ids, quote_pages.story_keys

    async def spy_matching(self: QuoteStore, *args: Any, **kwargs: Any) -> Any:
        found = await matching(self, *args, **kwargs)
        strict_read.extend(found)
        return found

    async def spy_story(*args: Any, **kwargs: Any) -> Any:
        found = await story_matching(*args, **kwargs)
        wider_read.extend(found)
        return found

    monkeypatch.setattr(QuoteStore, "_matching_ids", spy_matching)
    monkeypatch.setattr(quote_pages, "story_keys", spy_story)  # what the pager reads the stories with
    store = QuoteStore(db)
    pages = [page async for page in store.pages("Korsholt", wide=True, most=4 * MAX_HITS)]
    assert len(pages) >= 2  # 253 candidates: more than the first page
    assert len(strict_read) == len(set(strict_read)) == 253  # each read once, none re-read from the newest
    assert 0 < len(wider_read) == len(set(wider_read)) <= 253
    paged = [h.attribution for page in pages for h in page]
    strict_read.clear()
    wider_read.clear()
    assert len(paged) == len(set(paged))
    assert set(paged) == {h.attribution for h in await store.search("Korsholt", wide=True, limit=4 * MAX_HITS)}
