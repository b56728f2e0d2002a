"""Reddit-style feeds ("submitted by /u/x [link] [comments]" under each post): a link post is the article it links
(its headline the text until the page is read, that site its outlet), a text post is its own words without the
"submitted by" trailer; neither is an error for having no text."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from html import escape
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
FEED = "https://www.reddit.example/r/velmora/.rss"
COMMENTS = "https://www.reddit.example/r/velmora/comments/{n}/post/"
TRAILER = (' &#32; submitted by &#32; <a href="https://www.reddit.example/user/{user}"> /u/{user} </a> <br/> '
           '<span><a href="{link}">[link]</a></span> &#32; <span><a href="{comments}">[comments]</a></span>')


def _entry(n: str, title: str, body: str, link: str = "") -> str:
    comments = COMMENTS.format(n=n)
    html = body + TRAILER.format(user="quaykeeper", link=link or comments, comments=comments)
    return (f"<entry><author><name>/u/quaykeeper</name></author><content type='html'>{escape(html)}</content>"
            f"<id>t3_{n}</id><link href='{comments}'/><updated>2026-11-24T08:10:00+00:00</updated>"
            f"<published>2026-11-24T08:10:00+00:00</published><title>{title}</title></entry>")


def _link_post(n: str, title: str, link: str) -> str:
    thumb = (f'<table> <tr><td> <a href="{COMMENTS.format(n=n)}"> <img src="https://thumbs.example/{n}.jpg" '
             f'alt="{title}" title="{title}" /> </a> </td><td>')
    return _entry(n, title, thumb, link).replace("</content>", escape("</td></tr></table>") + "</content>")


def _feed(*entries: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Velmora</title>"
            "<id>/r/velmora/.rss</id>" + "".join(entries) + "</feed>").encode()


def test_link_and_text_posts_are_stored_as_a_reader_expects() -> None:
    data = _feed(_link_post("1a", "Tram line extended to the port", "https://www.northgate.example/news/tram?ref=rd"),
                 _entry("1b", "North quay closed?", "<!-- SC_OFF --><div class='md'><p>Does anyone know why the north "
                                                    "quay has been closed since Friday?</p></div><!-- SC_ON -->"),
                 _entry("1c", "Ferry photos", "<div class='md'><p>my ferry photos from today</p></div>"))
    articles, problems = build_all(parse_feed(data, base=FEED).entries, source=FEED, input_name=FEED, now=NOW,
                                   config=IngestConfig())
    assert problems == []
    assert [(a.title, a.url, a.outlet, a.text) for a in articles] == [
        ("Tram line extended to the port", "https://northgate.example/news/tram?ref=rd", "northgate.example",
         "Tram line extended to the port"),
        ("North quay closed?", "https://reddit.example/r/velmora/comments/1b/post", "Velmora",
         "Does anyone know why the north quay has been closed since Friday?"),
        ("Ferry photos", "https://reddit.example/r/velmora/comments/1c/post", "Velmora", "my ferry photos from today"),
    ]


def test_odd_link_targets_are_named_and_the_rest_read() -> None:
    """A link post to a cloud metadata address keeps the feed as its outlet and loses the link with a note; one whose
    [link] is no web address (javascript:) is a text post with no text: an error naming it; the others are read."""
    data = _feed(_link_post("3a", "Harbour metadata link post appears", "http://169.254.169.254/latest/meta-data"),
                 _link_post("3b", "Harbour script link post appears", "javascript:alert(1)"),
                 _link_post("3c", "Harbour ferry timetable link post", "https://ferries.example/timetable"))
    articles, problems = build_all(parse_feed(data, base=FEED).entries, source=FEED, input_name=FEED, now=NOW,
                                   config=IngestConfig())
    assert [(a.title, a.url, a.outlet) for a in articles] == [
        ("Harbour metadata link post appears", "", "Velmora"),
        ("Harbour ferry timetable link post", "https://ferries.example/timetable", "ferries.example")]
    assert [(p.input, p.reason.split(" (")[0], p.kept) for p in problems] == [
        (f"{FEED} entry 1 (Harbour metadata link post appears)", "link dropped: http://169.254.169.254/latest/meta-data",
         True),
        (f"{FEED} entry 2 (Harbour script link post appears)", "no article text found", False)]


def test_an_item_merely_mentioning_a_link_is_read_as_before() -> None:
    data = _feed("<entry><id>x1</id><title>Quay notes</title><link href='https://quay.example/notes'/>"
                 "<content type='html'>&lt;p&gt;The quay was submitted by the council for repairs. See the "
                 "&lt;a href='https://quay.example/plan'&gt;[link]&lt;/a&gt; to the plan.&lt;/p&gt;</content></entry>")
    [entry] = parse_feed(data, base=FEED).entries
    assert (entry.url, entry.outlet) == ("https://quay.example/notes", "Velmora")
    assert entry.text.strip() == "The quay was submitted by the council for repairs. See the [link] to the plan."


PAGE = """<html><head><title>Tram line extended to the port - Northgate Post</title></head><body><article>
<h1>Tram line extended to the port</h1><p>The city council approved a two-kilometre extension of the tram line to the
port on Monday, the transport office said, after a year of consultation with residents and the harbour board.</p>
<p>Work starts in March and the first trams should run in 2028, the office said.</p></article></body></html>"""


@pytest.fixture
async def site() -> AsyncIterator[LocalSite]:
    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path == "/r/velmora/.rss":
            post = _link_post("2a", "Tram line extended to the port", f"{served.base}/news/tram")
            return web.Response(body=_feed(post), content_type="application/atom+xml")
        if request.path == "/robots.txt":
            return web.Response(text="")
        if request.path == "/news/tram":
            return web.Response(text=PAGE, content_type="text/html")
        return None

    async with serving_site(LocalSite(), answer) as served:
        yield served


async def test_a_link_post_gets_its_articles_text_through_the_whole_path(site: LocalSite, tmp_path: Path) -> None:
    config = Config(ingest=IngestConfig(allow_private_networks=True, timeout_seconds=3.0,
                                        connect_timeout_seconds=2.0))
    db_path = tmp_path / "store.db"
    app = App(config, db_url=f"sqlite:///{db_path}", clock=ManualClock(NOW))
    try:
        async with Fetcher(config.ingest) as fetcher:
            report = await (await make_pipeline(app, with_quotes=False)).ingest([f"{site.base}/r/velmora/.rss"],
                                                                                fetcher)
    finally:
        await app.close()
    assert report.added == 1 and report.problems == [] and site.hits("/news/tram") == 1
    with sqlite3.connect(db_path) as conn:
        [(title, url, outlet, text)] = conn.execute("SELECT title, url, outlet, text FROM articles").fetchall()
    assert (title, url, outlet) == ("Tram line extended to the port", f"{site.base}/news/tram", "127.0.0.1")
    assert text.startswith("The city council approved a two-kilometre extension")
