"""Chat's `sources add` reads the URL as `briefbot sources add` (ingest) does: a 429 or 503 with Retry-After answered
to its first read puts the new source's first poll no earlier than asked (a day at most), and a page with no text
whose meta refresh names the feed is read there (the address given is what is followed, as a temporary redirect)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web

from bot.cli_run_bot import credentialed_probe
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config, IngestConfig
from bot.ingest.credentials import SourceCredentials
from bot.ingest.fetch import Fetcher
from bot.models import ChannelRef
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.ingest.ingest_server import FEED, serving

NOW = datetime(2026, 6, 3, 8, 0, tzinfo=UTC)
CHAN = ChannelRef("slack", "C0456")
INGEST = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)


@pytest.fixture
async def base() -> AsyncIterator[str]:
    async def feed(_request: web.Request) -> web.Response:
        return web.Response(body=FEED, content_type="application/rss+xml")

    async def throttled(request: web.Request) -> web.Response:
        return web.Response(status=int(request.match_info["status"]), headers={"Retry-After": request.query["wait"]})

    async def moved_on(_request: web.Request) -> web.Response:
        html = (
            '<html><head><title>Gorsley Gazette</title><meta http-equiv="refresh" content="0; url=/feed.xml">'
            "</head><body></body></html>"
        )
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/busy/{status}", throttled)
    app.router.add_get("/rss", moved_on)
    async with serving(app) as port:
        yield f"http://127.0.0.1:{port}"


async def _add(db: Database, config: Config, url: str, *, verb: str = "sources add") -> str:
    async with Fetcher(INGEST) as fetcher:
        deps = CommandDeps(
            replace(config, ingest=INGEST), db, ManualClock(NOW), probe=credentialed_probe(fetcher, SourceCredentials())
        )
        dispatcher = build_dispatcher(deps)
        reply = await dispatcher(
            dispatcher.from_text(f"{verb} {url}", user="U1", channel=CHAN, can_manage=True, now=NOW)
        )
    return reply.text


@pytest.mark.parametrize(
    ("status", "wait", "first_poll"),
    [
        (429, "7200", timedelta(hours=2)),
        (503, "Wed, 03 Jun 2026 13:00:00 GMT", timedelta(hours=5)),
        (429, "999999", timedelta(days=1)),
    ],
)
async def test_a_throttled_first_read_puts_the_first_poll_off_as_asked(
    db: Database, config: Config, base: str, status: int, wait: str, first_poll: timedelta
) -> None:
    url = f"{base}/busy/{status}?wait={wait.replace(' ', '%20')}"
    text = await _add(db, config, url)
    assert text.startswith(f"Following {url}"), text
    assert "polling will try again" in text
    state = await SourceStore(db).get(url)
    assert state is not None and state.next_poll_at == NOW + first_poll


async def test_a_page_whose_meta_refresh_names_the_feed_is_followed(db: Database, config: Config, base: str) -> None:
    text = await _add(db, config, f"{base}/rss")
    assert text.startswith(f"Following {base}/rss;"), text
    state = await SourceStore(db).get(f"{base}/rss")
    assert state is not None and state.next_poll_at is None  # no wait asked: polled at the next round


async def test_an_imported_feed_answered_with_retry_after_waits_as_asked(
    db: Database, config: Config, base: str
) -> None:
    url = f"{base}/busy/429?wait=3600"
    opml = (
        f'<opml version="2.0"><head><title>Gorsley</title></head><body><outline type="rss" text="Busy" '
        f'xmlUrl="{url}"/></body></opml>'
    )
    text = await _add(db, config, opml, verb="sources import")
    assert text.startswith("Imported 1 new source of 1 in the OPML."), text
    state = await SourceStore(db).get(url)
    assert state is not None and state.next_poll_at == NOW + timedelta(hours=1)
