"""A feed item without a GUID, republished under a corrected headline at a new link (the slug follows the headline)
with its date and most of its text unchanged, while its old link left the feed, is the stored article edited, not a
second article of the same outlet beside it; an old item the feed still carries, or one of another date, is not."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web
from ingest_server import serving

from bot.config import Config, IngestConfig
from bot.ingest.canonical import article_id, content_hash
from bot.ingest.fetch import Fetcher
from bot.models import Article, SummarySentence
from bot.nlp.sentences import split_sentences
from bot.pipeline import Pipeline
from bot.store.articles import ArticleStore
from bot.store.db import Database
from tests import pg

NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
BODY = ("The ferry Gullwing capsized off Marlow Point on Tuesday with {n} passengers aboard, the coastguard said. "
        "Harbour master Olek Brandt said the {n} passengers were taken to the hospital in Marlow by lifeboat. "
        "The cause of the accident is not yet known, investigators said on Tuesday evening after a first look. "
        "Divers will inspect the hull of the ferry on Wednesday morning, officials of the port authority added.")


@dataclass
class _Item:
    passengers: int
    hours_ago: int = 2
    minutes: int = 17  # past the hour: a date on the hour is too coarse for the relink rule

    def xml(self, port: int) -> str:
        n = self.passengers
        when = NOW - timedelta(hours=self.hours_ago) + timedelta(minutes=self.minutes)
        return (f"<item><title>Ferry capsizes off Marlow Point with {n} passengers aboard</title>"
                f"<link>http://127.0.0.1:{port}/ferry-capsizes-with-{n}-aboard</link>"
                f"<pubDate>{format_datetime(when)}</pubDate>"
                f"<description>{BODY.format(n=n)}</description></item>")


@dataclass
class _Site:
    port: int = 0
    items: list[_Item] = field(default_factory=list)

    def app(self) -> web.Application:
        async def feed(request: web.Request) -> web.StreamResponse:
            head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Daily</title>'
            body = head + "".join(i.xml(self.port) for i in self.items) + "</channel></rss>"
            return web.Response(body=body.encode(), headers={"Content-Type": "application/rss+xml"})

        app = web.Application()
        app.router.add_get("/feed.xml", feed)
        return app


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


async def _rows(db: Database) -> list[tuple[str, str, int]]:
    async with db.connect() as conn:
        rows = await conn.execute(sa.text("SELECT url, title, revision FROM articles ORDER BY seq"))
        return [(str(r.url).rsplit("/", 1)[1], str(r.title), int(r.revision)) for r in rows]


async def _polls(url: str, versions: list[list[_Item]]) -> tuple[list[tuple[int, int, int]], Database]:
    db = await Database.open(url)
    site = _Site()
    clock = [NOW]
    pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: clock[0], _FirstSentences())
    outcomes = []
    async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
        site.port = port
        for n, items in enumerate(versions):
            site.items, clock[0] = items, NOW + timedelta(minutes=20 * n)
            report = await pipeline.ingest([f"http://127.0.0.1:{port}/feed.xml"], fetcher)
            outcomes.append((report.added, report.updated, report.unchanged))
    return outcomes, db


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_corrected_item_at_a_new_link_is_the_stored_article_edited(tmp_path: Path, backend: str) -> None:
    url = (f"sqlite:///{tmp_path}/store.db" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_relinked"))
    outcomes, db = await _polls(url, [[_Item(40)], [_Item(64)], [_Item(64)]])
    try:
        assert outcomes == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
        assert await _rows(db) == [("ferry-capsizes-with-64-aboard",
                                    "Ferry capsizes off Marlow Point with 64 passengers aboard", 2)]
        async with db.connect() as conn:
            assert (await conn.execute(sa.text("SELECT articles FROM sources"))).scalar_one() == 1
            assert (await conn.execute(sa.text("SELECT count(*) FROM article_revisions WHERE substantive"))
                    ).scalar_one() == 1
    finally:
        await db.close()


async def test_an_old_link_still_in_the_feed_or_another_date_is_its_own_article(tmp_path: Path) -> None:
    outcomes, db = await _polls(f"sqlite:///{tmp_path}/store.db",
                                [[_Item(40)], [_Item(40), _Item(64)], [_Item(12, hours_ago=1)]])
    try:
        assert outcomes == [(1, 0, 0), (1, 0, 1), (1, 0, 0)]
        assert [url for url, _, _ in await _rows(db)] == [
            "ferry-capsizes-with-40-aboard", "ferry-capsizes-with-64-aboard", "ferry-capsizes-with-12-aboard"]
    finally:
        await db.close()


async def test_an_article_saved_alone_is_no_read_so_no_stored_article_counts_as_gone(tmp_path: Path) -> None:
    """``ArticleStore.save`` of one article (no feed read around it) never takes it for a stored one moved to a
    new link: two alike reports of one source and date, saved one by one, are two articles."""
    db = await Database.open(f"sqlite:///{tmp_path}/alone.db")
    try:
        store = ArticleStore(db)
        for n in (40, 64):
            text, url = BODY.format(n=n), f"https://harbour.test/ferry-{n}"
            h = content_hash(text)
            await store.save(Article(id=article_id(None, url, h), url=url, title=f"Ferry capsizes with {n} aboard",
                                     outlet="Harbour Daily", text=text, sentences=split_sentences(text),
                                     published=NOW, source="https://harbour.test/feed.xml", content_hash=h), now=NOW)
        assert [url for url, _, _ in await _rows(db)] == ["ferry-40", "ferry-64"]
    finally:
        await db.close()


async def test_a_date_without_a_time_tells_no_edit_from_another_item_of_that_day(tmp_path: Path) -> None:
    """A feed that dates its items by day only (midnight) gives one date to every item of the day: two alike
    GUID-less bulletins, the first gone from the feed when the second comes, are two articles, not an edit."""
    midnight = [[_Item(40, hours_ago=9, minutes=0)], [_Item(64, hours_ago=9, minutes=0)]]
    outcomes, db = await _polls(f"sqlite:///{tmp_path}/store.db", midnight)
    try:
        assert outcomes == [(1, 0, 0), (1, 0, 0)]
        assert [url for url, _, _ in await _rows(db)] == ["ferry-capsizes-with-40-aboard",
                                                          "ferry-capsizes-with-64-aboard"]
    finally:
        await db.close()
