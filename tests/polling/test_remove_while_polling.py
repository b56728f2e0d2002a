"""`briefbot sources remove URL` while `briefbot run` polls that URL, on SQLite and PostgreSQL: the poll that finishes
after the removal does not add the source back (its row, health and schedule stay gone); what it read is dropped,
and articles a poll was already writing when the removal came stay, as the source's earlier articles do."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.app import App
from bot.cli_sources import remove_source
from bot.config import Config, SourceConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.sources import SourceResult
from bot.models import Article
from bot.store.articles import SaveResult
from bot.store.db import Database
from bot.store.schema import articles, sources
from tests.pg import fresh_database
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The store the polling harness uses (tests/polling/conftest.py), of both kinds."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/store.db"
    else:
        url = await fresh_database("briefbot_test_remove_polling")
    database = await Database.open(url)
    yield database
    await database.close()


async def _remove(h: Harness, url: str) -> int:
    """`briefbot sources remove URL` on the harness's store, with the config the bot runs with."""
    return await remove_source(url, App(config=h.pipeline.config, db_url=h.pipeline.db.url, _db=h.pipeline.db))


def _removed_while_fetching(h: Harness, url: str, codes: list[int]) -> None:
    """The removal lands after the poll read the feed and before it stores anything."""
    complete = h.pipeline.complete

    async def read_then_removed(result: SourceResult, fetcher: Fetcher | None, auth: Any = None) -> SourceResult:
        done = await complete(result, fetcher, auth)
        codes.append(await _remove(h, url))
        return done

    h.pipeline.complete = read_then_removed  # type: ignore[method-assign]


async def _rows(db: Database) -> tuple[list[str], int]:
    async with db.connect() as conn:
        keys = [str(k) for k in (await conn.execute(sa.select(sources.c.key))).scalars()]
        stored = int((await conn.execute(sa.select(sa.func.count()).select_from(articles))).scalar() or 0)
    return keys, stored


async def test_a_poll_finishing_after_the_removal_does_not_add_the_source_back(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "quay.xml", make_feed("quay", 3))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())  # as `briefbot ingest URL` or chat add it
    codes: list[int] = []
    _removed_while_fetching(h, url, codes)

    done = await h.poller.poll_due()

    assert codes == [0]
    assert await _rows(h.pipeline.db) == ([], 0)  # the removal holds; what the poll read is dropped
    assert await h.pipeline.sources.get(url) is None
    assert (done.polled, done.ok, done.failed, done.added) == (1, 0, 0, 0)
    del h.pipeline.complete  # reads as before from here on
    again = await h.poller.poll_due()
    assert again.polled == 0 and len(server.requests_to(url)) == 1  # never polled again


async def test_a_failing_poll_finishing_after_the_removal_does_not_add_it_back(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "gone.xml", Feed(failing=Reply(500)))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    codes: list[int] = []
    _removed_while_fetching(h, url, codes)

    done = await h.poller.poll_due()

    assert codes == [0] and done.polled == 1
    assert await _rows(h.pipeline.db) == ([], 0)


async def test_articles_being_written_when_the_removal_lands_stay_and_the_source_stays_gone(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "pier.xml", make_feed("pier", 2))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    save_many = h.pipeline.articles.save_many
    codes: list[int] = []

    async def saved_then_removed(
        batch: Sequence[Article], *, now: datetime, committed: Any = None, count_for: str | None = None
    ) -> list[SaveResult]:
        saved = await save_many(batch, now=now, committed=committed, count_for=count_for)
        codes.append(await _remove(h, url))
        return saved

    h.pipeline.articles.save_many = saved_then_removed  # type: ignore[method-assign]

    await h.poller.poll_due()

    assert codes == [0]
    assert await _rows(h.pipeline.db) == ([], 2)  # stored before the removal: kept, as `sources remove` keeps them


async def test_a_config_source_is_refused_and_its_poll_records_as_before(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "harbour.xml", make_feed("harbour", 2))
    h.pipeline.config = Config(ingest=h.pipeline.config.ingest, scheduler=h.pipeline.config.scheduler,
                               sources=(SourceConfig(url=url),))
    await h.pipeline.sources.configure(url, now=h.clock(), interval_seconds=0)
    codes: list[int] = []
    _removed_while_fetching(h, url, codes)

    done = await h.poller.poll_due()

    assert codes == [2]  # a [[sources]] entry is removed from the config, never by `sources remove`
    assert done.ok == 1 and await _rows(h.pipeline.db) == ([url], 2)
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.articles == 2 and state.next_poll_at is not None

