"""An item's picture caption (media:description inside media:content, which feedparser gives as the item's content)
is not its text when the item has a description of its own: a Mastodon post with a photo, a news item with a
captioned picture. A picture alone does not make an item an episode or a video."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FEED = "https://social.velmora.example/@council.rss"
POST = ("The north quay reopens on Thursday after storm repairs, the harbour office says. Ferries will use it again "
        "from the 7:10 crossing.")


def _feed(*items: str) -> bytes:
    return ("<?xml version='1.0'?><rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel>"
            "<title>Velmora Council</title>" + "".join(items) + "</channel></rss>").encode()


def _picture(caption: str = "The north quay at dawn") -> str:
    return ("<media:content url='https://files.example/quay.jpg' type='image/jpeg' medium='image'>"
            f"<media:description type='plain'>{caption}</media:description></media:content>")


def _post(n: int, body: str, extra: str = "") -> str:
    return (f"<item><guid isPermaLink='true'>https://social.velmora.example/@council/{n}</guid>"
            f"<link>https://social.velmora.example/@council/{n}</link><pubDate>Tue, 24 Nov 2026 08:40:00 +0000"
            f"</pubDate>{body}{extra}</item>")


def test_a_post_with_a_captioned_photo_keeps_its_own_text() -> None:
    data = _feed(_post(1, f"<description>&lt;p&gt;{POST}&lt;/p&gt;</description>", _picture()),
                 _post(2, f"<title>Quay reopens</title><description>{POST}</description>", _picture()))
    articles, problems = build_all(parse_feed(data, base=FEED).entries, source=FEED, input_name=FEED, now=NOW,
                                   config=IngestConfig())
    assert problems == []
    assert [(a.title, a.text) for a in articles] == [
        ("The north quay reopens on Thursday after storm repairs, the harbour office says.", POST),
        ("Quay reopens", POST)]


def test_an_item_with_a_picture_and_no_text_is_no_episode() -> None:
    data = _feed(_post(3, "<title>Sunrise</title>", "<media:content url='https://files.example/sun.jpg' "
                                                    "type='image/jpeg' medium='image'/>"),
                 _post(4, "<title>Dawn</title>", "<enclosure url='https://files.example/dawn.jpg' type='image/jpeg' "
                                                 "length='9'/>"))
    entries = parse_feed(data, base=FEED).entries
    assert [e.media for e in entries] == [False, False]
    _, problems = build_all(entries, source=FEED, input_name=FEED, now=NOW, config=IngestConfig())
    assert [(p.input, p.reason) for p in problems] == [
        (f"{FEED} entry 1 (Sunrise)", "no article text found"), (f"{FEED} entry 2 (Dawn)", "no article text found")]
