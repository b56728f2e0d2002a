"""Teaser pages to ask for again, kept in the store: migration v9 from a v8 store, the cap, and retention."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.ingest.retries import MemoryRetries, PageRetry, RetryList
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.page_retries import PageRetryStore
from bot.store.retention import PruneReport, prune
from tests import pg
from tests.core.retention_store import BEFORE, NOW, OLD, RECENT, make_article
from tests.old_store import upgraded as upgraded_store

OLD_TEXT = "The harbour ferry timetable changed for the winter. Boats leave every forty minutes."
RECENT_TEXT = "The town museum opened a room of old maps. Entry is free on Sundays."


@pytest.fixture(params=["sqlite", "postgresql"])
async def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A store created as it was at schema version 8 (with an article in it), then opened by this code."""
    url = (f"sqlite:///{tmp_path / 'retries.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_page_retries"))
    database = await upgraded_store(url, 8, lambda old: ArticleStore(old).save(
        make_article("ferry", OLD_TEXT, published=OLD), now=OLD))
    yield database
    await database.close()


async def test_a_v8_store_is_upgraded_and_keeps_retries_across_reopening(upgraded: Database) -> None:
    assert await upgraded.schema_version() == len(MIGRATIONS) >= 10  # today's, which has page_retries
    ferry = make_article("ferry", OLD_TEXT, published=OLD).id
    assert await ArticleStore(upgraded).get(ferry) is not None  # the v8 store's article is still there
    retries = PageRetryStore(upgraded)
    await retries.put(ferry, PageRetry(1, NOW + timedelta(minutes=30)))
    await retries.put(ferry, PageRetry(2, NOW + timedelta(hours=2)))  # replaced, not added
    await retries.put("never-stored", PageRetry(1, NOW))
    reopened = await Database.open(upgraded.url)
    try:
        assert await reopened.migrate() == len(MIGRATIONS)  # nothing re-applied
        again = PageRetryStore(reopened)
        assert await again.get([ferry, "never-stored", "unknown"]) == {
            ferry: PageRetry(2, NOW + timedelta(hours=2)), "never-stored": PageRetry(1, NOW)}
        await again.drop("never-stored")
        assert await again.count() == 1
    finally:
        await reopened.close()


async def test_past_the_cap_the_entry_due_longest_ago_goes(upgraded: Database) -> None:
    await _fill_past_the_cap(PageRetryStore(upgraded, cap=3))
    with pytest.raises(ValueError, match="cap must be 1 or more"):
        PageRetryStore(upgraded, cap=0)


async def test_the_in_memory_list_has_the_same_cap() -> None:
    await _fill_past_the_cap(MemoryRetries(cap=3))
    with pytest.raises(ValueError, match="cap must be 1 or more"):
        MemoryRetries(cap=0)


async def _fill_past_the_cap(retries: RetryList) -> None:
    for n, hours in enumerate((5, 1, 3)):
        await retries.put(f"a{n}", PageRetry(1, NOW + timedelta(hours=hours)))
    await retries.put("a0", PageRetry(2, NOW + timedelta(hours=8)))  # at the cap, but not a new entry
    assert set(await retries.get(["a0", "a1", "a2"])) == {"a0", "a1", "a2"}
    await retries.put("a3", PageRetry(1, NOW + timedelta(hours=2)))
    assert set(await retries.get(["a0", "a1", "a2", "a3"])) == {"a0", "a2", "a3"}  # a1 was due first


async def test_retention_removes_retries_with_their_articles_and_stale_orphans(upgraded: Database) -> None:
    articles = ArticleStore(upgraded)
    old = make_article("ferry", OLD_TEXT, published=OLD)  # stored at OLD by the fixture: pruned
    recent = make_article("museum", RECENT_TEXT, published=RECENT)
    await articles.save(recent, now=RECENT)
    retries = PageRetryStore(upgraded)
    await retries.put(old.id, PageRetry(3, OLD + timedelta(hours=8)))
    await retries.put(recent.id, PageRetry(1, RECENT + timedelta(minutes=30)))
    await retries.put("orphan-stale", PageRetry(1, BEFORE - timedelta(days=1)))  # its item was never stored
    await retries.put("orphan-fresh", PageRetry(1, NOW))  # written just before its item is stored, say

    dry = await prune(upgraded, before=BEFORE, dry_run=True)
    assert await retries.count() == 4
    report = await prune(upgraded, before=BEFORE)

    assert report == dry == PruneReport(articles=1, sentences=len(old.sentences), page_retries=2)
    assert set(await retries.get([old.id, recent.id, "orphan-stale", "orphan-fresh"])) == {
        recent.id, "orphan-fresh"}
    assert await prune(upgraded, before=BEFORE) == PruneReport()
