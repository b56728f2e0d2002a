"""A news sitemap source is stored and listed as a "sitemap" (it is read as a feed whose items' text is on their
pages), it is still polled like the feeds, and a 304 leaves the stored kind as it was."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from ingest_server import serving

from bot.cli import _run, parse_args
from bot.clock import ManualClock
from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import FullText
from bot.ingest.robots import RobotsRules
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.db import Database
from bot.store.page_retries import PageRetryStore
from bot.store.sources import SourceStore
from tests.first_sentence import FirstSentence

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)
NEWS = ('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')
PAGE = ("<html><head><title>Tide gauge moved to the east pier - Pier Post</title></head><body><article>"
        "<h1>Tide gauge moved to the east pier</h1><p>The harbour tide gauge was moved to the east pier on Sunday, "
        "the port office said, after the old mooring it hung from was found to be sinking.</p><p>Readings will be "
        "missing for two days while the new gauge is checked against the old one.</p><p>Skippers were asked to use "
        "the printed tables meanwhile.</p></article></body></html>")
FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Pier Post wire</title><item>"
        "<title>Crane hire rates rise at the quay</title><link>https://pier.example/crane</link>"
        "<pubDate>Mon, 23 Nov 2026 07:00:00 +0000</pubDate><description>Crane hire at the quay will cost more from "
        "January, the port office said on Monday, blaming higher insurance for the heavy lifting gear. Hauliers "
        "said they would pass the rise on to their customers.</description></item></channel></rss>")


@dataclass
class Site:
    """A local outlet with a news sitemap (answering 304 to its ETag), the sitemap's page and an RSS feed."""

    port: int = 0
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, status) of each request

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    state = Site()

    def answer(request: web.Request) -> web.Response:
        if request.path == "/news-sitemap.xml":
            if request.headers.get("If-None-Match") == '"v1"':
                return web.Response(status=304, headers={"ETag": '"v1"'})
            published = (NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            body = (f"<?xml version='1.0'?><urlset {NEWS}><url><loc>{state.base}/news/gauge</loc><news:news>"
                    "<news:publication><news:name>Pier Post</news:name><news:language>en</news:language>"
                    f"</news:publication><news:publication_date>{published}</news:publication_date>"
                    "<news:title>Tide gauge moved to the east pier</news:title></news:news></url></urlset>")
            return web.Response(text=body, content_type="application/xml", headers={"ETag": '"v1"'})
        if request.path == "/wire.xml":
            return web.Response(text=FEED, content_type="application/rss+xml")
        if request.path == "/news/gauge":
            return web.Response(text=PAGE, content_type="text/html")
        return web.Response(status=404, text="not here")

    async def handle(request: web.Request) -> web.Response:
        response = answer(request)
        state.requests.append((request.path, response.status))
        return response

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    async with serving(app) as port:
        state.port = port
        yield state


async def test_a_news_sitemap_is_listed_as_a_sitemap_and_polled_like_a_feed(
        site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = ManualClock(NOW)
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    sitemap_url, feed_url = f"{site.base}/news-sitemap.xml", f"{site.base}/wire.xml"
    try:
        full_text = FullText(CONFIG, max_age=timedelta(days=9), retries=PageRetryStore(db),
                             robots=RobotsRules(clock, user_agent=CONFIG.user_agent))
        pipeline = Pipeline(db, Config(ingest=CONFIG), clock, FirstSentence(), full_text=full_text)
        async with Fetcher(CONFIG) as fetcher:
            report = await pipeline.ingest([sitemap_url, feed_url], fetcher)
            assert report.added == 2 and not report.problems
            kinds = {s.key: s.kind for s in await SourceStore(db).list()}
            assert kinds == {sitemap_url: "sitemap", feed_url: "feed"}
            polled = await Poller(pipeline, fetcher, SourceStore(db), SchedulerConfig(), clock).poll_due(NOW)
        assert polled.polled == 2 and polled.failed == 0
        assert [status for path, status in site.requests if path == "/news-sitemap.xml"] == [200, 304]
        assert {s.key: s.kind for s in await SourceStore(db).list()} == kinds  # a 304 (no body read) keeps it
    finally:
        await db.close()
    assert await _run(parse_args(["sources", "--db", str(tmp_path / "store.db")])) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[listed.index(sitemap_url) + 1].startswith("    sitemap · Pier Post · 1 article · ")
    assert listed[listed.index(feed_url) + 1].startswith("    feed · Pier Post wire · 1 article · ")
