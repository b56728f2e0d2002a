"""`sources add` reads the URL first: a feed is followed, a web page is swapped for the feed it names, a page
naming none or an address that will not work is refused with the reason; a passing failure (5xx, 429, no answer) is
followed anyway, saying so (bot/ingest/first_read.py: the rule `briefbot sources add` follows too)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest
from aiohttp import web
from aiohttp.typedefs import Handler

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.config import Config, IngestConfig
from bot.ingest.discover import feed_links
from bot.ingest.fetch import Fetcher
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.ingest.ingest_server import FEED, serving

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CHAN = ChannelRef("slack", "C0456")
HOME = b"""<!doctype html><html><head><title>Hill Post</title>
<link rel="alternate" type="application/rss+xml" title="Hill Post &raquo; Comments Feed" href="/comments/feed">
<link rel="alternate" type="application/rss+xml; charset=utf-8" title="Hill Post" href="/feed.xml">
</head><body><h1>Hill Post</h1><p>Today's news from the hills.</p></body></html>"""
BARE = b"<html><head><title>No feed here</title></head><body><p>Just a page.</p></body></html>"
BROKEN = (b'<html><head><link rel="alternate" type="application/atom+xml" href="/missing.xml"></head>'
          b'<body></body></html>')


def _site() -> web.Application:
    def fixed(body: bytes, ctype: str, status: int = 200) -> Handler:
        async def handler(_request: web.Request) -> web.Response:
            return web.Response(body=body, content_type=ctype, status=status)
        return handler

    app = web.Application()
    for path, body, ctype, status in (
        ("/feed.xml", FEED, "application/rss+xml", 200),
        ("/comments/feed", FEED, "application/rss+xml", 200),
        ("/home", HOME, "text/html", 200),
        ("/bare", BARE, "text/html", 200),
        ("/broken", BROKEN, "text/html", 200),
        ("/busy", b"try later", "text/plain", 503),
        ("/slow-down", b"too many requests", "text/plain", 429),
        ("/withdrawn", b"gone for good", "text/plain", 410),
        ("/notes.txt", b"plain words, not a feed", "text/plain", 200),
    ):
        app.router.add_get(path, fixed(body, ctype, status))
    return app


@dataclass
class Bot:
    db: Database
    base: str
    deps: CommandDeps

    async def say(self, text: str) -> Reply:
        dispatcher = build_dispatcher(self.deps)
        return await dispatcher(dispatcher.from_text(text, user="U1", channel=CHAN, can_manage=True, now=NOW))

    async def followed(self) -> tuple[str, ...]:
        channel = await ChannelStore(self.db).get(CHAN)
        return channel.sources if channel else ()


@pytest.fixture
async def bot(db: Database, config: Config) -> AsyncIterator[Bot]:
    ingest = IngestConfig(allow_private_networks=True, timeout_seconds=2.0)
    async with serving(_site()) as port, Fetcher(ingest) as fetcher:
        deps = CommandDeps(replace(config, ingest=ingest), db, ManualClock(NOW), probe=fetcher.fetch)
        yield Bot(db, f"http://127.0.0.1:{port}", deps)


async def test_a_feed_is_followed_as_given(bot: Bot) -> None:
    reply = await bot.say(f"sources add {bot.base}/feed.xml")
    assert reply.text.startswith(f"Following {bot.base}/feed.xml; it is polled every") and not reply.error
    assert await bot.followed() == (f"{bot.base}/feed.xml",)


async def test_a_home_page_is_swapped_for_the_feed_it_names_not_its_comments_feed(bot: Bot) -> None:
    reply = await bot.say(f"sources add {bot.base}/home")
    assert not reply.error, reply.text
    assert reply.text.startswith(f"Following {bot.base}/feed.xml;")
    assert f"{bot.base}/home is a web page; it names its feed, {bot.base}/feed.xml, which is followed" in reply.text
    assert await bot.followed() == (f"{bot.base}/feed.xml",)
    assert (await bot.say(f"sources add {bot.base}/home")).text == f"This channel already follows {bot.base}/feed.xml."


@pytest.mark.parametrize(("path", "reason"), [
    ("/bare", "is a web page, not a feed, and names no feed that could be read"),
    ("/broken", "is a web page, not a feed, and names no feed that could be read"),  # its feed link is a 404
    ("/notes.txt", "is not a feed (RSS, Atom or JSON Feed)"),
    ("/gone", "HTTP 404"),
    ("/withdrawn", "HTTP 410"),
])
async def test_an_address_that_will_not_work_is_refused_and_nothing_is_followed(
        bot: Bot, path: str, reason: str) -> None:
    reply = await bot.say(f"sources add {bot.base}{path}")
    assert reply.error and reason in reply.text and reply.text.endswith("Nothing was followed."), reply.text
    assert await bot.followed() == ()


@pytest.mark.parametrize(("path", "said"), [("/busy", "HTTP 503"), ("/slow-down", "HTTP 429")])
async def test_a_passing_failure_is_followed_anyway_and_says_so(bot: Bot, path: str, said: str) -> None:
    reply = await bot.say(f"sources add {bot.base}{path}")
    assert not reply.error
    assert reply.text.startswith(f"Following {bot.base}{path};")
    assert f"I could not read it just now ({said}" in reply.text, reply.text
    assert "polling will try again" in reply.text
    assert await bot.followed() == (f"{bot.base}{path}",)


OPML_OF = "sources import <opml><body><outline xmlUrl=\"{url}\"/></body></opml>"


@pytest.mark.parametrize("typed", ["sources add {url}", OPML_OF])
async def test_a_passing_failure_followed_anyway_is_recorded_failing_as_ingest_records_it(bot: Bot, typed: str) -> None:
    url = f"{bot.base}/busy"
    reply = await bot.say(typed.format(url=url))
    assert not reply.error and await bot.followed() == (url,), reply.text
    state = await SourceStore(bot.db).get(url)
    assert state is not None and state.failures == 1 and state.last_fetch_at == NOW
    assert state.last_error is not None and state.last_error.startswith(f"{url}: HTTP 503")
    listed = (await bot.say("sources list")).text
    assert f"last error: {url}: HTTP 503" in listed and "1 failure in a row" in listed, listed
    await bot.say(f"sources add {bot.base}/feed.xml")  # a source read well is recorded as nothing more
    assert (await SourceStore(bot.db).get(f"{bot.base}/feed.xml")).failures == 0  # type: ignore[union-attr]


def test_feed_links_are_absolute_in_page_order_with_comment_feeds_last_and_each_once() -> None:
    html = b"""<html><head><base href="https://news.example/section/">
    <link rel="alternate" type="application/atom+xml" title="Comments" href="comments.atom">
    <link rel="Alternate" type="application/rss+xml" href="rss.xml">
    <link rel="alternate" type="application/feed+json" href="https://news.example/feed.json">
    <link rel="alternate" type="application/rss+xml" href="rss.xml">
    <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
    <link rel="stylesheet" type="text/css" href="site.css">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head></html>"""
    assert feed_links(html, "https://news.example/section/today") == [
        "https://news.example/section/rss.xml", "https://news.example/feed.json",
        "https://news.example/section/comments.atom"]
    assert feed_links(b"<p>nothing", "https://news.example/") == []
