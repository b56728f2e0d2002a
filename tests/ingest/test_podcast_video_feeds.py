"""Podcast and video feeds: an item's only text is its show notes (itunes:summary, media:description), which is
stored as its text; an item with an enclosure or video and no text at all is skipped with one line per feed read,
not an error per item."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all
from bot.ingest.sources import SourceResult
from bot.ingest.unreadable_feed import unreadable_feed

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
CONFIG = IngestConfig()
PODCAST = "https://pod.example/feed.xml"


def _episode(n: int, notes: str = "") -> str:
    return (f"<item><title>Harbour hour, episode {n}</title><guid>ep-{n}</guid>"
            f"<enclosure url='https://pod.example/{n}.mp3' type='audio/mpeg' length='1200'/>"
            f"<itunes:duration>31:02</itunes:duration>{notes}</item>")


def _podcast(*items: str) -> bytes:
    return ("<?xml version='1.0'?><rss version='2.0' xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'>"
            "<channel><title>Harbour Hour</title>" + "".join(items) + "</channel></rss>").encode()


def _read(data: bytes, source: str = PODCAST) -> SourceResult:
    parsed = parse_feed(data, base=source)
    articles, problems = build_all(parsed.entries, source=source, input_name=source, now=NOW, config=CONFIG)
    return unreadable_feed(SourceResult(source, "feed", parsed.name, tuple(articles), tuple(problems)))


def test_show_notes_are_the_text_and_bare_episodes_are_one_note() -> None:
    read = _read(_podcast(_episode(1, "<itunes:summary>The ferry union and the port authority explain why the "
                                      "night crossings stop in December.</itunes:summary>"),
                          _episode(2), _episode(3)))
    assert read.error is None
    assert [a.title for a in read.articles] == ["Harbour hour, episode 1"]
    assert read.articles[0].text.startswith("The ferry union and the port authority")
    [line] = read.problems
    assert line.kept and line.input == PODCAST
    assert line.reason == ("2 audio or video entries have a title and no text, so there is nothing to brief: "
                           "skipped ('Harbour hour, episode 2', 'Harbour hour, episode 3')")


def test_a_feed_of_bare_episodes_only_is_a_failed_read_saying_so() -> None:
    read = _read(_podcast(_episode(1), _episode(2)))
    assert read.error is not None
    assert "2 audio or video entries have a title and no text" in read.error


def test_an_entry_with_no_text_and_no_media_is_still_an_error_of_its_own() -> None:
    read = _read(_podcast(_episode(1, "<itunes:summary>Notes on the night crossings and the new rota."
                                      "</itunes:summary>"), "<item><title>Empty</title><guid>e</guid></item>"))
    assert [(p.kept, p.reason) for p in read.problems] == [(False, "no article text found")]


def test_a_video_feeds_media_description_is_the_text() -> None:
    data = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"
    xmlns:yt="http://www.youtube.com/xml/schemas/2015"><title>Harbour Channel</title>
    <entry><id>yt:video:v1</id><yt:videoId>v1</yt:videoId><title>Council votes on the tunnel</title>
    <link rel="alternate" href="https://video.example/watch?v=v1"/><published>2026-11-24T09:00:00+00:00</published>
    <media:group><media:title>Council votes on the tunnel</media:title>
    <media:content url="https://video.example/v/v1" type="application/x-shockwave-flash"/>
    <media:description>The council voted 21 to 9 for the harbour tunnel on Tuesday.
The mayor said work could start in spring.</media:description></media:group></entry>
    <entry><id>yt:video:v2</id><yt:videoId>v2</yt:videoId><title>Short clip</title>
    <link rel="alternate" href="https://video.example/watch?v=v2"/><published>2026-11-24T10:00:00+00:00</published>
    <media:group><media:title>Short clip</media:title><media:content url="https://video.example/v/v2"
    type="application/x-shockwave-flash"/><media:description></media:description></media:group></entry></feed>"""
    read = _read(data, "https://video.example/feeds/videos.xml")
    [article] = read.articles
    assert article.text.splitlines()[0] == "The council voted 21 to 9 for the harbour tunnel on Tuesday."
    assert article.outlet == "Harbour Channel" and article.url == "https://video.example/watch?v=v1"
    assert [p.reason for p in read.problems] == [
        "1 audio or video entry has a title and no text, so there is nothing to brief: skipped ('Short clip')"]
