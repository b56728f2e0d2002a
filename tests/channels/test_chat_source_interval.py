"""A feed followed in chat (`sources add`) has no interval of its own: it is polled every ``[scheduler]
poll_interval`` as the config says it now (docs/DEPLOY.md), not as it said on the day the feed was added."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.fetch import Fetcher
from bot.models import ChannelRef
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.first_sentence import FirstSentence
from tests.ingest.ingest_server import FEED, serving

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CHAN = ChannelRef("slack", "C0789")
INGEST = IngestConfig(allow_private_networks=True, timeout_seconds=2.0)


@pytest.fixture
async def base() -> AsyncIterator[str]:
    async def feed(_request: web.Request) -> web.Response:
        return web.Response(body=FEED, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    async with serving(app) as port:
        yield f"http://127.0.0.1:{port}"


async def test_a_feed_added_in_chat_follows_a_later_poll_interval(db: Database, config: Config, base: str) -> None:
    then = replace(config, ingest=INGEST, scheduler=replace(config.scheduler, poll_interval="30m"))
    async with Fetcher(INGEST) as fetcher:
        deps = CommandDeps(then, db, ManualClock(NOW), probe=fetcher.fetch)
        dispatcher = build_dispatcher(deps)
        reply = await dispatcher(dispatcher.from_text(f"sources add {base}/feed.xml", user="U1", channel=CHAN,
                                                      can_manage=True, now=NOW))
        assert reply.text.startswith(f"Following {base}/feed.xml; it is polled every 30m"), reply.text
        now = replace(then, scheduler=SchedulerConfig(poll_interval="10m"))  # the operator edits the config
        sources = SourceStore(db)
        poller = Poller(Pipeline(db, now, ManualClock(NOW), FirstSentence()), fetcher, sources, now.scheduler,
                        ManualClock(NOW))
        state = await sources.get(f"{base}/feed.xml")
    assert state is not None
    assert poller.timing(state).interval == timedelta(minutes=10)
