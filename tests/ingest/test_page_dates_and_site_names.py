"""A web page's date is a date it states, never a copyright year; its outlet is its site name or host, never its
headline."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp import web

from bot.config import IngestConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.html import parse_page
from bot.ingest.sources import read_source

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
BODY = ("<article><h1>Tram depot to reopen in Velmora</h1>"
        "<p>The old tram depot in Velmora will reopen as a workshop for electric buses, the transport board "
        "said on Monday after a vote that ran late into the evening.</p>"
        "<p>The board bought the depot in 2024 and has spent most of this year clearing its roof of asbestos.</p>"
        "<p>Workers expect the first buses to be serviced there before the end of the winter, the board's "
        "chair, Ilka Morrow, told reporters outside the depot gates.</p></article>")
FOOTER = "<footer>&copy; 2026 Velmora Tribune. All rights reserved.</footer>"


def page(head: str = "", body: str = BODY, footer: str = FOOTER) -> bytes:
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Tram depot to reopen in Velmora</title>{head}</head>"
            f"<body>{body}{footer}</body></html>").encode()


URL = "http://www.velmora-tribune.example/transport/tram-depot"


def test_a_copyright_year_is_no_publication_date() -> None:
    assert parse_page(page(), url=URL).published is None
    assert parse_page(page(footer="<footer>Copyright 2025-2026 Velmora Tribune</footer>"), url=URL).published is None
    copyright_meta = '<meta itemprop="copyrightYear" content="2026">'
    assert parse_page(page(copyright_meta, footer=""), url=URL).published is None


def test_a_real_new_years_day_date_is_kept() -> None:
    stated = BODY.replace("<h1>", "<p class=\"byline\">Published 1 January 2026</p><h1>")
    assert str(parse_page(page(body=stated), url=URL).published).startswith("2026-01-01")
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-01-01"}</script>'
    assert str(parse_page(page(ld), url=URL).published).startswith("2026-01-01")
    in_url = "http://velmora-tribune.example/2026/01/01/tram-depot"
    assert str(parse_page(page(), url=in_url).published).startswith("2026-01-01")


def test_other_dates_beside_a_copyright_line_are_kept() -> None:
    stated = BODY.replace("<h1>", "<p class=\"byline\">Published 12 March 2026</p><h1>")
    assert str(parse_page(page(body=stated), url=URL).published).startswith("2026-03-12")
    meta = '<meta property="article:published_time" content="2026-01-01T07:30:00Z">'
    assert parse_page(page(meta), url=URL).published == "2026-01-01T07:30:00Z"


def test_the_outlet_is_the_site_name_or_the_host_never_the_headline() -> None:
    assert parse_page(page(), url=URL).outlet == "velmora-tribune.example"
    assert parse_page(page(), url="http://127.0.0.1:8765/a.html").outlet == "127.0.0.1"
    og = '<meta property="og:site_name" content="The Velmora Tribune">'
    assert parse_page(page(og), url=URL).outlet == "The Velmora Tribune"
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Tram depot to reopen", "publisher": {"@type": "NewsMediaOrganization", '
          '"name": "Velmora Tribune"}}</script>')
    assert parse_page(page(ld), url=URL).outlet == "Velmora Tribune"
    assert parse_page(page(), url="").outlet != "Tram depot to reopen in Velmora"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def site() -> AsyncIterator[str]:
    async def article(request: web.Request) -> web.Response:
        return web.Response(body=page(), content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/transport/tram-depot", article)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = _port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/transport/tram-depot"
    await runner.cleanup()


async def test_a_fetched_page_with_only_a_copyright_year_is_dated_by_its_fetch(site: str) -> None:
    config = IngestConfig(allow_private_networks=True)
    async with Fetcher(config) as fetcher:
        result = await read_source(site, fetcher=fetcher, config=config, now=NOW)
    assert result.error is None, result.error
    [article] = result.articles
    assert article.published is None and article.fetched == NOW  # the fetch time stands in, as for feeds
    assert article.outlet == "127.0.0.1" == result.name
