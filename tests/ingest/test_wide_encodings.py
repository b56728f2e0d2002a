"""UTF-16 and UTF-32 feeds (with a BOM, or known by their XML declaration) are read as feeds, files or served, and
the entity guard sees their declarations as it sees any feed's."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiohttp import web
from ingest_server import serving

from bot.config import IngestConfig
from bot.ingest.decode import DecodeError, as_utf8
from bot.ingest.fetch import Fetcher
from bot.ingest.sources import read_source

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)
RSS = ('<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>Ledger</title><item>'
       "<title>Quay lights repaired</title><description>The lights on the north quay were repaired on Monday, the "
       "harbour office said, after a storm cut the cables.</description></item></channel></rss>")


@pytest.mark.parametrize(("codec", "encoding"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE"),
                                                 ("utf-16-be", "utf-16"), ("utf-32", "UTF-32")])
async def test_a_wide_feed_file_is_read_as_a_feed(codec: str, encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xml"
    path.write_bytes(RSS.format(encoding=encoding).encode(codec))

    result = await read_source(str(path), fetcher=None, config=CONFIG, now=NOW)

    assert result.error is None and result.problems == ()
    assert [(a.title, a.outlet) for a in result.articles] == [("Quay lights repaired", "Ledger")]
    assert result.articles[0].text.startswith("The lights on the north quay")


async def test_a_wide_feed_served_over_http_is_read_as_a_feed() -> None:
    body = RSS.format(encoding="UTF-16").encode("utf-16")

    async def feed(_request: web.Request) -> web.Response:
        return web.Response(body=body, headers={"Content-Type": "application/rss+xml; charset=utf-16"})

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    async with serving(app) as port, Fetcher(CONFIG) as fetcher:
        result = await read_source(f"http://127.0.0.1:{port}/feed.xml", fetcher=fetcher, config=CONFIG, now=NOW)
    assert result.kind == "feed" and result.error is None
    assert [a.title for a in result.articles] == ["Quay lights repaired"]


async def test_the_entity_guard_sees_a_wide_feeds_declarations(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaa">]><rss version="2.0">'
            "<channel><title>&a;</title></channel></rss>")
    path = tmp_path / "bomb.xml"
    path.write_bytes(bomb.encode("utf-16"))

    result = await read_source(str(path), fetcher=None, config=CONFIG, now=NOW)

    assert result.articles == () and result.error is not None and "declares entities" in result.error


def test_other_bytes_pass_unchanged_and_broken_wide_text_is_one_line() -> None:
    for data in (b"<?xml version='1.0'?><rss/>", "caf\u00e9".encode("latin-1"), b"\xef\xbb\xbf<rss/>", b"\x00\x01"):
        assert as_utf8(data) is data
    assert as_utf8('<?xml version="1.0" encoding="utf-16"?><rss/>'.encode("utf-16")) == \
        b'<?xml version="1.0" encoding="utf-8"?><rss/>'
    with pytest.raises(DecodeError, match="invalid utf-16"):
        as_utf8(b"\xff\xfe<\x00\x00\xd8")  # a lone surrogate
