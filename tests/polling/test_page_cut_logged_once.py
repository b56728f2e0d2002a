"""A page source polled again and again logs its text cut (over 200,000 characters) once per version of the page,
not at every poll: the same cut of the same text was told already."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from aiohttp import web

from tests.polling.conftest import PollerFactory
from tests.polling.feedserver import Feed, FeedServer

# Written for this test: an invented town's very long minutes, each paragraph its own (repeats are page junk)
PARAS = "".join(f"<p>The council of Orrinford met for the {n}th time to talk about the bridge and the ferry.</p>"
                for n in range(2_900))


def _cut_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "text cut to" in r.getMessage()]


async def test_a_long_page_polled_again_logs_its_cut_once_per_version(
        server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture) -> None:
    version = ["first"]

    async def minutes(request: web.Request) -> web.StreamResponse:
        return web.Response(text=f"<html><head><title>Orrinford council minutes ({version[0]})</title></head><body>"
                                 f"<article><h1>Orrinford council minutes</h1><p>This is the {version[0]} "
                                 f"version of the minutes.</p>{PARAS}</article></body></html>",
                            content_type="text/html")

    h = await make_poller()
    url = server.add(0, "minutes.html", Feed(raw=minutes))
    await h.pipeline.sources.ensure(url, kind="page", now=h.clock())
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            await h.poller.poll_due()
            h.clock.advance(timedelta(hours=1))
        assert len(_cut_lines(caplog)) == 1, _cut_lines(caplog)
        version[0] = "second"  # the page changed: its cut is told again, once
        for _ in range(2):
            await h.poller.poll_due()
            h.clock.advance(timedelta(hours=1))
    assert len(server.requests_to(url)) == 5  # polled every time
    assert len(_cut_lines(caplog)) == 2, _cut_lines(caplog)
