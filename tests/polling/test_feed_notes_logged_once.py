"""A polled feed's note on itself ("feed is not well-formed ...; N entries read anyway") is one INFO line in the bot's
log when a poll first finds it, not one at every poll that finds it again; a changed note is logged once more."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from aiohttp import web

from tests.polling.conftest import PollerFactory
from tests.polling.feedserver import Feed, FeedServer


def _notes(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.INFO and "not well-formed" in r.getMessage()]


async def test_a_broken_feed_polled_again_logs_its_note_once_per_change(
        server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture) -> None:
    entries = [2]

    async def broken(request: web.Request) -> web.StreamResponse:
        items = "".join(f"<item><title>Orrinford ferry notice {n}</title><link>https://orrinford.example/{n}</link>"
                        f"<description>Ferry notice number {n} was posted at the Orrinford quay on Monday."
                        "</description></item>" for n in range(entries[0]))
        return web.Response(text=f"<rss version='2.0'><channel><title>Orrinford Notices</title>{items}<item><title>",
                            content_type="application/rss+xml")

    h = await make_poller()
    url = server.add(0, "notices.xml", Feed(raw=broken))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            await h.poller.poll_due()
            h.clock.advance(timedelta(hours=1))
        assert len(_notes(caplog)) == 1, _notes(caplog)
        assert _notes(caplog)[0].startswith(f"{url}: feed is not well-formed")
        entries[0] = 3  # another count: said again, once
        for _ in range(2):
            await h.poller.poll_due()
            h.clock.advance(timedelta(hours=1))
    assert len(server.requests_to(url)) == 5  # polled every time
    assert [n.endswith(f"{k} entries read anyway") for n, k in zip(_notes(caplog), (3, 4), strict=True)] == [True, True]
