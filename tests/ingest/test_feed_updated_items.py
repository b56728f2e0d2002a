"""A teaser item stored with its page's text whose feed says it changed (Atom <updated>, JSON Feed date_modified)
under the same headline and teaser has its page read again, once per change: the stored article, its story and its
revision log follow, its first publication date stays; a page that cannot be used is not asked for again for 8
hours. A corrected headline is stored over the page's text, the story's headline with it, with ``full_text = false``
and, when its page cannot be used, with ``full_text = true`` too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web
from ingest_server import serving

from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import FullText
from bot.models import Article, SummarySentence
from bot.pipeline import Pipeline
from bot.store.db import Database

NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)
FIRST_DATE = NOW - timedelta(hours=2)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
TITLE = "Floodwater closes the old road into Vellin"
TEASER = "Floodwater closed the old road into Vellin."
OPENING = ["Floodwater from the river Ossa closed the old road into Vellin early on Monday, the county said.",
           "Council engineer Mira Toft said the water stood half a metre deep near the mill bridge at dawn.",
           "Buses to Vellin were sent along the hill road, which adds twenty minutes to the trip each way.",
           "The county expects the road to stay shut until the river falls below its banks again."]
LATER = ["Update at noon: the county said two houses near the mill bridge were evacuated as the water rose.",
         "Residents of the lower town were told to move cars to the market square before the evening."]


@dataclass
class _Site:
    """A feed (Atom or JSON Feed) of one teaser item and its live page, grown by ``grown`` paragraphs."""

    kind: str = "atom"
    port: int = 0
    grown: int = 0
    updated: datetime = FIRST_DATE
    title: str = TITLE
    page_requests: int = 0
    paywall: bool = False
    broken: bool = False  # the page answers 503

    def link(self) -> str:
        return f"http://127.0.0.1:{self.port}/flood"

    def app(self) -> web.Application:
        async def feed(request: web.Request) -> web.StreamResponse:
            if self.kind == "json":
                doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Vellin Courier", "items": [{
                    "id": "vc-1", "url": self.link(), "title": self.title, "content_text": TEASER,
                    "date_published": FIRST_DATE.isoformat(), "date_modified": self.updated.isoformat()}]}
                return web.Response(body=json.dumps(doc).encode(), headers={"Content-Type": "application/feed+json"})
            body = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Vellin Courier</title>'
                    f'<id>urn:vc</id><updated>{self.updated.isoformat()}</updated><entry><title>{self.title}</title>'
                    f'<id>urn:vc:1</id><link href="{self.link()}"/><published>{FIRST_DATE.isoformat()}</published>'
                    f'<updated>{self.updated.isoformat()}</updated><summary>{TEASER}</summary></entry></feed>')
            return web.Response(body=body.encode(), headers={"Content-Type": "application/atom+xml"})

        async def page(request: web.Request) -> web.StreamResponse:
            self.page_requests += 1
            if self.broken:
                return web.Response(status=503, text="busy")
            if self.paywall:
                return web.Response(text="<html><head><title>Subscribe</title></head><body><article><h1>Subscribe"
                                         "</h1><p>Become a member today to keep reading our journalism.</p>"
                                         "</article></body></html>", content_type="text/html")
            paragraphs = "".join(f"<p>{s}</p>" for s in [*OPENING, *LATER[:self.grown]])
            return web.Response(text=f"<html><head><title>{self.title}</title></head><body><article><h1>"
                                     f"{self.title}</h1>{paragraphs}</article></body></html>",
                                content_type="text/html")

        app = web.Application()
        app.router.add_get("/feed", feed)
        app.router.add_get("/flood", page)
        return app


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


async def _stored(db: Database) -> tuple[str, str, datetime, int, datetime | None]:
    async with db.connect() as conn:
        [row] = (await conn.execute(sa.text("SELECT title, text, published, revision, feed_updated FROM articles"))
                 ).all()
    published = row.published if isinstance(row.published, datetime) else datetime.fromisoformat(row.published)
    fed = row.feed_updated if row.feed_updated is None or isinstance(row.feed_updated, datetime) \
        else datetime.fromisoformat(row.feed_updated)
    return (str(row.title), str(row.text), published.replace(tzinfo=UTC), int(row.revision),
            None if fed is None else fed.replace(tzinfo=UTC))


async def _story_headline(db: Database) -> str:
    async with db.connect() as conn:
        return str((await conn.execute(sa.text("SELECT headline FROM stories"))).scalar_one())


def _pipeline(db: Database, clock: list[datetime], *, full_text: bool = True) -> Pipeline:
    return Pipeline(db, Config(ingest=LOCAL), lambda: clock[0], _FirstSentences(),
                    full_text=FullText(LOCAL, max_age=timedelta(days=7), robots=None) if full_text else None)


@pytest.mark.parametrize("kind", ["atom", "json"])
async def test_a_later_updated_time_reads_the_page_again_once_per_change(tmp_path: Path, kind: str) -> None:
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    clock = [NOW]
    site = _Site(kind=kind)
    pipeline = _pipeline(db, clock)
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            feed = f"http://127.0.0.1:{port}/feed"
            first = await pipeline.ingest([feed], fetcher)
            assert (first.added, site.page_requests) == (1, 1)
            assert (await _stored(db))[4] == FIRST_DATE

            clock[0] = NOW + timedelta(minutes=20)
            same = await pipeline.ingest([feed], fetcher)  # nothing changed: the page is not asked for again
            assert (same.updated, site.page_requests) == (0, 1)

            site.grown, site.updated = 2, NOW + timedelta(minutes=30)  # the live page grew; headline and teaser same
            clock[0] = NOW + timedelta(minutes=40)
            grown = await pipeline.ingest([feed], fetcher)
            assert (grown.added, grown.updated, site.page_requests) == (0, 1, 2)
            assert grown.new_ids == first.new_ids  # re-summarised as the same article
            title, text, published, revision, fed = await _stored(db)
            assert (title, revision, fed) == (TITLE, 2, site.updated)
            assert "two houses near the mill bridge were evacuated" in text
            assert published == FIRST_DATE  # its first publication date stays

            for minutes in (60, 80):  # the same change read again: its page is not asked for again
                clock[0] = NOW + timedelta(minutes=minutes)
                again = await pipeline.ingest([feed], fetcher)
                assert (again.updated, again.unchanged, site.page_requests) == (0, 0, 2)

            site.updated = NOW + timedelta(minutes=90)  # a new time, the page's text as it was: read once, no edit
            clock[0] = NOW + timedelta(minutes=100)
            touched = await pipeline.ingest([feed], fetcher)
            assert (touched.updated, touched.unchanged, site.page_requests) == (0, 1, 3)
            assert (await _stored(db))[4] == site.updated
            clock[0] = NOW + timedelta(minutes=120)
            assert (await pipeline.ingest([feed], fetcher)).unchanged == 0 and site.page_requests == 3
    finally:
        await db.close()


async def test_a_changed_items_page_that_cannot_be_used_is_not_asked_for_again_for_8_hours(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    clock = [NOW]
    site = _Site()
    pipeline = _pipeline(db, clock)
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            feed = f"http://127.0.0.1:{port}/feed"
            assert (await pipeline.ingest([feed], fetcher)).added == 1
            site.grown, site.updated, site.paywall = 2, NOW + timedelta(minutes=10), True
            requests = []
            for minutes in (20, 40, 60, 300):  # a subscription wall now: asked once, then left a while
                clock[0] = NOW + timedelta(minutes=minutes)
                polled = await pipeline.ingest([feed], fetcher)
                requests.append((polled.updated, site.page_requests))
            assert requests == [(0, 2), (0, 2), (0, 2), (0, 2)]
            assert "evacuated" not in (await _stored(db))[1]  # the page's text stays
            assert (await _stored(db))[4] == FIRST_DATE  # the change is not taken as read
            site.paywall = False
            clock[0] = NOW + timedelta(hours=9)
            later = await pipeline.ingest([feed], fetcher)
            assert (later.updated, site.page_requests) == (1, 3)
            assert "evacuated" in (await _stored(db))[1]
    finally:
        await db.close()


async def test_a_row_without_a_feed_time_gets_one_without_its_page_being_read(tmp_path: Path) -> None:
    """A row stored before v27 (no feed time): the next read keeps the feed's time, reading nothing; a later
    change is then told."""
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    clock = [NOW]
    site = _Site()
    pipeline = _pipeline(db, clock)
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            feed = f"http://127.0.0.1:{port}/feed"
            assert (await pipeline.ingest([feed], fetcher)).added == 1
            async with db.begin() as conn:
                await conn.execute(sa.text("UPDATE articles SET feed_updated = NULL"))
            site.updated = NOW + timedelta(minutes=10)
            clock[0] = NOW + timedelta(minutes=20)
            assert (await pipeline.ingest([feed], fetcher)).updated == 0
            assert site.page_requests == 1 and (await _stored(db))[4] == site.updated
            site.grown, site.updated = 1, NOW + timedelta(minutes=30)
            clock[0] = NOW + timedelta(minutes=40)
            assert (await pipeline.ingest([feed], fetcher)).updated == 1 and site.page_requests == 2
    finally:
        await db.close()


async def test_without_full_text_a_corrected_headline_is_stored_over_the_pages_text(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    clock = [NOW]
    site = _Site()
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            feed = f"http://127.0.0.1:{port}/feed"
            assert (await _pipeline(db, clock).ingest([feed], fetcher)).added == 1  # stored with its page's text
            assert await _story_headline(db) == TITLE
            plain = _pipeline(db, clock, full_text=False)
            clock[0] = NOW + timedelta(minutes=20)
            assert (await plain.ingest([feed], fetcher)).updated == 0  # unchanged: the teaser never replaces it
            site.title = "Floodwater closes the old road into Vellin and the mill bridge"
            clock[0] = NOW + timedelta(minutes=40)
            corrected = await plain.ingest([feed], fetcher)
            assert (corrected.added, corrected.updated, site.page_requests) == (0, 1, 1)
            title, text, published, revision, _ = await _stored(db)
            assert (title, revision, published) == (site.title, 2, FIRST_DATE)
            assert "half a metre deep" in text and text != TEASER  # the page's text stays
            assert await _story_headline(db) == site.title  # the story's headline follows
            clock[0] = NOW + timedelta(minutes=60)
            assert (await plain.ingest([feed], fetcher)).updated == 0  # told once
    finally:
        await db.close()


@pytest.mark.parametrize("failure", ["paywall", "broken"])
async def test_a_corrected_headline_whose_page_cannot_be_used_is_stored_at_once(tmp_path: Path, failure: str) -> None:
    """With full text on, a corrected headline whose page gives no article text (a subscription wall) or no answer
    (503) is stored over the page's text at that read, as without full text; the page is asked for again later."""
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    clock = [NOW]
    site = _Site()
    pipeline = _pipeline(db, clock)
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            feed = f"http://127.0.0.1:{port}/feed"
            assert (await pipeline.ingest([feed], fetcher)).added == 1
            site.title = "Floodwater closes the old road into Vellin and the mill bridge"
            setattr(site, failure, True)
            clock[0] = NOW + timedelta(minutes=20)
            corrected = await pipeline.ingest([feed], fetcher)
            assert (corrected.added, corrected.updated, site.page_requests) == (0, 1, 2)
            title, text, published, revision, fed = await _stored(db)
            assert (title, revision, published, fed) == (site.title, 2, FIRST_DATE, FIRST_DATE)
            assert "half a metre deep" in text  # the page's text stays
            assert await _story_headline(db) == site.title
            clock[0] = NOW + timedelta(minutes=25)
            again = await pipeline.ingest([feed], fetcher)  # told once; the page waits its next try
            assert (again.updated, site.page_requests) == (0, 2)
            setattr(site, failure, False)
            site.grown = 1
            clock[0] = NOW + timedelta(hours=9)
            later = await pipeline.ingest([feed], fetcher)  # the page is asked for again and its text stored
            assert (later.updated, site.page_requests) == (1, 3)
            assert "two houses near the mill bridge" in (await _stored(db))[1]
            assert (await _stored(db))[0] == site.title
    finally:
        await db.close()
