"""Errors for hostile inputs say what was wrong with the input, naming it, without library internals."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.config import IngestConfig
from bot.ingest.feeds import FeedError, parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.files import read_file, read_folder
from bot.ingest.sources import read_source

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
CONFIG = IngestConfig(timeout_seconds=5.0, connect_timeout_seconds=2.0, trusted_hosts=("127.0.0.1",))
HUGE = ('{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": ' + "9" * 100_000
        + ', "title": "Big number", "content_text": "The Dunmore quay reopened."}]}').encode()
RSS = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><item><title>Gzip liar'
       b'</title><link>http://127.0.0.1/p/gl</link><description>The Dunmore quay reopened.</description></item>'
       b"</channel></rss>")


async def _to_decimal(request: web.Request) -> web.Response:
    raise web.HTTPFound("http://2852039166/latest/")


async def _to_public_decimal(request: web.Request) -> web.Response:
    raise web.HTTPFound("http://134744072/feed.xml")


async def _gzip_liar(request: web.Request) -> web.StreamResponse:
    data = gzip.compress(RSS)
    resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip",
                                       "Content-Length": str(len(data) + 5000)})
    await resp.prepare(request)
    await resp.write(data)
    return resp


@pytest.fixture
async def base() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/redir-decimal", _to_decimal)
    app.router.add_get("/redir-public-decimal", _to_public_decimal)
    app.router.add_get("/gzip-liar.xml", _gzip_liar)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        await server.close()


def test_huge_json_number_is_a_plain_reason() -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(HUGE, content_type="application/feed+json")
    assert "number" in str(caught.value) and "set_int_max_str_digits" not in str(caught.value)
    assert "integer string conversion" not in str(caught.value)


def test_huge_json_number_in_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "jf-huge-num.json"
    path.write_bytes(HUGE)
    outcome = read_file(path, config=IngestConfig(), now=NOW)
    assert outcome.articles == ()
    assert [p.input for p in outcome.problems] == [str(path)]
    assert "number" in outcome.problems[0].reason and "conversion" not in outcome.problems[0].reason


@pytest.mark.parametrize("path", ["/redir-decimal", "/redir-public-decimal"])
async def test_redirect_to_a_numeric_host_is_not_a_usable_address(base: str, path: str) -> None:
    async with Fetcher(CONFIG) as fetcher:
        result = await read_source(base + path, fetcher=fetcher, config=CONFIG, now=NOW)
    assert result.error is not None and result.error.startswith(f"{base}{path}: ")
    assert "not a usable address" in result.error and "InvalidUrl" not in result.error


async def test_gzip_body_shorter_than_its_content_length(base: str) -> None:
    async with Fetcher(CONFIG, first_byte_timeout=0.3) as fetcher:
        result = await read_source(base + "/gzip-liar.xml", fetcher=fetcher, config=CONFIG, now=NOW)
    assert result.error is not None and result.error.startswith(f"{base}/gzip-liar.xml: ")
    assert "ended before its declared length" in result.error and "timed out" not in result.error


def test_symlink_loop_in_a_folder_is_named_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The Dunmore quay reopened on Tuesday after the works.\n\nCouncillor Ada Brim "
                                    "said the new crane would bring traders back to the quay by the spring.\n")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "loop.xml").symlink_to(tmp_path / "loop.xml")
    outcome = read_folder(tmp_path, config=IngestConfig(), now=NOW)
    reasons = {p.input: p.reason for p in outcome.problems}
    for name in ("loop", "loop.xml"):
        assert "symbolic link loop" in reasons[str(tmp_path / name)], reasons
        assert "unsupported file type" not in reasons[str(tmp_path / name)]
    assert len(outcome.articles) == 1
