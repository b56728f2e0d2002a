"""An item whose link is a picture, audio or video file (by its extension, or by the feed's media type for that
address) is never fetched for full text: it is no HTML page. Invented text."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.full_text import is_teaser
from bot.ingest.normalise import build_article

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _item(link: str, extra: str = "") -> str:
    return (f"<item><title>Flood at the quay</title><link>{link}</link>{extra}"
            "<description>Water rose over the north quay.</description></item>")


FEED = ("<?xml version='1.0'?><rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><title>Velmora "
        "Pictures</title>"
        + _item("https://files.example/quay/flood.JPG?w=800")
        + _item("https://files.example/clips/flood.mp4")
        + _item("https://files.example/p/1911", "<media:content url='https://files.example/p/1911' medium='image'/>")
        + _item("https://files.example/a/1912", "<enclosure url='https://files.example/a/1912' type='audio/mpeg' "
                "length='9'/>")
        + _item("https://news.example/quay-flood", "<media:content url='https://files.example/q.jpg' medium='image'/>")
        + "</channel></rss>")


def test_media_links_are_never_fetched_for_full_text() -> None:
    entries = parse_feed(FEED.encode()).entries
    articles = [build_article(raw, source="s", now=NOW, config=IngestConfig()) for raw in entries]
    assert [(a.url, a.link_media, is_teaser(a, 150)) for a in articles] == [
        ("https://files.example/quay/flood.JPG?w=800", True, False),  # a picture by its extension
        ("https://files.example/clips/flood.mp4", True, False),
        ("https://files.example/p/1911", True, False),  # the feed says that address is a picture
        ("https://files.example/a/1912", True, False),  # ... or audio
        ("https://news.example/quay-flood", False, True)]  # an article with a picture: its page is read


def test_a_media_address_is_no_teaser_whatever_its_source() -> None:
    raw = parse_feed(FEED.encode()).entries[-1]
    article = build_article(replace(raw, url="https://files.example/flood.webm"), source="s", now=NOW,
                            config=IngestConfig())
    assert not article.link_media and not is_teaser(article, 150)
