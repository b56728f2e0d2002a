"""A source's own headers (headers_env) go to its own origin only: redirects, teaser pages, robots.txt, 401s."""

from __future__ import annotations

import tomllib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from aiohttp import web
from ingest_server import serving

from bot.clock import ManualClock
from bot.config import IngestConfig, parse_config
from bot.ingest.credentials import SourceAuth, SourceCredentials, origin_of
from bot.ingest.fetch import Fetcher, FetchError
from bot.ingest.full_text import FullText
from bot.ingest.robots import RobotsRules
from bot.ingest.sources import read_source

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)
KEY = "wire-key-7f3a9c21d4"
ETAG = '"w1"'

CRANES_PAGE = """<html><head><title>Harbour cranes replaced at the eastern quay</title></head><body><article>
<h1>Harbour cranes replaced at the eastern quay</h1>
<p>Three new harbour cranes started work at the eastern quay on Friday, replacing machines that had lifted
containers there for almost forty years, the port authority said.</p>
<p>The cranes can each move thirty containers an hour, about a third more than the old ones, and run on power
from the quay's own substation rather than diesel engines.</p>
<p>Dock workers were trained on the new controls over the winter, according to the authority, which expects the
eastern quay to handle more of the port's traffic from the summer.</p></article></body></html>"""

ORCHARD_PAGE = """<html><head><title>Orchard festival moves to the river meadow</title></head><body><article>
<h1>Orchard festival moves to the river meadow</h1>
<p>The orchard festival will be held in the river meadow this year because the old showground is being
drained, the organisers announced on Thursday.</p>
<p>Stalls selling cider, apple cakes and young trees will line the towpath, and a ferry will carry visitors
across from the town side every fifteen minutes during the festival weekend.</p></article></body></html>"""


def _feed(a_base: str, b_base: str) -> str:
    when = format_datetime(NOW - timedelta(hours=2))

    def item(guid: str, title: str, link: str, teaser: str) -> str:
        return (f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid><pubDate>{when}</pubDate>"
                f"<description>{teaser}</description></item>")

    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Wire Desk</title>"
            + item("w-1", "Harbour cranes replaced at the eastern quay", f"{a_base}/story/cranes",
                   "New cranes started work at the eastern quay.")
            + item("w-2", "Orchard festival moves to the river meadow", f"{b_base}/story/orchard",
                   "The orchard festival moves to the river meadow.")
            + "</channel></rss>")


@dataclass
class Wire:
    """Two local sites (two ports: two origins). Site A wants the key for its feed and its own pages."""

    a: int = 0
    b: int = 0
    seen: list[tuple[str, str, str | None]] = field(default_factory=list)  # (site, path, X-Api-Key sent)

    def base(self, site: str) -> str:
        return f"http://127.0.0.1:{self.a if site == 'a' else self.b}"

    def keys(self, site: str, path: str) -> list[str | None]:
        return [k for s, p, k in self.seen if s == site and p == path]


def _app(wire: Wire, site: str) -> web.Application:
    async def handle(request: web.Request) -> web.StreamResponse:
        key = request.headers.get("X-Api-Key")
        wire.seen.append((site, request.path, key))
        path = request.path
        if path == "/robots.txt":
            return web.Response(text="User-agent: *\nDisallow: /private\n", content_type="text/plain")
        if site == "a":
            redirects = {"/hop": f"{wire.base('a')}/feed.xml", "/away": f"{wire.base('b')}/feed.xml",
                         "/via-b": f"{wire.base('b')}/back"}
            if path in redirects:
                raise web.HTTPFound(redirects[path])
            if key != KEY:
                return web.Response(status=401, text="an API key is needed")
            if path == "/feed.xml":
                if request.headers.get("If-None-Match") == ETAG:
                    return web.Response(status=304, headers={"ETag": ETAG})
                return web.Response(text=_feed(wire.base("a"), wire.base("b")), content_type="application/rss+xml",
                                    headers={"ETag": ETAG})
            if path == "/story/cranes":
                return web.Response(text=CRANES_PAGE, content_type="text/html")
            return web.Response(status=404)
        if path == "/back":
            raise web.HTTPFound(f"{wire.base('a')}/feed.xml")
        if path == "/feed.xml":
            return web.Response(text=_feed(wire.base("a"), wire.base("b")), content_type="application/rss+xml")
        if path == "/story/orchard":
            return web.Response(text=ORCHARD_PAGE, content_type="text/html")
        return web.Response(status=404)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    return app


@pytest.fixture
async def wire() -> AsyncIterator[Wire]:
    state = Wire()
    async with serving(_app(state, "a")) as a, serving(_app(state, "b")) as b:
        state.a, state.b = a, b
        yield state


def _auth(url: str, key: str = KEY) -> SourceAuth:
    """The auth a [[sources]] entry with headers_env gives, read from a config and an environment."""
    raw = tomllib.loads(f'[[sources]]\nurl = "{url}"\nheaders_env = {{ "X-Api-Key" = "WIRE_TEST_KEY" }}\n')
    auth = SourceCredentials.from_config(parse_config(raw, {"WIRE_TEST_KEY": key}).sources).for_source(url)
    assert auth is not None
    return auth


async def test_the_feed_answers_401_without_the_header_and_the_feed_with_it(wire: Wire) -> None:
    feed = f"{wire.base('a')}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        with pytest.raises(FetchError) as plain:
            await fetcher.fetch(feed)
        got = await fetcher.fetch(feed, auth=_auth(feed))
        with pytest.raises(FetchError) as wrong:
            await fetcher.fetch(feed, auth=_auth(feed, key="not-the-right-key"))
    assert plain.value.status == 401 and plain.value.reason == "HTTP 401 Unauthorized"
    assert got.status == 200 and b"Wire Desk" in got.body
    assert wrong.value.status == 401 and wrong.value.reason == "the source refused the credentials (401)"
    assert "not-the-right-key" not in str(wrong.value) and "not-the-right-key" not in repr(_auth(feed, "xyz-secret"))
    assert wire.keys("a", "/feed.xml") == [None, KEY, "not-the-right-key"]


async def test_conditional_requests_keep_working_with_credentials(wire: Wire) -> None:
    feed = f"{wire.base('a')}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await fetcher.fetch(feed, auth=_auth(feed))
        again = await fetcher.fetch(feed, etag=first.etag, auth=_auth(feed))
        read = await read_source(feed, fetcher=fetcher, config=CONFIG, now=NOW, etag=first.etag, auth=_auth(feed))
    assert first.etag == ETAG and again.not_modified and read.not_modified and read.error is None
    assert wire.keys("a", "/feed.xml") == [KEY, KEY, KEY]


async def test_a_redirect_keeps_the_headers_on_the_same_origin_and_drops_them_for_another(wire: Wire) -> None:
    async with Fetcher(CONFIG) as fetcher:
        same = await fetcher.fetch(f"{wire.base('a')}/hop", auth=_auth(f"{wire.base('a')}/hop"))
        other = await fetcher.fetch(f"{wire.base('a')}/away", auth=_auth(f"{wire.base('a')}/away"))
        with pytest.raises(FetchError) as back:  # off the origin and back again: not sent again
            await fetcher.fetch(f"{wire.base('a')}/via-b", auth=_auth(f"{wire.base('a')}/via-b"))
    assert same.status == 200 and wire.keys("a", "/hop") == [KEY]
    assert other.status == 200 and wire.keys("a", "/away") == [KEY] and wire.keys("b", "/feed.xml") == [None]
    assert wire.keys("a", "/via-b") == [KEY] and wire.keys("b", "/back") == [None]
    assert wire.keys("a", "/feed.xml") == [KEY, None]  # the first from /hop, the second at the end of /via-b
    assert back.value.status == 401
    assert back.value.reason == (f"HTTP 401: the source's credentials were not sent here: they go only to "
                                 f"http://127.0.0.1:{wire.a}")


async def test_https_to_http_and_another_port_or_host_are_other_origins(wire: Wire) -> None:
    auth = _auth("https://wire.example/feed")
    assert auth.applies_to("https://WIRE.example:443/other?x=1") and auth.applies_to("https://wire.example./a")
    assert not auth.applies_to("http://wire.example/feed")  # a downgrade to plain http
    assert not auth.applies_to("https://wire.example:8443/feed")
    assert not auth.applies_to("https://cdn.wire.example/feed") and not auth.applies_to("https://example/feed")
    assert origin_of("ftp://wire.example/feed") is None and origin_of("not a url") is None
    # over the wire: an https source's headers are not sent to the same host and port over http
    tls_only = SourceAuth(("https", "127.0.0.1", wire.a), {"X-Api-Key": KEY})
    async with Fetcher(CONFIG) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(f"{wire.base('a')}/feed.xml", auth=tls_only)
    assert caught.value.status == 401 and wire.keys("a", "/feed.xml") == [None]


async def test_teaser_pages_get_the_headers_only_on_the_feeds_origin_and_robots_txt_never(wire: Wire) -> None:
    feed = f"{wire.base('a')}/feed.xml"
    clock = ManualClock(NOW)
    full = FullText(CONFIG, max_age=timedelta(days=9), robots=RobotsRules(clock, user_agent=CONFIG.user_agent))
    async with Fetcher(CONFIG) as fetcher:
        read = await read_source(feed, fetcher=fetcher, config=CONFIG, now=NOW, auth=_auth(feed))

        async def nothing_stored(ids: object) -> set[str]:
            return set()

        done = await full.complete(read, fetcher=fetcher, stored=nothing_stored, now=NOW, auth=_auth(feed))
    texts = {a.guid: a.text for a in done.articles}
    assert "thirty containers an hour" in texts["w-1"]  # the same-origin page, fetched with the key
    assert "towpath" in texts["w-2"]  # the other site's page, fetched without it
    assert wire.keys("a", "/story/cranes") == [KEY]
    assert wire.keys("b", "/story/orchard") == [None]
    assert wire.keys("a", "/robots.txt") == [None] and wire.keys("b", "/robots.txt") == [None]
    assert done.problems == ()
