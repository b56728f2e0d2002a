"""A UTF-8 feed with one stray byte, served with a server-default Cyrillic charset in its Content-Type, is still read
as UTF-8 (as it was before the header's charset was read); a feed really in that charset is read in it."""

from __future__ import annotations

from bot.ingest.feeds import parse_xml_feed

# Invented town and mayor.
FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Вести Озёрска</title><item>"
        "<title>Новый мост в Озёрске</title><link>https://oz.example/news/1</link>"
        "<description>Мэр Иван Полозов открыл новый мост через реку Сонь.</description></item></channel></rss>")
HEADER = "application/rss+xml; charset=windows-1251"


def _title(body: bytes, content_type: str | None) -> str:
    return str(parse_xml_feed(body, content_type=content_type).entries[0].title)


def test_utf8_with_a_stray_byte_under_a_cyrillic_header_is_utf8() -> None:
    body = FEED.encode("utf-8").replace("реку".encode(), "реку".encode() + b"\x96")  # a Windows-1251 dash
    assert _title(body, None) == "Новый мост в Озёрске"
    assert _title(body, HEADER) == "Новый мост в Озёрске"


def test_a_feed_in_the_headers_charset_is_read_in_it() -> None:
    body = FEED.replace("Сонь.", "Сонь «ТВ»").encode("windows-1251")  # "В»" is C2 BB, a UTF-8 look-alike
    assert _title(body, HEADER) == "Новый мост в Озёрске"
