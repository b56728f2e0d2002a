"""A podcast episode or video with no <link> of its own is linked to its GUID when that is its permalink (a full
address), else to its audio or video file (the enclosure), so a briefing can link it; that file, and a YouTube
video's watch page, are never fetched for full text. A GUID that is no address ("ep-1") is never read as a link
relative to the feed."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
from aiohttp import web
from local_site import LocalSite, serving_site

from bot.app import App, make_pipeline
from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.normalise import build_all

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PODCAST = "https://pod.example/feeds/show.xml"
NOTES = "<description>The ferry union explains why the night crossings stop in December.</description>"


def _podcast(*items: str) -> bytes:
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Hour</title>" + "".join(items)
            + "</channel></rss>").encode()


def _episode(guid: str, enclosure: str = "https://cdn.pod.example/ep.mp3", kind: str = "audio/mpeg",
             link: str = "") -> str:
    return (f"<item><title>Harbour hour</title>{guid}{link}<enclosure url='{enclosure}' type='{kind}' length='9'/>"
            f"{NOTES}</item>")


@pytest.mark.parametrize(("item", "url"), [
    (_episode("<guid>ep-1</guid>"), "https://cdn.pod.example/ep.mp3"),  # a GUID that is no address
    (_episode("<guid isPermaLink='false'>https://pod.example/ep/1</guid>"), "https://cdn.pod.example/ep.mp3"),
    (_episode(""), "https://cdn.pod.example/ep.mp3"),  # no GUID at all
    (_episode("<guid>ep-1</guid>", enclosure="/media/1.m4a", kind="audio/x-m4a"), "https://pod.example/media/1.m4a"),
    (_episode("<guid>https://pod.example/ep/1</guid>"), "https://pod.example/ep/1"),  # a permalink GUID: its page
    (_episode("<guid>ep-1</guid>", link="<link>https://pod.example/shows/1</link>"), "https://pod.example/shows/1"),
])
def test_an_episode_without_a_link_is_linked_to_its_permalink_else_its_file(item: str, url: str) -> None:
    [entry] = parse_feed(_podcast(item), base=PODCAST).entries
    assert entry.url == url


def test_a_video_entry_whose_only_link_is_its_enclosure_is_linked_to_it() -> None:
    data = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Channel</title>
    <entry><id>urn:uuid:5c1e</id><title>Council votes on the tunnel</title>
    <link rel="enclosure" type="video/mp4" href="https://video.example/v/5c1e.mp4"/>
    <link rel="self" type="application/atom+xml" href="https://video.example/api/5c1e"/>
    <summary>The council voted 21 to 9 for the harbour tunnel on Tuesday.</summary></entry></feed>"""
    [entry] = parse_feed(data, base="https://video.example/feed.atom").entries
    assert entry.url == "https://video.example/v/5c1e.mp4"


def test_a_news_item_without_a_link_gets_no_made_up_one() -> None:
    """Its GUID "8841" is no address, even beside an image enclosure; nor is an image a link to the story."""
    data = _podcast("<item><title>Quay resurfaced</title><guid>8841</guid><enclosure url='https://pod.example/q.jpg' "
                    "type='image/jpeg' length='9'/><description>The quay was resurfaced.</description></item>")
    [article], _ = build_all(parse_feed(data, base=PODCAST).entries, source=PODCAST, input_name=PODCAST, now=NOW,
                             config=IngestConfig())
    assert (article.url, article.guid) == ("", "8841")


class _Site(LocalSite):
    pass


WATCH_PAGE = ("Council votes on the tunnel. The council voted 21 to 9 for the harbour tunnel on Tuesday, and the mayor "
              "said work could start in spring. Sign in to like videos, comment and subscribe. " * 3)


def _video(base: str) -> bytes:
    return (f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"
    xmlns:media="http://search.yahoo.com/mrss/" xmlns:yt="http://www.youtube.com/xml/schemas/2015">
    <title>Harbour Channel</title><entry><id>yt:video:v1</id><yt:videoId>v1</yt:videoId>
    <title>Council votes on the tunnel</title><link rel="alternate" href="{base}/watch?v=v1"/>
    <published>{NOW.isoformat()}</published><media:group><media:title>Council votes on the tunnel</media:title>
    <media:description>The council voted 21 to 9 for the harbour tunnel on Tuesday.</media:description>
    </media:group></entry></feed>""").encode()


@pytest.fixture
async def site() -> AsyncIterator[_Site]:
    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path == "/feed.xml":
            item = _episode("<guid>ep-7</guid>", enclosure="/audio/7.mp3").replace(
                NOTES, f"<pubDate>{format_datetime(NOW)}</pubDate>{NOTES}")
            return web.Response(body=_podcast(item), content_type="application/rss+xml")
        if request.path == "/robots.txt":
            return web.Response(text="")
        if request.path == "/audio/7.mp3":
            return web.Response(body=b"ID3" + bytes(4000), content_type="audio/mpeg")
        if request.path == "/videos.xml":
            return web.Response(body=_video(served.base), content_type="application/atom+xml")
        if request.path == "/watch":
            return web.Response(text=f"<html><body><p>{WATCH_PAGE}</p></body></html>", content_type="text/html")
        return None

    async with serving_site(_Site(), answer) as served:
        yield served


async def test_an_episode_linked_to_its_file_is_stored_so_and_the_file_never_fetched(site: _Site,
                                                                                     tmp_path: Path) -> None:
    config = Config(ingest=IngestConfig(allow_private_networks=True, timeout_seconds=3.0,
                                        connect_timeout_seconds=2.0))
    db_path = tmp_path / "store.db"
    app = App(config, db_url=f"sqlite:///{db_path}", clock=ManualClock(NOW))
    try:
        async with Fetcher(config.ingest) as fetcher:
            report = await (await make_pipeline(app, with_quotes=False)).ingest([f"{site.base}/feed.xml"], fetcher)
    finally:
        await app.close()
    assert report.added == 1 and not report.problems and not report.notes
    assert site.hits("/audio/7.mp3") == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT url, guid FROM articles").fetchall() == [(f"{site.base}/audio/7.mp3", "ep-7")]


async def test_a_videos_watch_page_is_never_fetched_for_full_text(site: _Site, tmp_path: Path) -> None:
    """A video site's page holds a player, not an article: the feed's description is the text."""
    config = Config(ingest=IngestConfig(allow_private_networks=True, timeout_seconds=3.0,
                                        connect_timeout_seconds=2.0))
    app = App(config, db_url=f"sqlite:///{tmp_path / 'store.db'}", clock=ManualClock(NOW))
    try:
        async with Fetcher(config.ingest) as fetcher:
            report = await (await make_pipeline(app, with_quotes=False)).ingest([f"{site.base}/videos.xml"], fetcher)
    finally:
        await app.close()
    assert report.added == 1 and not report.problems and not report.notes
    assert site.hits("/watch") == 0
