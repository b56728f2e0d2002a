"""News sitemaps: read as feeds of links whose text is on their pages; a headline alone is never stored while its
page may still come, a backlog waits for later reads, and indexes or plain sitemaps are refused by name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from local_site import LocalSite, serving_site

from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.ingest.discover import check_feed_url
from bot.ingest.feeds import FeedError, parse_feed, sniff
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import FullText
from bot.ingest.robots import RobotsRules
from bot.ingest.sitemaps import SitemapError, looks_like_sitemap, parse_sitemap
from bot.pipeline import Pipeline
from bot.store.db import Database
from bot.store.page_retries import PageRetryStore
from tests.first_sentence import FirstSentence

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0,
                      full_text_max_per_source=2)
NEWS_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ' \
          'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def news_url(loc: str, title: str, published: str, *, name: str = "Harbour Ledger", language: str = "en") -> str:
    return (f"<url><loc>{loc}</loc><news:news><news:publication><news:name>{name}</news:name>"
            f"<news:language>{language}</news:language></news:publication>"
            f"<news:publication_date>{published}</news:publication_date><news:title>{title}</news:title>"
            "</news:news></url>")


def sitemap(*urls: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NEWS_NS}>' + "".join(urls) + "</urlset>").encode()


def page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title} - Harbour Ledger</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Subscribe to our newsletter</footer></body></html>")


PAGES = {
    "/news/ferry": page("Ferry timetable cut for winter",
                        "The island ferry will sail four times a day instead of seven from December, the operator "
                        "said on Monday, citing falling passenger numbers after the summer season.",
                        "Residents of the outer islands said the cut would leave them without an evening crossing "
                        "on weekdays, and the council asked the operator to keep the last sailing at least.",
                        "The operator said it would review the timetable in March."),
    "/news/market": page("Fish market moves to the old customs hall",
                         "The weekly fish market will move into the old customs hall from January, the harbour "
                         "board decided on Monday after a year of complaints about the open quay in winter.",
                         "Traders welcomed the decision but asked for cold storage to be installed before the move, "
                         "which the board said would cost about 40,000 marks.",
                         "The customs hall has stood empty since the port office moved out six years ago."),
    "/news/lighthouse": page("Lighthouse keeper's cottage to become a museum",
                             "The cottage beside the north lighthouse will open as a small museum next summer, the "
                             "heritage trust said, after volunteers restored its roof and windows.",
                             "The trust plans to show the keepers' log books, some of them two centuries old, and "
                             "a lamp taken from the tower when it was automated.",
                             "Entry will be free on the first Sunday of each month."),
    "/news/wall": "<html><head><title>Before you continue</title></head><body><main><p>We and our partners use "
                  "cookies to store and access information on your device. Select accept to agree or manage your "
                  "choices in the privacy centre at any time.</p></main></body></html>",
}


@dataclass
class Site(LocalSite):
    """A local outlet without a feed: a news sitemap, its pages and robots.txt; it counts every request."""

    entries: list[str] = field(default_factory=list)
    robots: str = "User-agent: *\nDisallow: /private\n"


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    state = Site()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path == "/news-sitemap.xml":
            body = sitemap(*state.entries)
            etag = f'"{hash(body) & 0xffffffff:x}"'
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(body=body, content_type="application/xml", headers={"ETag": etag})
        if request.path == "/robots.txt":
            return web.Response(text=state.robots, content_type="text/plain")
        if request.path == "/sitemap-index.xml":
            return web.Response(body=INDEX, content_type="application/xml")
        if request.path == "/sitemap-pages.xml":
            return web.Response(body=b"<urlset><url><loc>https://x.example/about</loc></url></urlset>",
                                content_type="application/xml")
        if request.path == "/":
            return web.Response(text="<html><head><title>Harbour Ledger</title></head><body><p>Today.</p></body>"
                                     "</html>", content_type="text/html")
        if request.path in PAGES:
            return web.Response(text=PAGES[request.path], content_type="text/html")
        return None

    async with serving_site(state, answer):
        yield state


INDEX = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
         b"<sitemap><loc>https://ledger.example/sitemap-pages.xml</loc></sitemap>"
         b"<sitemap><loc>https://ledger.example/sitemap-news.xml</loc></sitemap></sitemapindex>")


def entry(state: Site, path: str, title: str, hours_ago: float) -> str:
    published = (NOW - timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return news_url(f"{state.base}{path}", title, published)


@pytest.fixture
async def pipeline(tmp_path: Path) -> AsyncIterator[tuple[Pipeline, ManualClock]]:
    clock = ManualClock(NOW)
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    full_text = FullText(CONFIG, max_age=timedelta(days=9), robots=RobotsRules(clock, user_agent=CONFIG.user_agent),
                         retries=PageRetryStore(db))
    yield Pipeline(db, Config(ingest=CONFIG), clock, FirstSentence(), full_text=full_text), clock
    await db.close()


# --- reading the document ---------------------------------------------------------------------------------


def test_a_news_sitemap_reads_as_headlines_linking_to_their_pages_newest_first() -> None:
    data = sitemap(news_url("https://ledger.example/a", "Quay lights repaired", "2026-11-22T08:00:00+01:00"),
                   news_url("https://ledger.example/b", "Tram line extended", "2026-11-23T06:30:00Z",
                            language="de", name="Ledger Abend"),
                   news_url("https://ledger.example/c", "Harbour toll &amp; fees", "2026-11-22"),
                   "<url><loc>https://ledger.example/about</loc><lastmod>2026-01-01</lastmod></url>",
                   "<url><loc>https://ledger.example/d</loc><news:news><news:title></news:title></news:news></url>")
    feed = parse_feed(data)
    assert feed.page_items
    assert [(e.url, e.title, e.text) for e in feed.entries] == [
        ("https://ledger.example/b", "Tram line extended", "Tram line extended"),
        ("https://ledger.example/a", "Quay lights repaired", "Quay lights repaired"),
        ("https://ledger.example/c", "Harbour toll & fees", "Harbour toll & fees")]
    assert [e.language for e in feed.entries] == ["de", "en", "en"]
    assert [e.outlet for e in feed.entries] == ["Ledger Abend", "Harbour Ledger", "Harbour Ledger"]
    assert feed.entries[0].published == "2026-11-23T06:30:00Z"
    assert feed.name == "Harbour Ledger"  # the publication most entries name
    assert feed.notes == ("1 entry without <news:news> (no headline or date) skipped",
                          "1 news entry without a <loc> or <news:title> skipped")


def test_only_the_newest_entries_are_read_past_the_cap() -> None:
    urls = [news_url(f"https://ledger.example/{n}", f"Item number {n}", f"2026-11-{n + 1:02d}T10:00:00Z")
            for n in range(6)]
    name, _, entries, problems = parse_sitemap(sitemap(*urls), max_entries=4)
    assert name == "Harbour Ledger"
    assert [e.title for e in entries] == ["Item number 5", "Item number 4", "Item number 3", "Item number 2"]
    assert problems == ["sitemap has 6 news entries; only the newest 4 were read"]


def test_an_index_a_plain_sitemap_and_broken_xml_are_refused_with_what_to_do() -> None:
    with pytest.raises(SitemapError, match=r"a sitemap index.*\(https://ledger.example/sitemap-news.xml, "
                                           r"https://ledger.example/sitemap-pages.xml\)"):
        parse_feed(INDEX)
    plain = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url>' \
            b"</urlset>"
    with pytest.raises(SitemapError, match=r"no news entries \(1 plain <url> entry\)"):
        parse_feed(plain)
    with pytest.raises(SitemapError, match="malformed XML"):
        parse_feed(sitemap(news_url("https://x.example/a", "Title <b>unclosed", "2026-11-23")))
    bomb = b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaa">]><urlset>&a;</urlset>'
    with pytest.raises(FeedError, match="declares entities"):
        parse_feed(bomb)


def test_a_sitemap_is_told_from_feeds_and_pages_by_its_root_element() -> None:
    assert looks_like_sitemap(b"\xef\xbb\xbf<!-- generated --><?xml-stylesheet href='s.xsl'?>\n<urlset>")
    assert looks_like_sitemap(b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>")
    assert looks_like_sitemap(b"\r\n\xef\xbb\xbf\n<urlset>")  # blank lines before a BOM, as fetched
    assert not looks_like_sitemap(b"<?xml version='1.0'?><rss version='2.0'><channel><title>urlset</title>")
    assert not looks_like_sitemap(b"<html><body><urlset></urlset></body></html>")
    assert sniff(b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'></urlset>") == "xml-feed"
    feed = parse_feed(b"<?xml version='1.0'?><rss version='2.0'><channel><title>Ledger</title><item>"
                      b"<title>urlset explained</title><description>A text about sitemaps.</description></item>"
                      b"</channel></rss>")
    assert not feed.page_items and feed.entries[0].title == "urlset explained"


# --- through the pipeline ---------------------------------------------------------------------------------


async def test_each_read_fetches_a_few_pages_and_the_rest_wait_unstored_for_the_next(
        site: Site, pipeline: tuple[Pipeline, ManualClock]) -> None:
    store, clock = pipeline
    site.entries = [entry(site, "/news/ferry", "Ferry timetable cut for winter", 1),
                    entry(site, "/news/market", "Fish market moves to the old customs hall", 2),
                    entry(site, "/news/lighthouse", "Lighthouse keeper's cottage to become a museum", 3)]
    url = f"{site.base}/news-sitemap.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await store.ingest([url], fetcher)
        stored = await store.articles.get_many(first.new_ids)
        assert sorted(a.title for a in stored) == ["Ferry timetable cut for winter",
                                                   "Fish market moves to the old customs hall"]
        assert all(len(a.sentences) >= 3 for a in stored)  # the pages' text, not the headlines
        assert "Subscribe" not in " ".join(a.text for a in stored)
        assert any("1 entry waits for a later read" in line for line in first.lines)
        assert site.hits("/news/lighthouse") == 0

        clock.advance(timedelta(minutes=15))
        second = await store.ingest([url], fetcher)  # the sitemap has not changed: read whole all the same
    assert [a.title for a in await store.articles.get_many(second.new_ids)] == [
        "Lighthouse keeper's cottage to become a museum"]
    assert site.hits("/news/ferry") == site.hits("/news/market") == site.hits("/news/lighthouse") == 1
    assert not any("wait" in line for line in second.lines)


async def test_a_page_that_may_come_later_keeps_its_headline_out_until_it_does(
        site: Site, pipeline: tuple[Pipeline, ManualClock]) -> None:
    store, clock = pipeline
    site.entries = [entry(site, "/news/ferry", "Ferry timetable cut for winter", 1),
                    entry(site, "/news/wall", "Harbour board elects a new chair", 2)]
    site.down = {"/news/ferry"}
    url = f"{site.base}/news-sitemap.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await store.ingest([url], fetcher)
        # the consent wall will stay one: its headline is stored, once, as a feed's teaser would be
        assert [a.title for a in await store.articles.get_many(first.new_ids)] == ["Harbour board elects a new chair"]
        assert any("HTTP 503" in line and "asked for again later" in line for line in first.lines)

        clock.advance(timedelta(minutes=10))  # before the page's next try: not asked, not stored
        early = await store.ingest([url], fetcher)
        assert early.added == 0 and site.hits("/news/ferry") == 1
        assert any("1 entry waits for its page to be asked for again" in line for line in early.lines)

        site.down = set()
        clock.advance(timedelta(minutes=25))  # past the first wait (30 minutes)
        later = await store.ingest([url], fetcher)
    ferry = await store.articles.get_many(later.new_ids)
    assert [a.title for a in ferry] == ["Ferry timetable cut for winter"]
    assert "four times a day" in ferry[0].text
    assert site.hits("/news/wall") == 1  # the wall is never asked for again


async def test_entries_too_old_to_be_news_are_neither_fetched_nor_stored(
        site: Site, pipeline: tuple[Pipeline, ManualClock]) -> None:
    store, _ = pipeline
    site.entries = [entry(site, "/news/ferry", "Ferry timetable cut for winter", 24 * 30)]
    async with Fetcher(CONFIG) as fetcher:
        report = await store.ingest([f"{site.base}/news-sitemap.xml"], fetcher)
    assert report.added == 0 and site.hits("/news/ferry") == 0
    assert any("1 entry too old to be news" in line for line in report.lines)


# --- `sources add` ----------------------------------------------------------------------------------------


async def test_sources_add_follows_a_news_sitemap_and_refuses_an_index_with_its_news_sitemap_named(
        site: Site) -> None:
    site.entries = [entry(site, "/news/ferry", "Ferry timetable cut for winter", 1)]
    async with Fetcher(CONFIG) as fetcher:
        given = await check_feed_url(f"{site.base}/news-sitemap.xml", fetcher.fetch)
        index = await check_feed_url(f"{site.base}/sitemap-index.xml", fetcher.fetch)
        plain = await check_feed_url(f"{site.base}/sitemap-pages.xml", fetcher.fetch)
    assert given.ok and given.url == f"{site.base}/news-sitemap.xml" and given.note == ""
    assert not index.ok and "a sitemap index" in index.note and "https://ledger.example/sitemap-news.xml" in index.note
    assert not plain.ok and "no news entries" in plain.note and "Nothing was followed" in plain.note


async def test_a_home_page_naming_no_feed_is_swapped_for_the_news_sitemap_its_robots_txt_lists(site: Site) -> None:
    site.entries = [entry(site, "/news/ferry", "Ferry timetable cut for winter", 1)]
    site.robots = (f"User-agent: *\nDisallow: /private\nSitemap: {site.base}/sitemap-pages.xml\n"
                   f"sitemap:   {site.base}/news-sitemap.xml\n")
    async with Fetcher(CONFIG) as fetcher:
        found = await check_feed_url(f"{site.base}/", fetcher.fetch)
        site.robots = f"User-agent: *\nSitemap: {site.base}/sitemap-pages.xml\n"
        none = await check_feed_url(f"{site.base}/", fetcher.fetch)
    assert found.ok and found.url == f"{site.base}/news-sitemap.xml"
    assert "robots.txt lists a news sitemap" in found.note
    assert site.hits("/sitemap-pages.xml") == 1  # news-named first: the plain one was read only the second time
    assert not none.ok and "names no feed that could be read" in none.note
