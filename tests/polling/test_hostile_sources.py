"""Hostile and broken sources in one poll: each is stopped within its bounds while the others finish."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.config import SchedulerConfig
from bot.poller import SourceNotice
from tests.hostile_http import billion_laughs, endless_fast, endless_trickle, gzip_bomb
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


async def test_hostile_sources_are_stopped_and_the_others_finish(
        server: FeedServer, make_poller: PollerFactory) -> None:
    # a 2 MB body cap keeps the test quick; the bomb would still inflate to 10 GB if read to the end
    h: Harness = await make_poller(timeout=1.0, max_bytes=2_000_000)
    hostile = {
        "bomb": server.add(0, "bomb.xml", Feed(raw=gzip_bomb)),
        "laughs": server.add(1, "laughs.xml", Feed(raw=billion_laughs)),
        "endless": server.add(2, "endless.xml", Feed(raw=endless_fast)),
        "trickle": server.add(3, "trickle.xml", Feed(raw=endless_trickle)),
        "hang": server.add(3, "hang.xml", Feed(failing=Reply(hang=True))),
        "error": server.add(2, "error.xml", Feed(failing=Reply(500))),
    }
    good = [server.add(n % 4, f"good{n}.xml", make_feed(f"good{n}", 2)) for n in range(8)]
    for url in [*hostile.values(), *good]:
        await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())

    result = await h.poller.poll_due()

    assert (result.polled, result.ok, result.failed, result.added) == (14, 8, 6, 16)
    errors = {}
    for name, url in hostile.items():
        state = await h.pipeline.sources.get(url)
        assert state is not None and state.last_error is not None and state.failures == 1
        errors[name] = state.last_error
    assert "too large after decompression: more than 2000000 bytes" in errors["bomb"]
    assert "entities" in errors["laughs"]
    assert "too large: more than 2000000 bytes" in errors["endless"]
    # host 3 has the trickle and the hang one after the other: each stopped by the 1 s total timeout, not a stall
    assert errors["trickle"].endswith("timed out: no complete response within 1 s")
    assert errors["hang"].endswith("timed out: no complete response within 1 s")
    assert "HTTP 500" in errors["error"]
    # the server's own records, not a stopwatch: each hostile request was asked once and the client hung up on it
    # mid-answer (a size cap or the timeout); nothing is left open
    async with asyncio.timeout(60):  # a hang guard only: the server sees the hang-ups within a few loop turns
        await server.idle.wait()
    ended = {(host, path): how for host, path, how in server.ended}
    for name, url in hostile.items():
        (asked,) = server.requests_to(url)
        expected = "answered" if name in ("laughs", "error") else "hung up"
        assert ended[asked[:2]] == expected, name
    for url in good:
        state = await h.pipeline.sources.get(url)
        assert state is not None and state.last_error is None and state.articles == 2
        assert [ended[asked[:2]] for asked in server.requests_to(url)] == ["answered"]


async def test_an_outage_of_every_source_recovers_without_a_flood(
        server: FeedServer, make_poller: PollerFactory) -> None:
    """All sources fail for a day (500s, 429s, hangs), then all come back: one notice each way per source."""
    config = SchedulerConfig(poll_jitter_seconds=30, max_failures_before_disable=3, max_backoff="4h")
    h = await make_poller(scheduler=config, timeout=0.3)
    urls = [server.add(n % 4, f"s{n}.xml", make_feed(f"s{n}", 1)) for n in range(6)]
    failures = [Reply(500), Reply(429, (("Retry-After", "600"),)), Reply(hang=True)]
    for n, url in enumerate(urls):
        await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
        server.feed(url).failing = failures[n % 3]
    notices: list[SourceNotice] = []
    end = h.clock() + timedelta(days=1)
    while h.clock() < end:
        notices += (await h.poller.poll_due()).notices
        h.clock.advance(timedelta(minutes=10))
    assert sorted((n.source, n.kind) for n in notices) == sorted((u, "disabled") for u in urls)
    requests_during_outage = len(server.log)
    assert requests_during_outage <= 6 * 12  # backoff to 4 h: a handful of tries per source, not 144

    for url in urls:
        server.feed(url).failing = None
    after: list[SourceNotice] = []
    added = 0
    for _ in range(6 * 5):  # five hours
        polled = await h.poller.poll_due()
        after += polled.notices
        added += polled.added
        h.clock.advance(timedelta(minutes=10))
    assert sorted((n.source, n.kind) for n in after) == sorted((u, "recovered") for u in urls)
    assert added == 6
