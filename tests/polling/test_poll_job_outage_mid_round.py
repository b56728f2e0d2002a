"""A poll round whose writes all failed on a store outage (the server went away after the round read its sources)
must not end the outage as "store reachable again": ``Poller.poll_due`` tries every source, then raises the first
write's store outage, so ``Scheduler._poll`` counts the round as a failure (before, it returned normally and the
outage was logged as over)."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest

from bot.config import Config
from bot.delivery import Delivery
from bot.ingest.sources import SourceResult
from bot.pipeline import IngestReport, Pipeline
from bot.scheduler import Scheduler
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import FeedServer


async def test_a_round_whose_writes_failed_on_the_store_does_not_say_it_is_back(
        server: FeedServer, make_poller: PollerFactory, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    h = await make_poller()
    await h.pipeline.sources.ensure(server.add(0, "quay.xml", make_feed("quay", 2)), kind="feed", now=h.clock())

    async def poll(now: datetime) -> object:
        return await h.poller.poll_due(now)

    scheduler = Scheduler(Delivery(h.pipeline.db, Config(), {}), h.clock, poll=poll)
    scheduler.outage.failed("delivering due briefings", OSError(111, "Connect call failed"))  # the outage began

    async def server_gone(self: Pipeline, result: SourceResult, report: IngestReport) -> None:
        raise OSError(111, "Connect call failed")  # the store went away while the round fetched

    monkeypatch.setattr(Pipeline, "store_result", server_gone)
    with caplog.at_level(logging.INFO):
        await scheduler._poll(poll, None)
    assert "reachable again" not in caplog.text
    assert scheduler.outage.current() is not None
