"""`sources import` stops waiting for feeds that do not answer once its time is up: those are left for the next
import, named in the reply, and not followed; the feeds read by then are."""

from __future__ import annotations

import asyncio

import pytest

from bot.commands import opml_import
from bot.ingest.discover import FeedCheck
from bot.ingest.fetch import FetchError, FetchResult
from bot.opml import read_opml

OPML = ('<opml><body><outline xmlUrl="https://a.example/gone.xml"/><outline xmlUrl="https://b.example/slow.xml"/>'
        '<outline xmlUrl="https://c.example/gone.xml"/></body></opml>')


async def test_a_feed_that_never_answers_does_not_hold_the_import(monkeypatch: pytest.MonkeyPatch) -> None:
    # the time is up at once: only a read that needs no wait is done
    monkeypatch.setattr(opml_import, "CHECK_SECONDS", 0.0)
    never = asyncio.Event()
    followed: list[str] = []

    async def probe(url: str) -> FetchResult:
        if "slow" in url:
            await never.wait()  # a site that keeps the connection open and sends nothing
        raise FetchError(url, "HTTP 404 Not Found", status=404)

    async def follow(check: FeedCheck) -> bool:
        followed.append(check.url)
        return True

    text = await asyncio.wait_for(opml_import.import_feeds(read_opml(OPML), already=(), probe=probe,
                                                           follow=follow), 5)
    lines = text.split("\n")
    assert lines[0] == "Imported 0 new sources of 3 in the OPML."
    assert "• not followed: I could not read https://a.example/gone.xml: HTTP 404 Not Found." in lines
    assert "• not followed: I could not read https://c.example/gone.xml: HTTP 404 Not Found." in lines
    assert lines[-1].startswith("• 1 more new feed not read yet: ")
    assert followed == []
