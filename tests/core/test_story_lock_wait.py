"""Another process holding the story lock and stuck (not dead): placing waits a bounded time, then leaves the
articles unplaced for the next refresh, with one warning; nothing lost, nothing placed twice (PostgreSQL)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import Config
from bot.ingest.sources import SourceResult
from bot.pipeline import IngestReport, Pipeline
from bot.store import cluster_lock
from bot.store.cluster_lock import CLUSTER_LOCK_KEY, placing_stories
from bot.store.db import Database, redact_url
from tests import pg
from tests.core.test_revisions_store import FEED, NOW, V1, article
from tests.polling.conftest import LeadSummariser

TINY = 0.05  # seconds: the server's lock_timeout for the waiting side (nothing here sleeps)


@pytest.fixture
async def two_processes() -> AsyncIterator[tuple[Database, Database]]:
    url = await pg.fresh_database("briefbot_test_story_lock_wait")
    first = await Database.open(url)
    second = await Database.open(url)
    yield first, second
    await first.close()
    await second.close()


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


async def test_a_held_story_lock_is_waited_for_a_bounded_time(
    two_processes: tuple[Database, Database], caplog: pytest.LogCaptureFixture,
) -> None:
    stuck, waiting = two_processes
    async with stuck.advisory_lock(CLUSTER_LOCK_KEY) as stuck_holds:  # never released while the other waits
        assert stuck_holds
        with caplog.at_level(logging.WARNING):
            async with placing_stories(waiting, wait=TINY) as held:
                assert not held
    [line] = warnings_of(caplog)
    assert redact_url(waiting.url) in line and "another briefbot process has held the story lock" in line
    async with waiting.connect() as conn:  # the timeout was for that wait only: the pooled connection has none
        assert (await conn.execute(sa.text("SHOW lock_timeout"))).scalar_one() == "0"
    async with placing_stories(waiting, wait=TINY) as held:  # released: taken at once
        assert held
        async with stuck.advisory_lock(CLUSTER_LOCK_KEY, wait=TINY) as other:  # and held, against the other
            assert not other


async def test_articles_wait_unplaced_and_are_placed_once_at_the_next_refresh(
    two_processes: tuple[Database, Database], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    stuck, db = two_processes
    monkeypatch.setattr(cluster_lock, "STORY_LOCK_WAIT_SECONDS", TINY)
    bot = Pipeline(db, Config(), ManualClock(NOW), LeadSummariser())
    report = IngestReport()
    await bot.store_result(SourceResult(FEED, "feed", "Harbour", (article(V1),), ()), report)
    async with stuck.advisory_lock(CLUSTER_LOCK_KEY):
        with caplog.at_level(logging.WARNING):
            assert await bot.refresh_stories(report.new_ids) == set()
    assert len(warnings_of(caplog)) == 1
    async with db.connect() as conn:
        assert (await conn.execute(sa.text("SELECT story_id FROM articles"))).scalars().all() == [None]
        assert (await conn.execute(sa.text("SELECT count(*) FROM stories"))).scalar_one() == 0
    touched = await bot.refresh_stories([])  # the next poll, with nothing new: the unplaced article is placed
    again = await bot.refresh_stories([])
    assert again == set()
    async with db.connect() as conn:
        placed = (await conn.execute(sa.text("SELECT story_id FROM articles"))).scalars().all()
        stories = (await conn.execute(sa.text("SELECT id, size FROM stories"))).all()
    assert len(touched) == 1 and placed == list(touched)
    assert [tuple(row) for row in stories] == [(placed[0], 1)]
