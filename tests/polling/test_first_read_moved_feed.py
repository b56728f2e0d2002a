"""A feed whose address answers a permanent redirect (301, 308) on its very first read (`briefbot ingest` or
`sources add`) is added at its new address, as a poll would move it, with the same WARNING line and a note in
the report; a temporary redirect adds it at the address given."""

from __future__ import annotations

import logging

import pytest

from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


def redirecting(status: int, to: str) -> Feed:
    return Feed(failing=Reply(status, (("Location", to),)))


@pytest.mark.parametrize("status", [301, 308])
async def test_a_feed_moved_for_good_is_added_at_its_new_address(
    status: int, server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/quay.xml", make_feed("quay", 2))
    old = server.add(0, "quay.rss", redirecting(status, new))
    with caplog.at_level(logging.WARNING):
        report = await h.pipeline.ingest([old], h.poller.fetcher)
    assert report.added == 2 and report.problems == []
    assert [s.key for s in await h.pipeline.sources.list()] == [new]
    state = await h.pipeline.sources.get(new)
    assert state is not None and state.articles == 2 and state.last_error is None
    said = f"moved permanently to {new}: the source is read at the new address from now on"
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [f"{old} {said}"]
    assert f"note     {old}: {said}" in report.lines
    assert [(n.input, n.reason) for n in report.notes] == [(old, said)]

    h.clock.advance(h.poller.default_interval)
    polled = await h.poller.poll_due()  # the new address directly: the old one is never asked again
    assert (polled.polled, polled.ok, polled.added) == (1, 1, 0)
    assert len(server.requests_to(old)) == 1


async def test_a_temporary_redirect_adds_the_address_given(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/quay.xml", make_feed("quay", 2))
    old = server.add(0, "quay.rss", redirecting(302, new))
    report = await h.pipeline.ingest([old], h.poller.fetcher)
    assert report.added == 2
    assert [s.key for s in await h.pipeline.sources.list()] == [old]
