"""A source's failure or recovery notice that cannot be sent to one following channel is a WARNING line naming
that channel and the error (it was dropped without a word); the other followers are still told."""

from __future__ import annotations

import logging

import pytest

from bot.app import App
from bot.cli_adapters import poll_with_notices
from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.credentials import SourceCredentials
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from tests.channels.channel_fakes import RecordingAdapter
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import FeedServer

ALDER = ChannelRef("console", "alderbrook")
WREN = ChannelRef("console", "wrenfield")


class RefusingAlder(RecordingAdapter):
    async def notify(self, channel: ChannelRef, text: str) -> None:
        if channel == ALDER:
            raise RuntimeError("the Alderbrook room was archived")
        await super().notify(channel, text)


async def test_a_notice_that_cannot_be_sent_is_a_warning_naming_the_channel_and_the_error(
    server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    h = await make_poller()
    db = h.pipeline.db
    mill = server.add(0, "millrace.xml", make_feed("millrace", 2))
    await h.pipeline.sources.ensure(mill, kind="feed", now=h.clock())
    await h.pipeline.sources.update(mill, disabled=True)  # paused after failing: this round it works again
    for ref in (ALDER, WREN):
        await ChannelStore(db).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=h.clock())
        await ChannelStore(db).follow(ref, mill, now=h.clock())
    adapter = RefusingAlder()
    config = Config(ingest=IngestConfig(allow_private_networks=True), scheduler=SchedulerConfig(poll_jitter_seconds=0))
    poll = poll_with_notices(
        App(config, clock=h.clock), db, h.pipeline, h.poller.fetcher, {"console": adapter}, SourceCredentials()
    )
    with caplog.at_level(logging.WARNING, logger="bot.cli_adapters"):
        await poll(h.clock())
    assert [key for key, text in adapter.notices if "working again" in text] == [WREN.key]
    lines = [r for r in caplog.records if r.name == "bot.cli_adapters"]
    assert [r.levelno for r in lines] == [logging.WARNING]
    assert ALDER.key in lines[0].getMessage()
    assert "the Alderbrook room was archived" in lines[0].getMessage()
