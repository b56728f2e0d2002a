"""A `[[sources]]` feed that moved for good, its url then changed in the config to the new address: at the next start
the old source becomes the new one (articles and followers with it) and the old address is no longer polled."""

from __future__ import annotations

from datetime import timedelta

from bot.app import App
from bot.cli_run_bot import _seed
from bot.config import Config, SourceConfig
from bot.store.schema import channel_sources, channels
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


def _config(h: Harness, url: str) -> Config:
    return Config(ingest=h.pipeline.config.ingest, scheduler=h.pipeline.config.scheduler,
                  sources=(SourceConfig(url=url),))


async def test_the_config_updated_to_the_new_address_completes_the_move(server: FeedServer,
                                                                         make_poller: PollerFactory) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", Feed(failing=Reply(301, (("Location", new),))))
    h.pipeline.config = _config(h, old)
    await h.pipeline.sources.configure(old, now=h.clock(), interval_seconds=0)
    async with h.pipeline.db.begin() as conn:
        await conn.execute(channels.insert().values(key="console:desk", schedule="daily 08:00", timezone="UTC",
                                                    created_at=h.clock(), slots_from=h.clock()))
        await conn.execute(channel_sources.insert().values(channel="console:desk", source=old, added_at=h.clock()))
    await h.poller.poll_due()
    state = await h.pipeline.sources.get(old)
    assert state is not None and state.last_error is not None and "update its url" in state.last_error

    h.pipeline.config = _config(h, new)  # the operator follows the note, and restarts
    await _seed(App(config=h.pipeline.config, clock=h.clock), h.pipeline.db)
    [moved] = await h.pipeline.sources.list()
    assert (moved.key, moved.articles, moved.last_error) == (new, 2, None)
    async with h.pipeline.db.connect() as conn:
        assert [r.source for r in (await conn.execute(channel_sources.select())).all()] == [new]
    asked = len(server.requests_to(old))
    h.clock.advance(timedelta(hours=1))
    await h.poller.poll_due()
    assert len(server.requests_to(old)) == asked  # the old address is no longer polled


async def test_the_old_address_stops_being_polled_when_the_new_one_is_a_source_already(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", Feed(failing=Reply(301, (("Location", new),))))
    h.pipeline.config = _config(h, old)
    await h.pipeline.sources.configure(old, now=h.clock(), interval_seconds=0)
    await h.poller.poll_due()
    await h.pipeline.sources.ensure(new, kind="feed", now=h.clock())  # `briefbot ingest` of the new address

    h.pipeline.config = _config(h, new)
    await _seed(App(config=h.pipeline.config, clock=h.clock), h.pipeline.db)
    assert [s.key for s in await h.pipeline.sources.list()] == [new]
