"""A polling round that ends on a store outage still tries to tell the channels following a source whose health
flipped; when that fails too (the followers cannot be read: the store is gone), a WARNING line says so with the
error, rather than the notices being dropped without a word. The round's own error is raised as it was."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from bot.app import App
from bot.cli_adapters import poll_with_notices
from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.credentials import SourceCredentials
from bot.models import ChannelRef
from bot.pipeline import Pipeline
from bot.store.channels import ChannelDefaults, ChannelStore
from tests.channels.channel_fakes import RecordingAdapter
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import FeedServer

HOLLOW = ChannelRef("console", "hollowmere")


async def test_notices_that_cannot_be_told_after_a_failed_round_are_a_warning_with_the_error(
    server: FeedServer, make_poller: PollerFactory, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    h = await make_poller()
    db = h.pipeline.db
    mill = server.add(0, "hollowmere.xml", make_feed("hollowmere", 2))
    await h.pipeline.sources.ensure(mill, kind="feed", now=h.clock())
    await h.pipeline.sources.update(mill, disabled=True)  # paused after failing: this round it works again
    await ChannelStore(db).ensure(HOLLOW, ChannelDefaults("daily 08:00", "UTC"), now=h.clock())
    await ChannelStore(db).follow(HOLLOW, mill, now=h.clock())

    async def store_gone(self: Pipeline, ids: Sequence[str]) -> None:
        raise OSError(111, "Connect call failed")  # the store went away after the round's writes

    async def followers_gone(self: ChannelStore, source: str) -> list[ChannelRef]:
        raise ConnectionResetError("the store closed the connection mid-read")

    monkeypatch.setattr(Pipeline, "refresh_stories", store_gone)
    monkeypatch.setattr(ChannelStore, "followers", followers_gone)
    adapter = RecordingAdapter()
    config = Config(ingest=IngestConfig(allow_private_networks=True), scheduler=SchedulerConfig(poll_jitter_seconds=0))
    poll = poll_with_notices(
        App(config, clock=h.clock), db, h.pipeline, h.poller.fetcher, {"console": adapter}, SourceCredentials()
    )
    with caplog.at_level(logging.WARNING, logger="bot.cli_adapters"), pytest.raises(OSError, match="Connect call"):
        await poll(h.clock())
    assert adapter.notices == []
    lines = [r for r in caplog.records if r.name == "bot.cli_adapters"]
    assert [r.levelno for r in lines] == [logging.WARNING]
    said = lines[0].getMessage()
    assert "ConnectionResetError" in said and "the store closed the connection mid-read" in said
    assert "1 source notice" in said
