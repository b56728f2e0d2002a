"""A feed item stored with its page's text, republished under a corrected headline (same GUID and link), has its
page read again: the stored article, its headline and its revision log follow the correction; an unchanged item
is not read again, and a changed teaser under the same headline alone still never replaces the page's text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

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
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
FIRST = ("The ferry Gullwing capsized off Marlow Point on Tuesday with 40 passengers aboard, the coastguard said. "
         "Harbour master Olek Brandt said the 40 passengers were taken to the hospital in Marlow by lifeboat. "
         "The cause of the accident is not yet known, investigators said on Tuesday evening after a first look. "
         "Divers will inspect the hull of the ferry on Wednesday morning, officials of the port authority added.")
FIRST = FIRST.replace(". ", ".\n")  # a paragraph a sentence
CORRECTED = ("Correction: an earlier version of this article said 40 passengers were aboard; there were 64.\n"
             + FIRST.replace("40 passengers", "64 passengers"))


@dataclass
class _Site:
    """A feed of one teaser item and the item's page; ``version`` 2 is the corrected article."""

    port: int = 0
    version: int = 1
    teaser: str = "The ferry capsized off Marlow Point."
    page_requests: int = 0
    paywall: bool = False  # the page asks for a subscription instead

    def title(self) -> str:
        return f"Ferry capsizes off Marlow Point with {40 if self.version == 1 else 64} passengers aboard"

    def app(self) -> web.Application:
        async def feed(request: web.Request) -> web.StreamResponse:
            item = (f"<item><title>{self.title()}</title><link>http://127.0.0.1:{self.port}/ferry</link>"
                    f"<guid>hd-1</guid><pubDate>{format_datetime(NOW - timedelta(hours=2))}</pubDate>"
                    f"<description>{self.teaser}</description></item>")
            head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Daily</title>'
            body = f"{head}{item}</channel></rss>"
            return web.Response(body=body.encode(), headers={"Content-Type": "application/rss+xml"})

        async def page(request: web.Request) -> web.StreamResponse:
            self.page_requests += 1
            text = FIRST if self.version == 1 else CORRECTED
            if self.paywall:
                return web.Response(text="<html><head><title>Subscribe</title></head><body><article><h1>Subscribe"
                                         "</h1><p>Become a member today to keep reading our journalism.</p>"
                                         "</article></body></html>", content_type="text/html")
            paragraphs = "".join(f"<p>{s}</p>" for s in text.split("\n"))
            return web.Response(text=f"<html><head><title>{self.title()}</title></head><body><article><h1>"
                                     f"{self.title()}</h1>{paragraphs}</article></body></html>",
                                content_type="text/html")

        app = web.Application()
        app.router.add_get("/feed.xml", feed)
        app.router.add_get("/ferry", page)
        return app


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


async def _stored(db: Database) -> list[tuple[str, str, str, int]]:
    async with db.connect() as conn:
        rows = await conn.execute(sa.text("SELECT title, text, text_source, revision FROM articles ORDER BY seq"))
        return [(str(r.title), str(r.text), str(r.text_source), int(r.revision)) for r in rows]


async def _revisions(db: Database) -> list[tuple[str, str, bool]]:
    async with db.connect() as conn:
        rows = await conn.execute(sa.text("SELECT title_before, title_after, substantive FROM article_revisions"))
        return [(str(r[0]), str(r[1]), bool(r[2])) for r in rows]


async def test_a_corrected_headline_reads_the_stored_items_page_again(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    clock = [NOW]
    site = _Site()
    pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: clock[0], _FirstSentences(),
                        full_text=FullText(LOCAL, max_age=timedelta(days=7), robots=None))
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            feed = f"http://127.0.0.1:{port}/feed.xml"
            first = await pipeline.ingest([feed], fetcher)
            assert (first.added, site.page_requests) == (1, 1)
            assert [(t, s) for t, _, s, _ in await _stored(db)] == [(site.title(), "page")]

            clock[0] = NOW + timedelta(minutes=20)
            same = await pipeline.ingest([feed], fetcher)  # nothing changed: the page is not asked for again
            assert (same.added, same.updated, site.page_requests) == (0, 0, 1)

            site.teaser = "The ferry capsized off Marlow Point on Tuesday."  # a teaser edit alone, same headline
            clock[0] = NOW + timedelta(minutes=40)
            teaser_only = await pipeline.ingest([feed], fetcher)
            assert (teaser_only.updated, site.page_requests) == (0, 1)
            assert "the 40 passengers were taken" in (await _stored(db))[0][1]  # the page's text stays

            site.version = 2  # the correction: a new headline, a new teaser, the page corrected
            site.teaser = "The ferry capsized off Marlow Point; 64 were aboard."
            clock[0] = NOW + timedelta(hours=1)
            corrected = await pipeline.ingest([feed], fetcher)
            assert (corrected.added, corrected.updated, site.page_requests) == (0, 1, 2)
            [(title, text, origin, revision)] = await _stored(db)
            assert (title, origin, revision) == (site.title(), "page", 2)
            assert text.startswith("Correction:") and "the 64 passengers were taken" in text
            assert "the 40 passengers were taken" not in text
            assert await _revisions(db) == [(
                "Ferry capsizes off Marlow Point with 40 passengers aboard",
                "Ferry capsizes off Marlow Point with 64 passengers aboard", True)]
            assert corrected.new_ids == first.new_ids  # re-summarised as the same article, not a second one

            clock[0] = NOW + timedelta(hours=2)
            after = await pipeline.ingest([feed], fetcher)  # the corrected headline is stored: no read again
            assert (after.added, after.updated, after.unchanged, site.page_requests) == (0, 0, 0, 2)
        async with db.connect() as conn:
            counted = (await conn.execute(sa.text("SELECT articles FROM sources"))).scalar_one()
        assert counted == 1  # the source's article count: the edit is the same article
    finally:
        await db.close()


async def test_a_corrected_headline_whose_page_cannot_be_used_is_not_read_at_every_poll(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    clock = [NOW]
    site = _Site()
    pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: clock[0], _FirstSentences(),
                        full_text=FullText(LOCAL, max_age=timedelta(days=7), robots=None))
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            feed = f"http://127.0.0.1:{port}/feed.xml"
            assert (await pipeline.ingest([feed], fetcher)).added == 1
            site.version, site.paywall = 2, True
            requests = []
            for minutes in (20, 40, 60, 300):  # the page is now a subscription wall: read once, then left a while
                clock[0] = NOW + timedelta(minutes=minutes)
                polled = await pipeline.ingest([feed], fetcher)
                requests.append((polled.updated, site.page_requests))
            assert requests == [(1, 2), (0, 2), (0, 2), (0, 2)]  # the corrected headline is stored at once
            [(title, text, _, _)] = await _stored(db)
            assert title == site.title() and "the 40 passengers were taken" in text  # the page's text stays
            site.paywall = False  # hours later the page is readable again: the corrected text is stored
            clock[0] = NOW + timedelta(hours=9)
            later = await pipeline.ingest([feed], fetcher)
            assert (later.updated, site.page_requests) == (1, 3)
            assert "the 64 passengers were taken" in (await _stored(db))[0][1]
    finally:
        await db.close()
