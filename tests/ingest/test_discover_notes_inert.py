"""Feed discovery's notes go to chat as the `sources add` / `sources import` reply: a URL in them (typed, named by a
page or a robots.txt, listed by a sitemap index) and a server's reason show as text on Slack and Discord, while
the URL followed is kept exactly as found."""

from __future__ import annotations

import re

import pytest

from benchmarks.reliability_render import assert_discord_safe, assert_slack_safe, strings
from bot.ingest.discover import FeedCheck, Probe, check_feed_url
from bot.ingest.fetch import FetchError, FetchResult
from digests.render_discord import render_text_messages
from digests.render_slack import render_text

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Ledger</title><item><title>Tolls rise'
       b'</title><link>https://ledger.test/tolls</link></item></channel></rss>')
NEWS_SITEMAP = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://ledger.test/a</loc>'
                b'<news:news><news:publication><news:name>Quay Ledger</news:name><news:language>en</news:language>'
                b'</news:publication><news:publication_date>2031-03-03T06:00:00Z</news:publication_date>'
                b'<news:title>Tolls rise</news:title></news:news></url></urlset>')
EVIL = "https://ledger.test/[click](https://evil.example)"  # a masked link, inside a URL
LOUD = "https://ledger.test/feed?@everyone"  # a broadcast, inside a URL
_MD_LINK = re.compile(r"(?<!\\)\]\((?:<)?https?://evil")
_MD_BOLD = re.compile(r"(?<!\\)\*\*bold")


def _probe(pages: dict[str, FetchResult | FetchError]) -> Probe:
    async def probe(url: str) -> FetchResult:
        found = pages.get(url) or FetchError(url, "HTTP 404 Not Found", status=404)
        if isinstance(found, FetchError):
            raise found
        return found
    return probe


def _page(url: str, body: bytes, kind: str) -> FetchResult:
    return FetchResult(url, 200, body, content_type=kind)


def _assert_inert(note: str) -> None:
    assert note
    for content in render_text_messages(note):
        assert_discord_safe(content, content=True)
        assert not _MD_LINK.search(content), content
        assert not _MD_BOLD.search(content), content
    for message in render_text(note):
        for shown in strings(message.blocks):
            assert_slack_safe(shown)
            assert "<https://evil" not in shown and "*bold*" not in shown, shown


async def _check(url: str, pages: dict[str, FetchResult | FetchError]) -> FeedCheck:
    return await check_feed_url(url, _probe(pages))


@pytest.mark.parametrize("typed", [EVIL, LOUD])
async def test_a_typed_url_repeated_in_a_refusal_is_text(typed: str) -> None:
    missing = await _check(typed, {})
    not_feed = await _check(typed, {typed: _page(typed, b"\x89PNG\r\n", "image/png")})
    no_feed = await _check(typed, {typed: _page(typed, b"<html><head></head><body>hi</body></html>", "text/html")})
    for check in (missing, not_feed, no_feed):
        assert not check.ok
        _assert_inert(check.note)
        assert "ledger.test/" in check.note  # the URL is still named


async def test_a_feed_a_page_names_is_followed_as_found_and_named_as_text() -> None:
    for found in (EVIL, LOUD):
        page = f'<html><head><link rel="alternate" type="application/rss+xml" href="{found}"></head></html>'
        check = await _check("https://ledger.test/", {
            "https://ledger.test/": _page("https://ledger.test/", page.encode(), "text/html"),
            found: _page(found, RSS, "application/rss+xml")})
        assert check.url == found  # what is followed is the URL itself, not its shown form
        _assert_inert(check.note)


async def test_a_news_sitemap_from_robots_txt_is_named_as_text() -> None:
    robots = f"User-agent: *\nSitemap: {LOUD}\n".encode()
    check = await _check("https://ledger.test/", {
        "https://ledger.test/": _page("https://ledger.test/", b"<html></html>", "text/html"),
        "https://ledger.test/robots.txt": _page("https://ledger.test/robots.txt", robots, "text/plain"),
        LOUD: _page(LOUD, NEWS_SITEMAP, "application/xml")})
    assert check.url == LOUD
    _assert_inert(check.note)


async def test_a_servers_reason_and_a_sitemap_index_s_urls_are_text() -> None:
    url = "https://ledger.test/feed"
    loud = await _check(url, {url: FetchError(url, "HTTP 403 **bold** <!channel> @everyone [click](https://evil.example)",
                                              status=403)})
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b'<sitemap><loc>https://ledger.test/news-[click](https://evil.example)</loc></sitemap>'
             b'<sitemap><loc>https://ledger.test/news?@everyone</loc></sitemap></sitemapindex>')
    listed = await _check(url, {url: _page(url, index, "application/xml")})
    for check in (loud, listed):
        assert not check.ok
        _assert_inert(check.note)
    assert "a sitemap index" in listed.note and "https://ledger.test/news" in listed.note
