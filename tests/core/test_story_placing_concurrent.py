"""Two processes placing articles of one event at once (an `ingest` beside `briefbot run` on PostgreSQL): one story."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import Config
from bot.ingest.sources import SourceResult
from bot.pipeline import IngestReport, Pipeline
from bot.store.db import Database
from tests import pg
from tests.core.test_revisions_store import FEED, NOW, V1, article
from tests.polling.conftest import LeadSummariser

RETOLD = V1.replace("Eleven people were injured", "Eleven people were hurt")


@pytest.fixture
async def two_processes() -> AsyncIterator[tuple[Database, Database]]:
    url = await pg.fresh_database("briefbot_test_story_placing")
    first = await Database.open(url)
    second = await Database.open(url)
    yield first, second
    await first.close()
    await second.close()


async def test_an_article_stored_while_another_process_clusters_joins_its_story(
    two_processes: tuple[Database, Database],
) -> None:
    first, second = two_processes
    bot = Pipeline(first, Config(), ManualClock(NOW), LeadSummariser())
    cli = Pipeline(second, Config(), ManualClock(NOW), LeadSummariser())
    polled = IngestReport()
    retold = article(RETOLD, key="crane-b", title="Morrow harbour crane collapse injures eleven")
    await bot.store_result(SourceResult(FEED, "feed", "Harbour", (retold,), ()), polled)
    placing, go = asyncio.Event(), asyncio.Event()
    place = bot.stories.place

    async def held_place(*args: Any) -> None:  # the bot has read the stories and clustered: it is about to place
        placing.set()
        await go.wait()
        await place(*args)

    bot.stories.place = held_place  # type: ignore[method-assign,assignment]
    polling = asyncio.create_task(bot.refresh_stories(polled.new_ids))
    await placing.wait()

    async def ingest() -> None:
        report = IngestReport()
        # the feed as the ingest reads it lists both reports (a report gone from the feed, its words nearly the
        # new one's, would be read as that report moved to a new link: bot/store/relinked.py)
        read = (retold, article(V1, key="crane-a"))
        await cli.store_result(SourceResult(FEED, "feed", "Harbour", read, ()), report)
        await cli.refresh_stories(report.new_ids)

    ingesting = asyncio.create_task(ingest())
    async with first.connect() as conn:  # the bot places once the ingest has finished, or waits for the bot
        while not ingesting.done():
            waiting = (
                await conn.execute(
                    sa.text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock'"
                    )
                )
            ).scalar_one()
            await conn.commit()
            if waiting:
                break
    go.set()
    await asyncio.gather(polling, ingesting)
    async with first.connect() as conn:
        stories = (await conn.execute(sa.text("SELECT id, size FROM stories"))).all()
        placed = (await conn.execute(sa.text("SELECT DISTINCT story_id FROM articles"))).scalars().all()
    assert len(placed) == 1
    assert [tuple(row) for row in stories] == [(placed[0], 2)]
