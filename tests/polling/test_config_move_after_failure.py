"""A `[[sources]]` feed that moved for good (301/308) keeps its pending move through a later failed poll: once the
config names the new address, the next start finishes the move (SQLite and PostgreSQL); a store from before schema
v23, whose move was only in the source's note, gets it too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.cli_run_bot import _seed
from bot.config import Config, SourceConfig
from bot.poller import CONFIG_MOVE_NOTE
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.sources import SourceStore
from tests.old_store import upgraded
from tests.pg import fresh_database
from tests.polling.config_moves import config_naming, moved_then_broken
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import FeedServer, Reply

PENDING_MOVES_FROM = 23
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The store the polling harness uses (tests/polling/conftest.py), of both kinds."""
    url = f"sqlite:///{tmp_path}/store.db" if request.param == "sqlite" else await fresh_database(
        "briefbot_test_move_after_failure")
    database = await Database.open(url)
    yield database
    await database.close()


async def test_a_failed_poll_after_the_move_does_not_lose_it(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    old, new = await moved_then_broken(h, server)
    h.clock.advance(timedelta(hours=2))
    assert (await h.poller.poll_due()).failed == 1
    state = await h.pipeline.sources.get(old)
    assert state is not None and state.last_error is not None and "503" in state.last_error  # the failure shown

    h.pipeline.config = config_naming(h, new)  # the operator follows the note, and restarts
    await _seed(App(config=h.pipeline.config, clock=h.clock), h.pipeline.db)
    [moved] = await h.pipeline.sources.list()
    assert (moved.key, moved.articles) == (new, 2)
    assert moved.moved_to is None  # the move is made: nothing pending


async def test_a_good_read_without_the_redirect_drops_the_pending_move(server: FeedServer,
                                                                       make_poller: PollerFactory) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/pier.xml", make_feed("pier", 1))
    old = server.add(0, "pier.rss", make_feed("pier-old", 1))
    server.feed(old).failing = Reply(308, (("Location", new),))
    h.pipeline.config = config_naming(h, old)
    await h.pipeline.sources.configure(old, now=h.clock(), interval_seconds=0)
    await h.poller.poll_due()
    state = await h.pipeline.sources.get(old)
    assert state is not None and state.moved_to == new
    server.feed(old).failing = None  # the site took the redirect back: the old address serves its feed again
    h.clock.advance(timedelta(hours=2))
    await h.poller.poll_due()
    state = await h.pipeline.sources.get(old)
    assert state is not None and (state.moved_to, state.last_error) == (None, None)


@pytest.fixture(params=["sqlite", "postgresql"])
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'v22.db'}"
    return await fresh_database("briefbot_test_move_upgrade")


async def test_an_upgraded_store_keeps_the_move_its_note_recorded(store_url: str) -> None:
    old, new, other = "https://quay.example/rss", "https://quay.example/feed/", "https://pier.example/rss"

    async def fill_v22(store: Database) -> None:
        sources = SourceStore(store)
        for key in (old, other):
            await sources.ensure(key, kind="feed", now=NOW)
        await sources.note(old, CONFIG_MOVE_NOTE.format(new=new))
        await sources.record_failure(other, kind="feed", now=NOW, error=f"{other}: HTTP 500")

    db = await upgraded(store_url, PENDING_MOVES_FROM - 1, fill_v22)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= PENDING_MOVES_FROM
        sources = SourceStore(db)
        assert {s.key: s.moved_to for s in await sources.list()} == {old: new, other: None}
        config = Config(sources=(SourceConfig(url=new), SourceConfig(url=other)))
        await _seed(App(config=config, clock=lambda: NOW), db)
        assert sorted(s.key for s in await sources.list()) == sorted([new, other])
    finally:
        await db.close()
