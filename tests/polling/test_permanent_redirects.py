"""A feed that moved for good (301, 308) is read at its new address from then on; a temporary redirect changes
nothing; a configured source keeps its URL, and `sources` and one warning tell the operator to update the file."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from aiohttp import web

from bot.config import Config, IngestConfig, SourceConfig
from bot.ingest.fetch import Fetcher
from bot.store.schema import channel_sources, channels
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


def moved(status: int, to: str) -> Feed:
    return Feed(failing=Reply(status, (("Location", to),)))


async def poll_twice(h: Harness) -> None:
    await h.poller.poll_due()
    h.clock.advance(timedelta(hours=1))
    await h.poller.poll_due()


@pytest.mark.parametrize("status", [301, 308])
async def test_a_permanent_redirect_moves_the_source(status: int, server: FeedServer, make_poller: PollerFactory,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", moved(status, new))
    await h.pipeline.sources.ensure(old, kind="feed", now=h.clock())
    async with h.pipeline.db.begin() as conn:
        # a channel following the old address keeps following the feed
        await conn.execute(channels.insert().values(key="console:desk", schedule="daily 08:00", timezone="UTC",
                                                    created_at=h.clock(), slots_from=h.clock()))
        await conn.execute(channel_sources.insert().values(channel="console:desk", source=old, added_at=h.clock()))

    with caplog.at_level(logging.INFO, logger="bot.poller"):
        first = await h.poller.poll_due()
    assert (first.ok, first.added) == (1, 2)
    keys = [s.key for s in await h.pipeline.sources.list()]
    assert keys == [new]
    state = await h.pipeline.sources.get(new)
    assert state is not None and state.articles == 2 and state.last_error is None
    assert any(old in r.getMessage() and new in r.getMessage() and r.levelno >= logging.INFO for r in caplog.records)
    async with h.pipeline.db.connect() as conn:
        follows = (await conn.execute(channel_sources.select())).all()
    assert [f.source for f in follows] == [new]

    h.clock.advance(timedelta(hours=1))
    again = await h.poller.poll_due()  # the new address directly: the old one is never asked again
    assert again.polled == 1 and again.added == 0
    assert len(server.requests_to(old)) == 1


@pytest.mark.parametrize("status", [302, 303, 307])
async def test_a_temporary_redirect_changes_nothing(status: int, server: FeedServer,
                                                    make_poller: PollerFactory) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", moved(status, new))
    await h.pipeline.sources.ensure(old, kind="feed", now=h.clock())
    await poll_twice(h)
    assert [s.key for s in await h.pipeline.sources.list()] == [old]
    state = await h.pipeline.sources.get(old)
    assert state is not None and state.last_error is None and state.articles == 2


async def test_a_move_onto_an_existing_source_keeps_both(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", moved(301, new))
    for url in (old, new):
        await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    await poll_twice(h)
    assert sorted(s.key for s in await h.pipeline.sources.list()) == sorted([old, new])
    state = await h.pipeline.sources.get(old)
    assert state is not None and state.last_error is not None and f"moved permanently to {new}" in state.last_error


async def test_a_configured_source_is_kept_and_the_operator_told_once(
        server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", moved(308, new))
    config = Config(ingest=h.pipeline.config.ingest, scheduler=h.pipeline.config.scheduler,
                    sources=(SourceConfig(url=old),))
    h.pipeline.config = config
    await h.pipeline.sources.configure(old, now=h.clock(), interval_seconds=0)

    with caplog.at_level(logging.INFO, logger="bot.poller"):
        await poll_twice(h)
    assert [s.key for s in await h.pipeline.sources.list()] == [old]
    assert len(server.requests_to(old)) == 2  # still polled at the configured URL
    state = await h.pipeline.sources.get(old)
    assert state is not None and state.articles == 2 and state.failures == 0
    assert state.last_error is not None and f"moved permanently to {new}" in state.last_error
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and new in r.getMessage()]
    assert len(warnings) == 1 and "config" in warnings[0].getMessage()


async def test_the_fetch_names_where_a_permanent_chain_leads(server: FeedServer) -> None:
    final = server.add(2, "feed.xml", make_feed("harbour", 1))
    middle = server.add(1, "temporary.xml", moved(302, final))
    first = server.add(0, "old.xml", moved(301, middle))
    direct = server.add(0, "direct.xml", make_feed("direct", 1))
    async with Fetcher(IngestConfig(allow_private_networks=True)) as fetcher:
        assert (await fetcher.fetch(first)).moved_to == middle  # up to the first temporary hop
        assert (await fetcher.fetch(middle)).moved_to is None
        assert (await fetcher.fetch(direct)).moved_to is None


async def test_a_feed_moved_onto_a_web_page_is_not_moved(server: FeedServer, make_poller: PollerFactory) -> None:
    async def home(request: web.Request) -> web.StreamResponse:
        return web.Response(text="<html><head><title>Harbour Gazette</title></head><body><article><p>The harbour "
                                 "board met on Monday to discuss the new ferry timetable and the cost of dredging "
                                 "the eastern channel before the summer season begins.</p></article></body></html>",
                            content_type="text/html")

    h = await make_poller()
    new = server.add(1, "welcome", Feed(raw=home))
    old = server.add(0, "harbour.rss", moved(301, new))
    await h.pipeline.sources.ensure(old, kind="feed", now=h.clock())
    await poll_twice(h)
    assert [s.key for s in await h.pipeline.sources.list()] == [old]
