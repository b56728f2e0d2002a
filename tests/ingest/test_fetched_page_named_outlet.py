"""A page fetched by its URL names its outlet as a saved copy of it does: its site name, else the name its <title>
ends with ("Headline | Courier"), else its host."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web
from ingest_server import serving

from bot.config import IngestConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.files import read_file
from bot.ingest.sources import read_source
from tests.ingest.test_saved_page_named_outlet import BODY, NOW

SUFFIXED = "<title>Quay wall repairs start in Lindholt | Lindholt Courier</title>"
SITE_NAMED = ("<title>Quay wall repairs start in Lindholt | Courier</title>"
              '<meta property="og:site_name" content="The Lindholt Courier">')
PLAIN = "<title>Quay wall repairs start in Lindholt</title>"


def _page(head: str) -> bytes:
    return f"<html><head>{head}</head><body>{BODY}</body></html>".encode()


async def _fetched_outlet(head: str) -> str:
    async def answer(request: web.Request) -> web.Response:
        return web.Response(body=_page(head), content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/2026/03/quay-wall", answer)
    config = IngestConfig(allow_private_networks=True)
    async with serving(app) as port, Fetcher(config) as fetcher:
        result = await read_source(f"http://127.0.0.1:{port}/2026/03/quay-wall", fetcher=fetcher, config=config,
                                   now=NOW)
    assert result.error is None, result.error
    [article] = result.articles
    return article.outlet


def _saved_outlet(tmp_path: Path, head: str) -> str:
    saved = tmp_path / "quay.html"
    saved.write_bytes(_page(head))
    [article] = read_file(saved, config=IngestConfig(), now=NOW).articles
    return article.outlet


@pytest.mark.parametrize(("head", "outlet"), [(SUFFIXED, "Lindholt Courier"), (SITE_NAMED, "The Lindholt Courier")])
async def test_a_fetched_page_and_its_saved_copy_name_one_outlet(tmp_path: Path, head: str, outlet: str) -> None:
    assert await _fetched_outlet(head) == outlet == _saved_outlet(tmp_path, head)


async def test_else_the_fetched_pages_host() -> None:
    assert await _fetched_outlet(PLAIN) == "127.0.0.1"
