"""A JSON Feed item's relative ``url`` and ``external_url`` are read against the feed's ``home_page_url``, else its
``feed_url``, else the address it was fetched from, as an RSS or Atom item's relative link is read against the feed's
address; absolute links and a file's feed with no address to read them against stay as given."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from aiohttp import web
from ingest_server import serving

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.sources import read_source

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)


def _feed(**top: str) -> bytes:
    items = [
        {"id": "p-1", "url": "/news/1", "title": "Pier reopens", "content_text": "The pier at Dunmallow reopened."},
        {"id": "p-2", "external_url": "elsewhere/2", "title": "Ferry fares",
         "content_text": "Ferry fares to Inchkeld go up in May."},
        {"id": "p-3", "url": "https://other.example/3", "title": "Tide table",
         "content_text": "The new tide table for Dunmallow is out."},
    ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Pier Post", **top,
                       "items": items}).encode()


def _urls(data: bytes, base: str = "") -> list[str]:
    return [e.url for e in parse_feed(data, base=base).entries]


def test_relative_links_are_read_against_the_home_page_first() -> None:
    data = _feed(home_page_url="https://pier.example/town/", feed_url="https://feeds.example/pier.json")
    assert _urls(data, "http://fetched.example/f.json") == [
        "https://pier.example/news/1", "https://pier.example/town/elsewhere/2", "https://other.example/3"]


def test_then_against_the_feed_url_then_the_fetched_address() -> None:
    assert _urls(_feed(feed_url="https://feeds.example/pier/feed.json"), "http://fetched.example/f.json") == [
        "https://feeds.example/news/1", "https://feeds.example/pier/elsewhere/2", "https://other.example/3"]
    assert _urls(_feed(), "http://fetched.example/a/f.json") == [
        "http://fetched.example/news/1", "http://fetched.example/a/elsewhere/2", "https://other.example/3"]


def test_a_relative_home_page_is_read_against_the_feed_url() -> None:
    data = _feed(home_page_url="/town/", feed_url="https://feeds.example/pier/feed.json")
    assert _urls(data)[:2] == ["https://feeds.example/news/1", "https://feeds.example/town/elsewhere/2"]


def test_with_no_address_to_read_them_against_relative_links_stay_as_given() -> None:
    assert _urls(_feed()) == ["/news/1", "elsewhere/2", "https://other.example/3"]


async def test_a_served_json_feed_stores_absolute_links() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=_feed(), headers={"Content-Type": "application/feed+json"})

    app = web.Application()
    app.router.add_get("/feeds/pier.json", handler)
    async with serving(app) as port, Fetcher(LOCAL) as fetcher:
        result = await read_source(f"http://127.0.0.1:{port}/feeds/pier.json", fetcher=fetcher, config=LOCAL,
                                   now=NOW)
    assert result.error is None
    assert [a.url for a in result.articles] == [f"http://127.0.0.1:{port}/news/1",
                                                f"http://127.0.0.1:{port}/feeds/elsewhere/2",
                                                "https://other.example/3"]
