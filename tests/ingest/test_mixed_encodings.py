"""Feeds and pages whose bytes are not what they say: UTF-8 with stray Windows-1252 bytes, a charset that lies, and
UTF-16 with neither a BOM nor an XML declaration. Each is read as what it is, and a mended feed says so."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web
from ingest_server import serving

from bot.config import IngestConfig
from bot.ingest.decode import decode_bytes, is_mixed, mend_mixed
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.html import parse_page
from bot.ingest.sources import read_source

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)


def _item(title: str, link: str, text: str) -> str:
    return f"<item><title>{title}</title><link>{link}</link><description>{text}</description></item>"


def _mixed_feed(declared: str = "utf-8") -> bytes:
    """One item written in UTF-8, the next pasted in from a Windows-1252 source."""
    head = f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>Vélan Post</title>'
    first = _item("Première séance", "http://velan.example/1", "Le conseil de Vélan a siégé lundi, dit le maire.")
    second = _item("Deuxième école", "http://velan.example/2", "L'école de Brivel a rouvert mardi, dit la directrice.")
    return head.encode("utf-8") + first.encode("utf-8") + second.encode("cp1252") + b"</channel></rss>"


def test_a_feed_mixing_utf8_and_windows_1252_reads_both_parts_and_says_so() -> None:
    feed = parse_feed(_mixed_feed())
    assert [e.title for e in feed.entries] == ["Première séance", "Deuxième école"]
    assert "Vélan" in feed.entries[0].text and "école" in feed.entries[1].text
    assert feed.notes and feed.notes[0].startswith("feed mixes encodings: UTF-8 with bytes that are not")


def test_a_mixed_feed_that_declares_latin_1_is_mended_the_same_way() -> None:
    feed = parse_feed(_mixed_feed("iso-8859-1"))
    assert [e.title for e in feed.entries] == ["Première séance", "Deuxième école"]


def test_only_western_or_undeclared_text_is_mended() -> None:
    russian = "<?xml version='1.0' encoding='koi8-r'?><p>Привет из Велана</p>".encode("koi8-r")
    assert mend_mixed(russian) == (russian, None)  # read in its own charset, never patched byte by byte
    assert not is_mixed("plain UTF-8: café".encode())
    assert not is_mixed("only Windows-1252: café".encode("cp1252"))  # no UTF-8 in it: the old fallback reads it
    assert is_mixed("UTF-8 café and ".encode() + "Windows-1252 thé".encode("cp1252"))


def test_a_page_whose_meta_charset_lies_or_mixes_is_read_as_what_it_is() -> None:
    lying = ('<html><head><meta charset="utf-8"><title>Café</title></head><body><article><p>Le café de Vélan a '
             'rouvert mardi après des travaux, a dit le maire.</p><p>Les habitants étaient contents.</p></article>'
             '</body></html>')
    assert "Le café de Vélan" in parse_page(lying.encode("cp1252")).text
    says_sjis = lying.replace('charset="utf-8"', 'charset="shift_jis"').encode("utf-8")
    assert "Le café de Vélan" in parse_page(says_sjis).text  # valid UTF-8 wins over what the tag claims
    mixed = "<p>Le café de Vélan</p>".encode() + "<p>L'école de Brivel</p>".encode("cp1252")
    assert decode_bytes(mixed) == "<p>Le café de Vélan</p><p>L'école de Brivel</p>"


def _wide_feed(codec: str) -> bytes:
    text = ('<rss version="2.0"><channel><title>Wide Weekly</title>'
            + _item("Kelby ferry returns", "http://wide.example/ferry", "The Kelby ferry ran again on Friday.")
            + "</channel></rss>")
    return text.encode(codec)


async def test_utf16_without_bom_or_declaration_is_a_feed_on_disk_and_over_http(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.xml"
        path.write_bytes(_wide_feed(codec))
        result = await read_source(str(path), fetcher=None, config=LOCAL, now=NOW)
        assert result.error is None and [a.title for a in result.articles] == ["Kelby ferry returns"], codec

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=_wide_feed("utf-16-le"), headers={"Content-Type": "application/rss+xml"})

    app = web.Application()
    app.router.add_get("/wide.xml", handler)
    async with serving(app) as port, Fetcher(LOCAL) as fetcher:
        served = await read_source(f"http://127.0.0.1:{port}/wide.xml", fetcher=fetcher, config=LOCAL, now=NOW)
    assert served.error is None and served.kind == "feed" and served.name == "Wide Weekly"


async def test_a_mixed_feed_over_http_is_stored_with_a_note_not_an_error() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=_mixed_feed(), headers={"Content-Type": "application/rss+xml; charset=utf-8"})

    app = web.Application()
    app.router.add_get("/mixed.xml", handler)
    async with serving(app) as port, Fetcher(LOCAL) as fetcher:
        result = await read_source(f"http://127.0.0.1:{port}/mixed.xml", fetcher=fetcher, config=LOCAL, now=NOW)
    assert result.error is None and [a.title for a in result.articles] == ["Première séance", "Deuxième école"]
    assert [p.kept for p in result.problems] == [True] and "mixes encodings" in result.problems[0].reason
