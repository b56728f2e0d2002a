"""News sitemaps as newsrooms serve them: gzip files, blank lines before the declaration, repeated or relative
<loc>s, titles escaped twice, big plain sitemaps, odd W3C dates, and `sources add` of a robots.txt naming many
sitemaps or ones at private addresses."""

from __future__ import annotations

import gzip
import tracemalloc
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from local_site import LocalSite, serving_site

from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.ingest.discover import check_feed_url
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import RETRY_AFTER, FullText
from bot.ingest.normalise import parse_date
from bot.ingest.robots import RobotsRules
from bot.ingest.sitemaps import SitemapError, gunzip_capped, parse_sitemap
from bot.ingest.sources import read_source
from bot.pipeline import Pipeline
from bot.store.db import Database
from bot.store.page_retries import PageRetryStore
from tests.first_sentence import FirstSentence

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0,
                      full_text_max_per_source=1)
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:gn="http://www.google.com/schemas/sitemap-news/0.9"'


def news(loc: str, title: str, published: str, *, name: str | None = "Quay Courier") -> str:
    """One entry, with the namespace prefix "gn" rather than the usual "news"; ``name`` None: no publication."""
    publication = ("" if name is None else
                   f"<gn:publication><gn:name>{name}</gn:name><gn:language>en</gn:language></gn:publication>")
    return (f"<url><loc>{loc}</loc><gn:news>{publication}<gn:publication_date>{published}</gn:publication_date>"
            f"<gn:title>{title}</gn:title></gn:news></url>")


def urlset(*urls: str, head: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return (f"{head}<urlset {NS}>" + "".join(urls) + "</urlset>").encode()


# --- the document ----------------------------------------------------------------------------------------------


def test_blank_lines_before_the_xml_declaration_do_not_make_a_sitemap_malformed() -> None:
    data = b"\n\n  " + urlset(news("https://courier.example/a", "Pier reopens after repairs", "2026-11-23"))
    assert [e.title for e in parse_feed(data).entries] == ["Pier reopens after repairs"]


def test_a_loc_listed_twice_is_read_once_with_its_newest_entry() -> None:
    data = urlset(news("https://courier.example/a", "Pier closed for repairs", "2026-11-22T10:00:00Z"),
                  news("https://courier.example/b", "Bus fares frozen", "2026-11-22T12:00:00Z"),
                  news(" https://courier.example/a\n", "Pier reopens after repairs", "2026-11-23T07:00:00Z"))
    _, _, entries, problems = parse_sitemap(data, max_entries=10)
    assert [(e.url, e.title) for e in entries] == [("https://courier.example/a", "Pier reopens after repairs"),
                                                    ("https://courier.example/b", "Bus fares frozen")]
    assert problems == ["1 news entry repeating an earlier <loc> read once (the newest)"]


def test_relative_and_non_web_locs_are_skipped_with_a_line() -> None:
    data = urlset(news("/2026/11/pier", "Pier reopens after repairs", "2026-11-23"),
                  news("ftp://courier.example/fares", "Bus fares frozen", "2026-11-23"),
                  news("https://courier.example/tram", "Tram depot extended", "2026-11-23"))
    feed = parse_feed(data)
    assert [e.url for e in feed.entries] == ["https://courier.example/tram"]
    assert feed.notes == ("2 news entries whose <loc> is not a full http(s) address skipped",)


def test_the_sitemap_is_named_by_the_entries_that_carry_a_publication_block() -> None:
    data = urlset(news("https://courier.example/a", "Pier reopens", "2026-11-23", name=None),
                  news("https://courier.example/b", "Bus fares frozen", "2026-11-23", name=None),
                  news("https://courier.example/c", "Tram depot extended", "2026-11-23"))
    feed = parse_feed(data)
    assert feed.name == "Quay Courier" and feed.language == "en"
    assert [e.outlet for e in feed.entries] == ["", "", "Quay Courier"]


def test_a_title_escaped_twice_and_cdata_read_as_their_characters() -> None:
    data = urlset(news("https://courier.example/a", "Mayor&amp;#8217;s budget &amp;amp; the pier", "2026-11-23"),
                  news("https://courier.example/b", "<![CDATA[Fares & fees]]>", "2026-11-22"))
    assert [e.title for e in parse_feed(data).entries] == ["Mayor\u2019s budget & the pier", "Fares & fees"]


def test_odd_but_valid_w3c_dates_sort_newest_first_and_are_stored_as_given() -> None:
    dates = {"a": "2026-11-23T09:00+01:00",  # 08:00 UTC, no seconds
             "b": "2026-11-23T08:30:00.123456789Z",  # nanoseconds
             "c": "2026-11-23T07:59:59.5-00:00",
             "d": "yesterday",  # unreadable: last, stored undated
             "e": "2026-11-23T08:15Z"}
    data = urlset(*(news(f"https://courier.example/{k}", f"Story {k}", v) for k, v in dates.items()))
    entries = parse_feed(data).entries
    assert [e.url[-1] for e in entries] == ["b", "e", "a", "c", "d"]
    stored = {e.url[-1]: parse_date(e.published, NOW) for e in entries}
    assert stored["a"] == datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert stored["d"] is None


def test_a_big_plain_sitemap_with_a_few_news_entries_is_read_without_holding_its_whole_tree() -> None:
    plain = "".join(f"<url><loc>https://courier.example/page/{n}</loc><lastmod>2026-11-01</lastmod>"
                    "<changefreq>daily</changefreq><priority>0.5</priority></url>" for n in range(10_000))
    data = urlset(plain, *(news(f"https://courier.example/n{n}", f"Story {n}", f"2026-11-2{n}") for n in range(3)))
    tracemalloc.start()
    try:
        feed = parse_feed(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.title for e in feed.entries] == ["Story 2", "Story 1", "Story 0"]
    assert feed.notes == ("10000 entries without <news:news> (no headline or date) skipped",)
    assert peak < 3 * len(data)  # a whole ElementTree of it took about 6.5 times the document's size


def test_an_index_names_its_sitemaps_with_their_escaped_ampersands_read() -> None:
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
             b"<loc>https://courier.example/sitemap.php?type=news&amp;day=23</loc></sitemap></sitemapindex>")
    with pytest.raises(SitemapError, match=r"\(https://courier.example/sitemap.php\?type=news&day=23\)"):
        parse_feed(index)


def test_a_gzip_file_is_inflated_only_up_to_the_cap() -> None:
    data = urlset(news("https://courier.example/a", "Pier reopens", "2026-11-23"))
    assert gunzip_capped(gzip.compress(data), len(data)) == data
    assert gunzip_capped(data, 10) == data  # not gzip: as it was
    with pytest.raises(SitemapError, match="too large after decompression: more than 100000 bytes"):
        gunzip_capped(gzip.compress(b" " * 5_000_000), 100_000)  # a bomb: 5 MB from about 5 KB
    with pytest.raises(SitemapError, match="truncated gzip"):
        gunzip_capped(gzip.compress(data)[:-12], len(data))


# --- served ------------------------------------------------------------------------------------------------------


def article_page(title: str) -> str:
    words = " ".join(f"The {title.lower()} story carries sentence number {n} with enough words to read."
                     for n in range(30))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{words}</p></article>" \
           "</body></html>"


@dataclass
class Courier(LocalSite):
    """A local outlet serving its news sitemap gzipped (as a file, not as a Content-Encoding) and its pages."""

    entries: list[str] = field(default_factory=list)
    robots: str = ""
    gz_type: str = "application/x-gzip"


@pytest.fixture
async def courier() -> AsyncIterator[Courier]:
    state = Courier()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path == "/news-sitemap.xml.gz":
            return web.Response(body=gzip.compress(urlset(*state.entries)), content_type=state.gz_type)
        if request.path == "/bomb.xml.gz":
            return web.Response(body=gzip.compress(urlset(" " * 3_000_000)), content_type=state.gz_type)
        if request.path == "/robots.txt":
            return web.Response(text=state.robots, content_type="text/plain")
        if request.path == "/":
            return web.Response(text="<html><head><title>Quay Courier</title></head><body><p>Today.</p></body>"
                                     "</html>", content_type="text/html")
        if request.path.startswith("/news/"):
            return web.Response(text=article_page(request.path.rsplit("/", 1)[-1].title()), content_type="text/html")
        return None

    async with serving_site(state, answer):
        yield state


@pytest.fixture
async def pipeline(tmp_path: Path) -> AsyncIterator[Pipeline]:
    clock = ManualClock(NOW)
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    full_text = FullText(CONFIG, max_age=timedelta(days=9), robots=RobotsRules(clock, user_agent=CONFIG.user_agent),
                         retries=PageRetryStore(db))
    yield Pipeline(db, Config(ingest=CONFIG), clock, FirstSentence(), full_text=full_text)
    await db.close()


@pytest.mark.parametrize("gz_type", ["application/x-gzip", "application/octet-stream"])
async def test_a_gzipped_news_sitemap_is_read_and_its_waiting_lines_are_notes_not_errors(
        courier: Courier, pipeline: Pipeline, gz_type: str) -> None:
    courier.gz_type = gz_type
    stamp = (NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    courier.entries = [news(f"{courier.base}/news/pier", "The pier story", stamp),
                       news(f"{courier.base}/news/fares", "The fares story", stamp)]
    url = f"{courier.base}/news-sitemap.xml.gz"
    async with Fetcher(CONFIG) as fetcher:
        check = await check_feed_url(url, fetcher.fetch)
        report = await pipeline.ingest([url], fetcher)
    assert check.ok and check.url == url
    assert report.added == 1 and report.problems == []  # one page per read (full_text_max_per_source = 1)
    assert [n.reason for n in report.notes] == ["1 entry waits for a later read (at most 1 page is read per read "
                                                "of a source: ingest.full_text_max_per_source)"]
    source = await pipeline.sources.get(url)
    assert source is not None and source.last_error is None and source.etag is None


async def test_a_short_headline_is_a_headline_not_a_menu_line_and_gets_its_page(
        courier: Courier, pipeline: Pipeline) -> None:
    stamp = (NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    courier.entries = [news(f"{courier.base}/news/harbour-strike", "Harbour strike", stamp)]
    async with Fetcher(CONFIG) as fetcher:
        report = await pipeline.ingest([f"{courier.base}/news-sitemap.xml.gz"], fetcher)
    assert report.problems == [] and report.added == 1
    [stored] = await pipeline.articles.get_many(report.new_ids)
    assert stored.title == "Harbour strike" and "sentence number 29" in stored.text  # the page's text
    assert courier.requests.count("/news/harbour-strike") == 1


async def test_polled_every_15_minutes_a_page_that_keeps_failing_is_asked_for_only_as_the_retries_allow(
        courier: Courier, pipeline: Pipeline) -> None:
    stamp = (NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    courier.entries = [news(f"{courier.base}/news/pier", "The pier story", stamp),
                       news(f"{courier.base}/news/fares", "The fares story", stamp),
                       news(f"{courier.base}/news/tram", "The tram story", stamp)]
    courier.down = {"/news/pier", "/news/fares", "/news/tram"}  # the whole site fails: HOST_FAILURES after two
    clock, full_text = pipeline.clock, pipeline.full_text
    assert isinstance(clock, ManualClock) and full_text is not None
    full_text.config = replace(CONFIG, full_text_max_per_source=20)
    stored: list[str] = []
    async with Fetcher(CONFIG) as fetcher:
        for _ in range(4 * 24):  # a day of polls
            report = await pipeline.ingest([f"{courier.base}/news-sitemap.xml.gz"], fetcher)
            stored += [a.title for a in await pipeline.articles.get_many(report.new_ids)]
            clock.advance(timedelta(minutes=15))
    assert sorted(stored) == ["The fares story", "The pier story", "The tram story"]  # each headline once, at last
    # each page asked for once and at each retry, the third too although two failures before it end every read
    assert {courier.requests.count(path) for path in courier.down} == {1 + len(RETRY_AFTER)}


async def test_a_gzip_bomb_sitemap_stops_at_the_fetchers_size_cap(courier: Courier) -> None:
    small = replace(CONFIG, max_bytes=1_000_000)
    async with Fetcher(small) as fetcher:
        result = await read_source(f"{courier.base}/bomb.xml.gz", fetcher=fetcher, config=small, now=NOW)
        check = await check_feed_url(f"{courier.base}/bomb.xml.gz", fetcher.fetch)
    assert result.error is not None and "too large after decompression: more than 1000000 bytes" in result.error
    assert not check.ok  # MAX_BYTES (10 MB) holds it, but it has no news entries


async def test_a_robots_txt_naming_a_thousand_sitemaps_costs_two_reads(courier: Courier) -> None:
    stamp = (NOW - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    courier.entries = [news(f"{courier.base}/news/pier", "Pier", stamp)]
    courier.robots = f"User-agent: *\nSitemap: {courier.base}/pages.xml\nSitemap: {courier.base}/news-sitemap.xml.gz\n"
    async with Fetcher(CONFIG) as fetcher:
        found = await check_feed_url(f"{courier.base}/", fetcher.fetch)
        courier.robots = "User-agent: *\n" + "".join(f"Sitemap: {courier.base}/news-{n}.xml\n" for n in range(1000))
        courier.requests.clear()
        none = await check_feed_url(f"{courier.base}/", fetcher.fetch)
    assert found.ok and found.url == f"{courier.base}/news-sitemap.xml.gz"  # news-named first, and gzipped
    assert not none.ok and courier.requests == ["/", "/robots.txt", "/news-0.xml", "/news-1.xml"]


async def test_a_sitemap_line_naming_a_private_address_is_refused_by_the_fetchers_guard(courier: Courier) -> None:
    async def dns(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    courier.robots = (f"Sitemap: http://127.0.0.1:{courier.port}/news-sitemap.xml.gz\n"
                      f"Sitemap: http://intranet.test:{courier.port}/news-sitemap.xml.gz\n")
    public_only = replace(CONFIG, allow_private_networks=False)
    async with Fetcher(public_only, resolver=dns, trusted_hosts=["courier.test"]) as fetcher:
        found = await check_feed_url(f"http://courier.test:{courier.port}/", fetcher.fetch)
    assert not found.ok and "names no feed that could be read" in found.note
    assert courier.requests == ["/", "/robots.txt"]  # neither sitemap was requested
