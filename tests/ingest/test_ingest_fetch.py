"""Fetching and reading URLs against a misbehaving local server: every bad case is one clear line."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from ingest_server import ETAG, FEED, LAST_MODIFIED, Server, serve

from bot.config import IngestConfig
from bot.ingest.fetch import Fetcher, FetchError
from bot.ingest.sources import SourceResult, read_source

NOW = datetime(2025, 3, 1, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    async with serve() as running:
        yield running


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _read(url: str, config: IngestConfig = LOCAL) -> SourceResult:
    async with Fetcher(config, first_byte_timeout=0.5) as fetcher:
        return await read_source(url, fetcher=fetcher, config=config, now=NOW)


async def test_feed_url_becomes_articles_and_conditional_get_says_not_modified(server: Server) -> None:
    url = server.url("/feed.xml")
    async with Fetcher(LOCAL) as fetcher:
        first = await read_source(url, fetcher=fetcher, config=LOCAL, now=NOW)
        again = await read_source(url, fetcher=fetcher, config=LOCAL, now=NOW, etag=first.etag,
                                  last_modified=first.last_modified)
    assert first.error is None and first.kind == "feed" and first.name == "Local Ledger"
    assert [a.title for a in first.articles] == ["Ferry timetable changes", "Market moves indoors"]
    assert first.articles[1].published is None  # no date: accepted
    assert (first.etag, first.last_modified) == (ETAG, LAST_MODIFIED)
    assert again.not_modified and again.articles == () and again.etag == ETAG


async def test_page_url_gzip_and_followed_redirect(server: Server) -> None:
    page = await _read(server.url("/page.html"))
    assert page.kind == "page" and page.articles[0].outlet == "Hill Post"
    assert "Also read" not in page.articles[0].text
    gz = await _read(server.url("/gzip.xml"))
    assert len(gz.articles) == 2
    async with Fetcher(LOCAL) as fetcher:
        moved = await fetcher.fetch(server.url("/moved"))
    assert moved.url == server.url("/feed.xml") and moved.status == 200


@pytest.mark.parametrize(("path", "reason"), [
    ("/loop-a", "redirect loop: "),
    ("/chain/0", "too many redirects (more than 5)"),
    ("/missing", "HTTP 404 Not Found"),
    ("/broken.xml", "malformed XML"),
    ("/empty", "empty"),
    ("/binary", "binary data, not text"),
    ("/big", "too large: more than 10000000 bytes"),
    ("/big-declared", "too large: Content-Length 50000000 bytes is over the 10000000-byte limit"),
    ("/bomb", "too large after decompression: more than 10000000 bytes"),
    ("/to-file", "refused: scheme 'file' is not fetched (only http and https)"),
])
async def test_bad_urls_give_one_clear_line(server: Server, path: str, reason: str) -> None:
    url = server.url(path)
    result = await _read(url)
    assert result.articles == ()
    assert result.error is not None and result.error.startswith(f"{url}: ")
    assert reason in result.error and "\n" not in result.error


async def test_gzip_bomb_is_stopped_early(server: Server) -> None:
    config = IngestConfig(allow_private_networks=True, max_bytes=2_000_000)
    with pytest.raises(FetchError, match="too large after decompression: more than 2000000 bytes") as caught:
        async with Fetcher(config) as fetcher:
            await fetcher.fetch(server.url("/bomb"))
    # stopped after a few KiB of the ~10 MB body (10 GiB once inflated): bounded work, not a wall-clock bound
    match = re.search(r"from (\d+) gzip bytes", caught.value.reason)
    assert match and int(match.group(1)) < 100_000
    assert server.sent["bomb"] < 10 * 1037 * 1024


async def test_feed_that_never_finishes_hits_the_total_timeout(server: Server) -> None:
    """The total timeout, not the (longer) first-byte one nor the server, ends the read: the error names the
    configured 0.4 s, and the server had sent only the first 200 bytes and never released the rest."""
    config = IngestConfig(allow_private_networks=True, timeout_seconds=0.4)
    async with Fetcher(config, first_byte_timeout=5) as fetcher:
        result = await read_source(server.url("/never.xml"), fetcher=fetcher, config=config, now=NOW)
    assert result.error == f"{server.url('/never.xml')}: timed out: no complete response within 0.4 s"
    assert result.articles == ()
    assert server.sent["never"] == 200 < len(FEED)
    assert not server.hang.is_set()


async def test_silent_server_hits_the_first_byte_timeout(server: Server) -> None:
    async with Fetcher(LOCAL, first_byte_timeout=0.3) as fetcher:
        with pytest.raises(FetchError, match=r"the server sent nothing for 0.3 s"):
            await fetcher.fetch(server.url("/silent"))


async def test_dead_url_is_connection_refused() -> None:
    url = f"http://127.0.0.1:{_free_port()}/feed.xml"
    result = await _read(url)
    assert result.error is not None and result.error.startswith(f"{url}: could not connect to 127.0.0.1")
    assert "Connection refused" in result.error


async def test_one_bad_source_does_not_stop_the_batch(server: Server) -> None:
    # a generous bound: the gzip bomb's decompression holds the loop, and under load a 1 s bound timed out the good
    # feed too; the source that never finishes is the total timeout's own test above
    config = IngestConfig(allow_private_networks=True, timeout_seconds=30.0)
    urls = [server.url(p) for p in ("/feed.xml", "/bomb", "/loop-a", "/page.html")]
    urls.append(f"http://127.0.0.1:{_free_port()}/x")
    async with Fetcher(config) as fetcher:
        results = await asyncio.gather(*(read_source(u, fetcher=fetcher, config=config, now=NOW) for u in urls))
    assert [bool(r.articles) for r in results] == [True, False, False, True, False], [r.error for r in results]
    assert all(r.error for r in results if not r.articles)


# --- server-side request forgery ---------------------------------------------------------------

DEFAULT = IngestConfig(timeout_seconds=2.0)  # private networks NOT allowed


async def _fake_dns(host: str, port: int) -> list[str]:
    table = {"allowed.test": ["127.0.0.1"], "internal.test": ["10.1.2.3"], "mixed.test": ["93.184.216.34", "::1"],
             "metadata.test": ["169.254.169.254"]}
    if host not in table:
        raise OSError(-2, "Name or service not known")
    return table[host]


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1:9/feed.xml", "refused: 127.0.0.1 is a loopback address (private networks are not fetched; "
                                    "set ingest.allow_private_networks)"),
    ("http://[::1]:9/", "refused: ::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]:9/", "refused: ::ffff:7f00:1 is a loopback address (IPv4 127.0.0.1 inside IPv6)"),
    ("http://0.0.0.0:9/", "refused: 0.0.0.0 is an unspecified"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a cloud metadata address"),
    ("http://internal.test/", "refused: internal.test resolves to 10.1.2.3, which is a private address"),
    ("http://mixed.test/", "refused: mixed.test resolves to ::1, which is a loopback address"),
    ("http://metadata.test/", "which is a cloud metadata address"),
    ("http://nowhere.test/", "could not resolve nowhere.test: Name or service not known"),
    ("ftp://example.com/feed", "refused: scheme 'ftp' is not fetched (only http and https)"),
])
async def test_ssrf_refusals_name_the_rule(url: str, reason: str) -> None:
    async with Fetcher(DEFAULT, resolver=_fake_dns) as fetcher:
        result = await read_source(url, fetcher=fetcher, config=DEFAULT, now=NOW)
    assert result.error is not None and result.error.startswith(f"{url}: ")
    assert reason in result.error


@pytest.mark.parametrize(("path", "reason"), [
    ("/to-loopback", "refused: 127.0.0.1 is a loopback address"),
    ("/to-mapped", "refused: ::ffff:7f00:1 is a loopback address (IPv4 127.0.0.1 inside IPv6)"),
    ("/to-internal", "refused: internal.test resolves to 10.1.2.3, which is a private address"),
])
async def test_ssrf_refused_through_a_redirect_from_an_allowed_host(server: Server, path: str, reason: str) -> None:
    # "allowed.test" stands for a public host: it is trusted, and the fake DNS points it at the local server.
    url = server.url(path, host="allowed.test")
    async with Fetcher(DEFAULT, resolver=_fake_dns, trusted_hosts=["allowed.test"]) as fetcher:
        ok = await read_source(server.url("/feed.xml", host="allowed.test"), fetcher=fetcher, config=DEFAULT,
                               now=NOW)
        result = await read_source(url, fetcher=fetcher, config=DEFAULT, now=NOW)
    assert ok.error is None and len(ok.articles) == 2
    assert result.error is not None and reason in result.error
    assert f"(reached by redirect from {url})" in result.error


async def test_local_files_and_urls_without_a_fetcher() -> None:
    result = await read_source("https://example.com/feed.xml", fetcher=None, config=DEFAULT, now=NOW)
    assert result.error == "https://example.com/feed.xml: URLs need a fetcher (none was given)"
    assert result.kind == "feed"
