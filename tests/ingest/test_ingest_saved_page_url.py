"""A saved HTML page keeps its own address: canonical link, else og:url, tracking removed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.config import IngestConfig
from bot.ingest.sources import read_source

BODY = "<p>" + "The council approved the new library after a long debate on Tuesday evening. " * 5 + "</p>"


async def test_saved_page_takes_its_canonical_url(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(
        '<html><head><title>Library approved</title>'
        '<link rel="canonical" href="https://www.news.example/city/library/?utm_source=x#top"></head>'
        f"<body><article><h1>Library approved</h1>{BODY}</article></body></html>")
    result = await read_source(str(page), fetcher=None, config=IngestConfig(), now=datetime(2026, 11, 1, tzinfo=UTC))
    assert [a.url for a in result.articles] == ["https://news.example/city/library"]


async def test_og_url_is_the_fallback_and_other_schemes_are_ignored(tmp_path: Path) -> None:
    page = tmp_path / "og.html"
    page.write_text(
        '<html><head><title>Library approved</title><link rel="canonical" href="javascript:alert(1)">'
        '<meta property="og:url" content="https://news.example/library-og"></head>'
        f"<body><article><h1>Library approved</h1>{BODY}</article></body></html>")
    result = await read_source(str(page), fetcher=None, config=IngestConfig(), now=datetime(2026, 11, 1, tzinfo=UTC))
    assert [a.url for a in result.articles] == ["https://news.example/library-og"]
