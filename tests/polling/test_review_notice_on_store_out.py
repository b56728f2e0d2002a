"""Review finding: a polling round that raises a store outage at its end (since today: a write or the story
refresh found the store gone) must still tell the channels following a source whose health flipped in that round.
The flip (here: a paused source working again) is already stored, so a later round would never say it."""

from __future__ import annotations

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

CREEK = ChannelRef("console", "creekside")


async def test_a_recovery_notice_is_sent_even_when_the_round_ends_on_a_store_outage(
        server: FeedServer, make_poller: PollerFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    h = await make_poller()
    db = h.pipeline.db
    mill = server.add(0, "millpond.xml", make_feed("millpond", 2))
    await h.pipeline.sources.ensure(mill, kind="feed", now=h.clock())
    await h.pipeline.sources.update(mill, disabled=True)  # paused after failing: this round it works again
    await ChannelStore(db).ensure(CREEK, ChannelDefaults("daily 08:00", "UTC"), now=h.clock())
    await ChannelStore(db).follow(CREEK, mill, now=h.clock())

    async def store_gone(self: Pipeline, ids: Sequence[str]) -> None:
        raise OSError(111, "Connect call failed")  # the store went away after the round's writes

    monkeypatch.setattr(Pipeline, "refresh_stories", store_gone)
    adapter = RecordingAdapter()
    config = Config(ingest=IngestConfig(allow_private_networks=True), scheduler=SchedulerConfig(poll_jitter_seconds=0))
    poll = poll_with_notices(App(config, clock=h.clock), db, h.pipeline, h.poller.fetcher, {"console": adapter},
                             SourceCredentials())
    with pytest.raises(OSError):
        await poll(h.clock())  # the poll job counts the round as part of the outage
    assert [key for key, text in adapter.notices if "working again" in text] == [CREEK.key]
