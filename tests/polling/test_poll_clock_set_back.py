"""A source polled while the clock ran ahead is polled again at its interval once the clock is set back, not after
the length of the jump; one WARNING names the source and the times. A long wait the rules gave is kept."""

from __future__ import annotations

import logging
from collections import deque
from datetime import timedelta

import pytest

from bot.config import SchedulerConfig
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


async def test_a_poll_made_while_the_clock_was_ahead_does_not_hold_the_source_back(
    server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    h = await make_poller(scheduler=SchedulerConfig(poll_interval="30m", poll_jitter_seconds=0))
    url = server.add(0, "quay.xml", make_feed("quay", 2))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    right = h.clock()
    h.clock.advance(timedelta(days=2))  # the clock jumps two days ahead, and a round runs then
    assert (await h.poller.poll_due()).polled == 1
    h.clock.set(right + timedelta(minutes=10))  # set right ten minutes later
    with caplog.at_level(logging.WARNING):
        assert (await h.poller.poll_due()).polled == 1  # polled at once, not two days later
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(said) == 1 and url in said[0]
    assert (right + timedelta(days=2, minutes=30)).isoformat() in said[0] and h.clock().isoformat() in said[0]
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.next_poll_at == h.clock() + timedelta(minutes=30)
    caplog.clear()
    h.clock.advance(timedelta(minutes=29))
    with caplog.at_level(logging.WARNING):
        assert (await h.poller.poll_due()).polled == 0  # back on its interval
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert len(server.requests_to(url)) == 2


async def test_a_day_long_retry_after_is_not_taken_for_a_clock_jump(
    server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    h = await make_poller()
    url = server.add(
        0,
        "sluice.xml",
        Feed(items=make_feed("sluice", 1).items, script=deque([Reply(429, (("Retry-After", "86400"),))])),
    )
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    assert (await h.poller.poll_due()).failed == 1
    h.clock.advance(timedelta(minutes=5))
    with caplog.at_level(logging.WARNING):
        assert (await h.poller.poll_due()).polled == 0
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.next_poll_at == h.clock() - timedelta(minutes=5) + timedelta(days=1)
