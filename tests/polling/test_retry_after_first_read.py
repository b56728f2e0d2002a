"""A feed's 429 or 503 with Retry-After puts its next poll no earlier than asked, whether the answer came to a poll
or to the first read that added the source (`briefbot ingest URL`); a wait past a day is cut to a day, and the log
says so."""

from __future__ import annotations

import logging
from collections import deque
from datetime import timedelta

import pytest

from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply

HTTP_TWO_PM = "Fri, 20 Nov 2026 14:00:00 GMT"  # five hours after the harness's START (09:00)


@pytest.mark.parametrize(
    ("status", "asked", "wait"),
    [
        (429, "7200", timedelta(hours=2)),
        (503, HTTP_TWO_PM, timedelta(hours=5)),
    ],
)
async def test_a_first_read_throttled_waits_before_the_first_poll(
    status: int, asked: str, wait: timedelta, server: FeedServer, make_poller: PollerFactory
) -> None:
    h = await make_poller()
    url = server.add(
        0, "tide.xml", Feed(items=make_feed("tide", 1).items, script=deque([Reply(status, (("Retry-After", asked),))]))
    )
    report = await h.pipeline.ingest([url], h.poller.fetcher)
    assert [w.input for w in report.warnings] == [url]  # kept: polling retries it
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.next_poll_at == h.clock() + wait

    h.clock.advance(wait - timedelta(minutes=1))
    assert (await h.poller.poll_due()).polled == 0 and len(server.requests_to(url)) == 1
    h.clock.advance(timedelta(minutes=1))
    assert (await h.poller.poll_due()).added == 1


async def test_a_retry_after_past_a_day_is_cut_to_a_day_and_logged(
    server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    h = await make_poller()
    url = server.add(
        0, "slow.xml", Feed(items=make_feed("slow", 1).items, script=deque([Reply(429, (("Retry-After", "999999"),))]))
    )
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    with caplog.at_level(logging.INFO):
        assert (await h.poller.poll_due()).failed == 1
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.next_poll_at == h.clock() + timedelta(days=1)
    said = [r.getMessage() for r in caplog.records if "Retry-After" in r.getMessage()]
    assert said == [f"{url}: Retry-After asks to wait 999999 s; the next poll is in 24 h, the longest wait honoured"]


async def test_ingest_of_a_known_source_throttled_puts_its_next_poll_off(
    server: FeedServer, make_poller: PollerFactory
) -> None:
    h = await make_poller()
    url = server.add(0, "reef.xml", make_feed("reef", 1))
    await h.pipeline.ingest([url], h.poller.fetcher)  # read once: a source polled at the next round
    read = await h.pipeline.sources.get(url)
    assert read is not None and read.articles == 1 and read.next_poll_at is None
    server.feed(url).script.append(Reply(429, (("Retry-After", "10800"),)))
    await h.pipeline.ingest([url], h.poller.fetcher)  # asked again by hand: three hours, please
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.failures == 1 and state.next_poll_at == h.clock() + timedelta(hours=3)
