"""Feed items' identities and links: items sharing one link or one GUID are kept apart (not overwritten one by the
next on every poll), relative links are read against the feed's own URL, and odd JSON Feed types or dates do no harm."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web
from ingest_server import serving

from bot.config import Config, IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.normalise import build_all
from bot.ingest.sources import read_source
from bot.models import Article, SummarySentence
from bot.pipeline import Pipeline
from bot.store.db import Database

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
TOWNS = ("Arlow", "Benmore", "Carrick")


def _rss(items: str) -> bytes:
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Shire Notes</title>'
    return f"{head}{items}</channel></rss>".encode()


def _same_link_feed(extra: str = "") -> bytes:
    return _rss("".join(f"<item><title>{town} votes on the park</title><link>http://shire.example/</link>{extra}"
                        f"<description>{town} held a vote on the new park plan on Monday evening.</description></item>"
                        for town in TOWNS))


def _build(data: bytes, source: str = "http://shire.example/feed.xml") -> tuple[list[Article], list[str], list[str]]:
    articles, problems = build_all(parse_feed(data).entries, source=source, input_name=source, now=NOW,
                                   config=IngestConfig())
    return articles, [p.reason for p in problems if p.kept], [p.reason for p in problems if not p.kept]


def test_items_sharing_one_link_are_kept_apart_with_one_note() -> None:
    articles, notes, errors = _build(_same_link_feed())
    assert len({a.id for a in articles}) == 3 and [a.url for a in articles] == ["", "", ""]
    assert notes == ["3 entries share one link (http://shire.example) but not their text: each is kept as its own "
                     "article, without that link"] and errors == []


def test_items_sharing_one_guid_are_kept_apart_and_keep_their_own_links() -> None:
    data = _rss("".join(f"<item><title>{t}</title><link>http://shire.example/{t}</link><guid>1</guid>"
                        f"<description>{t} opened a new library on Friday.</description></item>" for t in TOWNS))
    articles, notes, _ = _build(data)
    assert [a.url for a in articles] == [f"http://shire.example/{t}" for t in TOWNS]
    assert len({a.id for a in articles}) == 3 and all(a.guid is None for a in articles)
    assert len(notes) == 1 and notes[0].startswith("3 entries share one GUID (1)")


def test_the_same_item_twice_is_still_one_article_and_no_note() -> None:
    item = ("<item><title>Ferry</title><link>http://shire.example/ferry</link>"
            "<description>The ferry runs again from Monday.</description></item>")
    articles, notes, _ = _build(_rss(item * 2))
    assert len({a.id for a in articles}) == 1 and notes == []


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


async def test_polled_twice_a_same_link_feed_stores_three_articles_and_changes_nothing(tmp_path: Path) -> None:
    """Before: one row overwritten by each item in turn, two "updated" on every poll. Now: three rows, then none."""
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=_same_link_feed(), headers={"Content-Type": "application/rss+xml"})

    app = web.Application()
    app.router.add_get("/feed.xml", handler)
    db_path = tmp_path / "store.db"
    db = await Database.open(f"sqlite:///{db_path}")
    try:
        pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: NOW, _FirstSentences())
        async with serving(app) as port, Fetcher(LOCAL) as fetcher:
            url = f"http://127.0.0.1:{port}/feed.xml"
            first = await pipeline.ingest([url], fetcher)
            again = await pipeline.ingest([url], fetcher)
    finally:
        await db.close()
    assert (first.added, first.updated, len(first.notes)) == (3, 0, 1)
    assert (again.added, again.updated) == (0, 0)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)


ATOM_NO_BASE = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Dock</title>
<id>urn:dock</id><updated>2026-02-01T00:00:00Z</updated>
<entry><title>Dock reopens</title><link href="story/1"/><id>item-7</id><updated>2026-02-01T00:00:00Z</updated>
<summary>The dock reopened on Monday, the harbour master said.</summary></entry></feed>"""
ATOM_BASE = ATOM_NO_BASE.replace(b'<feed xmlns="http://www.w3.org/2005/Atom">',
                                 b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://base.example/news/">')
RSS_GUID_ONLY = _rss("<item><title>Quay</title><guid>8841</guid><description>The quay was resurfaced.</description>"
                     "</item><item><title>Mill</title><link>/mill</link><guid>m-2</guid>"
                     "<description>The mill turned again.</description></item>")


def test_relative_links_are_read_against_the_feed_url_and_guids_stay_as_given() -> None:
    feed_url = "http://dock.example/feeds/atom.xml"
    entry = parse_feed(ATOM_NO_BASE, base=feed_url).entries[0]
    assert (entry.url, entry.guid) == ("http://dock.example/feeds/story/1", "item-7")
    assert parse_feed(ATOM_NO_BASE).entries[0].url == "story/1"  # a local file: no base, the link is not stored
    assert parse_feed(ATOM_BASE, base=feed_url).entries[0].url == "http://base.example/news/story/1"  # xml:base first
    quay, mill = parse_feed(RSS_GUID_ONLY, base=feed_url).entries
    assert (quay.url, quay.guid) == ("8841", "8841")  # a GUID standing in for a link is no address
    assert (mill.url, mill.guid) == ("http://dock.example/mill", "m-2")


async def test_a_served_feed_with_relative_links_stores_absolute_ones() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=ATOM_NO_BASE, headers={"Content-Type": "application/atom+xml"})

    app = web.Application()
    app.router.add_get("/feeds/atom.xml", handler)
    async with serving(app) as port, Fetcher(LOCAL) as fetcher:
        result = await read_source(f"http://127.0.0.1:{port}/feeds/atom.xml", fetcher=fetcher, config=LOCAL, now=NOW)
    assert [a.url for a in result.articles] == [f"http://127.0.0.1:{port}/feeds/story/1"]


def test_json_feed_fields_of_the_wrong_type_are_ignored_not_fatal() -> None:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": ["not", "a", "string"], "language": 5, "items": [
        {"id": 42, "title": "Numeric id", "content_html": {"p": 1}, "content_text": "The harbour wall was mended.",
         "date_published": 12345, "authors": "nobody", "url": 7},
        {"id": True, "title": 9, "content_html": ["x"]},
        "not an object",
    ]}
    feed = parse_feed(json.dumps(doc).encode())
    assert [(e.title, e.guid, e.url, e.published, e.unreadable) for e in feed.entries] == [
        ("Numeric id", "42", "", None, ""), ("", None, "", None, ""), ("", None, "", None, "not an object")]
    assert feed.problems == ()
    articles, _, errors = _build(json.dumps(doc).encode())
    assert [a.title for a in articles] == ["Numeric id"] and errors == ["no article text found", "not an object"]


def test_entries_dated_far_ahead_or_in_year_one_keep_no_date() -> None:
    dates = ("Fri, 01 Jan 9999 00:00:00 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "0001-01-01T00:00:00Z")
    data = _rss("".join(f"<item><title>Dated {n}</title><link>http://shire.example/{n}</link><pubDate>{d}</pubDate>"
                        f"<description>Item {n} about the town fair.</description></item>"
                        for n, d in enumerate(dates)))
    articles, _, errors = _build(data)
    assert [a.published for a in articles] == [None, None, None] and errors == []
