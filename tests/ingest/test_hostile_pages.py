"""Pages and bodies that are not what a reader expects, served from 127.0.0.1: a frameset, 10,000 nested divs, an
empty 200, a feed address serving a web page that names the real feed, bodies cut short (gzip, Content-Length),
redirects to other schemes. Each is one line naming the URL and saying what to do, not a vague "no text"."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import pytest
from aiohttp import web
from ingest_server import serving

from bot.config import IngestConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.sources import SourceResult, read_source

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Hall News</title><item><title>Hall reopens</title>'
        b"<link>http://hall.example/1</link><description>The village hall reopened on Monday.</description></item>"
        b"</channel></rss>")
ARTICLE = (b"<article><p>The village hall reopened on Monday after the roof was repaired, the warden said.</p>"
           b"<p>A dance is planned for the weekend to celebrate the reopening.</p></article>")
NAMES_FEED = b'<link rel="alternate" type="application/rss+xml" title="Hall News" href="/real.xml">'
BODIES = {
    "/frames.html": b'<html><head><title>Frames</title></head><frameset cols="30%,70%"><frame src="menu.html">'
                    b'<frame src="/story.html"></frameset></html>',
    "/deep.html": b"<html><body>" + b"<div>" * 10_000 + ARTICLE + b"</div>" * 10_000 + b"</body></html>",
    "/empty": b"",
    "/blank": b" \r\n ",
    "/blog/feed": b"<html><head><title>Hall blog</title>" + NAMES_FEED + b"</head><body>" + ARTICLE + b"</body></html>",
    "/home.html": b"<html><head><title>Home</title>" + NAMES_FEED + b"</head><body><nav>Home</nav></body></html>",
    "/story.html": b"<html><head><title>Hall</title>" + NAMES_FEED + b"</head><body>" + ARTICLE + b"</body></html>",
    "/real.xml": FEED,
    "/odd/feed": b"<html><head>" + NAMES_FEED + b"<![foo[ x ]]></head><body><nav>Home</nav></body></html>",
}


async def _static(request: web.Request) -> web.StreamResponse:
    return web.Response(body=BODIES[request.path], headers={"Content-Type": "text/html"})


async def _cut_gzip(request: web.Request) -> web.StreamResponse:
    return web.Response(body=gzip.compress(FEED)[:-30], headers={"Content-Type": "application/rss+xml",
                                                                 "Content-Encoding": "gzip"})


async def _short_body(request: web.Request) -> web.StreamResponse:
    """Declares 500 bytes more than it sends, then hangs up."""
    resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml", "Connection": "close"})
    resp.content_length = len(FEED) + 500
    await resp.prepare(request)
    await resp.write(FEED)
    if request.transport is not None:
        request.transport.close()
    return resp


def _redirect(location: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(status=301, headers={"Location": location})
    return handler


@pytest.fixture
async def base() -> AsyncIterator[str]:
    app = web.Application()
    for path in BODIES:
        app.router.add_get(path, _static)
    app.router.add_get("/cut.xml.gz", _cut_gzip)
    app.router.add_get("/short.xml", _short_body)
    for name, location in {"ftp": "ftp://127.0.0.1/feed.xml", "data": "data:text/plain,hello",
                           "file": "file:///etc/passwd", "loop": "/to-loop"}.items():
        app.router.add_get(f"/to-{name}", _redirect(location))
    async with serving(app) as port:
        yield f"http://127.0.0.1:{port}"


async def _read(url: str) -> SourceResult:
    async with Fetcher(LOCAL, first_byte_timeout=1.0) as fetcher:
        return await read_source(url, fetcher=fetcher, config=LOCAL, now=NOW)


@pytest.mark.parametrize(("path", "reason"), [
    ("/frames.html", "a frameset page: its text is in its frames ({base}/menu.html, {base}/story.html)"),
    ("/deep.html", "no main article text found: the HTML nests more than 256 levels deep"),
    ("/empty", "empty response: HTTP 200 with no body"),
    ("/blank", "empty response: HTTP 200 with no body"),
    ("/blog/feed", "an HTML page, not a feed; the page names its feed, {base}/real.xml: read that URL instead"),
    ("/home.html", "no article text found; the page names its feed, {base}/real.xml: read that URL instead"),
    ("/odd/feed", "an HTML page, not a feed; the page names its feed, {base}/real.xml"),  # html.parser choked after
    ("/cut.xml.gz", "corrupt gzip body: it ends before its compressed data does"),
    ("/short.xml", f"the body ended early: the connection closed after {len(FEED)} bytes of the "
                   f"{len(FEED) + 500} bytes its Content-Length declared"),
    ("/to-ftp", "refused: scheme 'ftp' is not fetched (only http and https) (reached by redirect from"),
    ("/to-data", "refused: scheme 'data' is not fetched"),
    ("/to-file", "refused: scheme 'file' is not fetched"),
    ("/to-loop", "redirect loop: "),
])
async def test_each_hostile_body_is_one_line_naming_the_url(base: str, path: str, reason: str) -> None:
    url = base + path
    result = await _read(url)
    assert result.articles == () and result.error is not None, result
    assert result.error.startswith(f"{url}: ") and "\n" not in result.error
    assert reason.format(base=base) in result.error, result.error


async def test_an_article_page_naming_its_sites_feed_is_still_read_as_a_page(base: str) -> None:
    result = await _read(base + "/story.html")
    assert result.error is None and result.kind == "page" and "village hall reopened" in result.articles[0].text


async def test_the_sources_after_a_hostile_one_are_still_read(base: str) -> None:
    results = [await _read(base + p) for p in ("/frames.html", "/real.xml", "/cut.xml.gz", "/story.html")]
    assert [len(r.articles) for r in results] == [0, 1, 0, 1]
