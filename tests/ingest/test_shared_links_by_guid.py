"""Feed items sharing one link (a feed linking every item to its home page) but not their GUIDs keep that link: the
store tells them apart by GUID, no full text is fetched from the shared page, and a second poll changes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web
from ingest_server import serving

from bot.config import Config, IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import FullText
from bot.ingest.normalise import build_all
from bot.models import Article, SummarySentence
from bot.pipeline import Pipeline
from bot.store.db import Database
from tests import pg

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
TOWNS = ("Arlow", "Benmore", "Carrick")


def _item(town: str, link: str, guid: str | None) -> str:
    tag = f"<guid isPermaLink=\"false\">{guid}</guid>" if guid else ""
    return (f"<item><title>{town} votes on the park plan</title><link>{link}</link>{tag}"
            f"<description>{town} held a vote on the new park plan on Monday evening.</description></item>")


def _rss(items: str) -> bytes:
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Shire Notes</title>'
    return f"{head}{items}</channel></rss>".encode()


def _build(data: bytes) -> tuple[list[Article], list[str]]:
    source = "http://shire.example/feed.xml"
    articles, problems = build_all(parse_feed(data).entries, source=source, input_name=source, now=NOW,
                                   config=IngestConfig())
    assert [p.reason for p in problems if not p.kept] == []
    return articles, [p.reason for p in problems if p.kept]


def test_items_sharing_a_link_with_their_own_guids_keep_the_link() -> None:
    home = "http://shire.example/"
    articles, notes = _build(_rss("".join(_item(t, home, f"shire-{n}") for n, t in enumerate(TOWNS))))
    assert [a.url for a in articles] == ["http://shire.example"] * 3
    assert [a.guid for a in articles] == ["shire-0", "shire-1", "shire-2"]
    assert all(a.link_shared for a in articles) and len({a.id for a in articles}) == 3
    assert notes == ["3 entries share one link (http://shire.example) but not their text: each is kept as its own "
                     "article by its GUID, with that link"]


def test_an_item_without_a_guid_still_loses_the_shared_link() -> None:
    home = "http://shire.example/"
    articles, notes = _build(_rss(_item("Arlow", home, "a-1") + _item("Benmore", home, "b-1")
                                  + _item("Carrick", home, None)))
    assert [(a.url, a.link_shared) for a in articles] == [
        ("http://shire.example", True), ("http://shire.example", True), ("", False)]
    assert len({a.id for a in articles}) == 3
    assert notes == ["3 entries share one link (http://shire.example) but not their text: each is kept as its own "
                     "article: by its GUID, with that link, or without the link when it has no GUID"]


def test_items_with_their_own_links_are_not_marked() -> None:
    articles, notes = _build(_rss("".join(_item(t, f"http://shire.example/{t}", f"g-{t}") for t in TOWNS)))
    assert not any(a.link_shared for a in articles) and notes == []


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


@dataclass
class _Site:
    """A site whose feed links every item to its home page; the home page lists the items' headlines."""

    items: list[tuple[str, str]]  # (town, guid)
    port: int = 0
    home_requests: int = 0
    feed_bodies: list[bytes] = field(default_factory=list)

    def home(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def app(self) -> web.Application:
        async def feed(request: web.Request) -> web.StreamResponse:
            return web.Response(body=_rss("".join(_item(t, self.home(), g) for t, g in self.items)),
                                headers={"Content-Type": "application/rss+xml"})

        async def home(request: web.Request) -> web.StreamResponse:
            self.home_requests += 1
            listing = "".join(f"<li><h2>{t} votes on the park plan</h2><p>{t} held a vote on the new park plan "
                              f"on Monday evening, and the result is due soon.</p></li>" for t, _ in self.items)
            return web.Response(text=f"<html><head><title>Shire Notes</title></head><body><main><ul>{listing}</ul>"
                                     "</main></body></html>", content_type="text/html")

        app = web.Application()
        app.router.add_get("/feed.xml", feed)
        app.router.add_get("/", home)
        return app


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/store.db"
    else:
        url = await pg.fresh_database("briefbot_test_shared_links")
    database = await Database.open(url)
    yield database
    await database.close()


async def _rows(db: Database) -> list[tuple[str | None, str, int]]:
    async with db.connect() as conn:
        rows = await conn.execute(sa.text("SELECT guid, url, revision FROM articles ORDER BY seq"))
        return [(r.guid, r.url, int(r.revision)) for r in rows]


async def _revisions(db: Database) -> int:
    async with db.connect() as conn:
        return int((await conn.execute(sa.text("SELECT count(*) FROM article_revisions"))).scalar_one())


async def test_three_items_sharing_a_link_are_three_articles_with_it_and_a_second_poll_changes_nothing(
        db: Database) -> None:
    site = _Site([(t, f"shire-{n}") for n, t in enumerate(TOWNS)])
    full_text = FullText(LOCAL, max_age=timedelta(days=7), robots=None)
    pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: NOW, _FirstSentences(), full_text=full_text)
    async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
        site.port = port
        feed = f"http://127.0.0.1:{port}/feed.xml"
        first = await pipeline.ingest([feed], fetcher)
        again = await pipeline.ingest([feed], fetcher)
        home = f"http://127.0.0.1:{port}"
        assert (first.added, first.updated, len(first.notes), first.problems) == (3, 0, 1, [])
        assert (again.added, again.updated, again.unchanged, again.duplicates) == (0, 0, 3, 0)
        assert await _rows(db) == [(f"shire-{n}", home, 1) for n in range(3)]
        assert await _revisions(db) == 0
        assert site.home_requests == 0  # the shared home page is no item's full text

        # the feed moves on: one new item alone at the home page is still its own article
        site.items = [("Dunwell", "shire-3")]
        later = await pipeline.ingest([feed], fetcher)
    assert (later.added, later.updated) == (1, 0)
    assert await _rows(db) == [(f"shire-{n}", home, 1) for n in range(4)]
    assert await _revisions(db) == 0
