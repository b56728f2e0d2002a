"""A page that holds no article text and sends its readers on with <meta http-equiv="refresh"> is followed once, as
a redirect is (the same address checks, the hops counted with HTTP redirects), for a page source and a feed item's
page alike; a page with its own text, or a refresh to a refused scheme, is not followed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from local_site import LocalSite, serving_site

from bot.config import IngestConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import FullText
from bot.ingest.normalise import RawArticle, build_article
from bot.ingest.sources import SourceResult, read_source

NOW = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
STORY = (
    "<p>The Brannock lock reopened on Monday after a month of repairs, the canal trust said.</p>"
    "<p>Boats queued at both gates from dawn, and the lock keeper, Ysolde Marrin, said the new gates "
    "would last another forty years.</p>"
)


def _page(body: str, head: str = "", title: str = "Brannock lock reopens") -> web.Response:
    html = f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    return web.Response(text=html, content_type="text/html")


def _refresh(to: str) -> str:
    return f'<meta http-equiv="Refresh" content="0; url={to}">'


async def _answer(request: web.Request) -> web.StreamResponse | None:
    hops = {
        "/go": _refresh("/story"),
        "/go-quoted": "<meta http-equiv=refresh content=\"0;URL='/story'\">",
        "/go-file": _refresh("file:///etc/passwd"),
        "/go-again": _refresh("/go"),
        "/go-moved": _refresh("/moved"),
        "/self": _refresh("/self"),
        "/self-full": _refresh("http://127.0.0.1:{port}/self-full"),
        "/full": '<meta http-equiv="refresh" content="300">' + _refresh("/elsewhere"),
    }
    if request.path == "/story":
        return _page(f"<article><h1>Brannock lock reopens</h1>{STORY}</article>")
    if request.path == "/moved":
        raise web.HTTPFound("/story")
    if request.path == "/full":
        return _page(f"<article>{STORY}</article>", head=hops["/full"])
    if request.path in hops:
        head = hops[request.path].replace("{port}", str(request.url.port))
        return _page("<p>Redirecting...</p>", head=head, title="Redirecting")
    return None


@pytest.fixture
async def site() -> AsyncIterator[LocalSite]:
    async with serving_site(LocalSite(), _answer) as running:
        yield running


@pytest.mark.parametrize("path", ["/go", "/go-quoted"])
async def test_a_page_source_is_read_where_its_refresh_leads(site: LocalSite, path: str) -> None:
    async with Fetcher(LOCAL) as fetcher:
        result = await read_source(site.base + path, fetcher=fetcher, config=LOCAL, now=NOW)
    assert result.error is None
    assert [a.url for a in result.articles] == [site.base + "/story"]
    assert "Ysolde Marrin" in result.articles[0].text
    assert site.requests == [path, "/story"]


async def test_a_page_with_text_of_its_own_is_not_sent_on(site: LocalSite) -> None:
    async with Fetcher(LOCAL) as fetcher:
        result = await read_source(site.base + "/full", fetcher=fetcher, config=LOCAL, now=NOW)
    assert [a.url for a in result.articles] == [site.base + "/full"]
    assert site.requests == ["/full"]


async def test_a_refresh_to_a_file_is_refused_as_a_redirect_would_be(site: LocalSite) -> None:
    async with Fetcher(LOCAL) as fetcher:
        result = await read_source(site.base + "/go-file", fetcher=fetcher, config=LOCAL, now=NOW)
    assert result.error is not None and "refused" in result.error and "file" in result.error
    assert result.articles == ()


async def test_a_refresh_is_followed_once_and_counts_as_a_hop(site: LocalSite) -> None:
    async with Fetcher(LOCAL) as fetcher:
        again = await read_source(site.base + "/go-again", fetcher=fetcher, config=LOCAL, now=NOW)
    assert again.error is not None and again.articles == ()  # /go-again -> /go, whose own refresh is not followed
    assert site.requests == ["/go-again", "/go"]
    one_hop = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, max_redirects=1)
    async with Fetcher(one_hop) as fetcher:
        moved = await read_source(site.base + "/go-moved", fetcher=fetcher, config=one_hop, now=NOW)
    assert moved.error is not None and "too many redirects (more than 1)" in moved.error


async def test_a_feed_items_page_is_read_where_its_refresh_leads(site: LocalSite) -> None:
    teaser = build_article(
        RawArticle(
            title="Brannock lock reopens",
            text="The Brannock lock reopened on Monday.",
            url=site.base + "/go",
            published=NOW - timedelta(hours=1),
        ),
        source=site.base + "/feed.xml",
        now=NOW,
        config=LOCAL,
    )
    result = SourceResult(site.base + "/feed.xml", "feed", "Canal News", (teaser,), ())
    full = FullText(LOCAL, max_age=timedelta(days=9), robots=None)
    async with Fetcher(LOCAL) as fetcher:
        done = await full.complete(result, fetcher=fetcher, stored=_none, now=NOW)
    assert "Ysolde Marrin" in done.articles[0].text and done.articles[0].text_source == "page"
    assert site.requests == ["/go", "/story"]


async def _none(ids: object) -> set[str]:
    return set()


@pytest.mark.parametrize("path", ["/self", "/self-full"])
async def test_a_page_that_refreshes_to_itself_is_reported_as_such(site: LocalSite, path: str) -> None:
    async with Fetcher(LOCAL) as fetcher:
        result = await read_source(site.base + path, fetcher=fetcher, config=LOCAL, now=NOW)
    assert result.articles == () and result.error is not None
    assert "redirect loop" not in result.error
    assert f"the page {site.base}{path} has no article text and its meta refresh points to itself" in result.error
    assert site.requests == [path]
