"""A feed's edited teaser updates the teaser stored for it, and never a page's text, whatever ingest.full_text says."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from aiohttp import web
from local_site import LocalSite, serving_site

from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import FullText, holds_teaser, stored_head_chars
from bot.ingest.normalise import RawArticle, build_article
from bot.models import Article
from bot.pipeline import IngestReport, Pipeline
from bot.poller import Poller
from bot.store.db import Database
from tests.first_sentence import FirstSentence

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)

LIBRARY_TEASER = ("Tollan's council voted seven to two on Tuesday to build a new library beside the old grain "
                  "market. The project is expected to cost 14 million crowns and open in 2029.")
FERRY_TEASER = "Ferry crews at Brindle walked out on Monday."
FERRY_PAGE = """<html><head><title>Ferry strike halts crossings to Tollan Island</title></head><body><article>
<h1>Ferry strike halts crossings to Tollan Island</h1>
<p>Ferry crews at Brindle walked out on Monday, halting every crossing to Tollan Island for the first time in
twelve years, the operator said.</p>
<p>"We will not sail until the rota is fixed," said Kasia Morvel, who speaks for the crews' union. She said the
strike would continue until the operator agreed to hire more deckhands.</p>
<p>Shops on the island said deliveries of bread and milk had stopped, and the island's school closed early.</p>
<p>The operator said talks would resume on Wednesday and that a relief boat would carry medical supplies.</p>
</article></body></html>"""
CONSENT = """<html><head><title>Before you continue</title></head><body><main><p>We and our partners use cookies
and similar technologies to store and access information on your device. Select accept to agree, or manage your
choices at any time in the privacy centre.</p></main></body></html>"""


@dataclass
class Outlet(LocalSite):
    """The Brindle Gazette: a feed of two teasers (with an ETag), a page that matches and a consent wall."""

    library: str = LIBRARY_TEASER
    ferry: str = FERRY_TEASER

    def feed(self) -> str:
        date = format_datetime(NOW - timedelta(hours=2))

        def item(guid: str, title: str, path: str, body: str) -> str:
            return (f"<item><title>{title}</title><link>{self.base}{path}</link><guid>{guid}</guid>"
                    f"<pubDate>{date}</pubDate><description>{body}</description></item>")

        return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Brindle Gazette</title>"
                + item("bg-1", "Tollan council approves new library", "/news/library", self.library)
                + item("bg-2", "Ferry strike halts crossings to Tollan Island", "/news/ferry", self.ferry)
                + "</channel></rss>")


@pytest.fixture
async def outlet() -> AsyncIterator[Outlet]:
    state = Outlet()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path == "/feed.xml":
            body = state.feed()
            etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(text=body, content_type="application/rss+xml", headers={"ETag": etag})
        pages = {"/news/ferry": FERRY_PAGE, "/news/library": CONSENT}
        if request.path in pages:
            return web.Response(text=pages[request.path], content_type="text/html")
        return None

    async with serving_site(state, answer):
        yield state


async def _nothing_sleeps(seconds: float) -> None:
    return None


def _pipeline(db: Database, clock: ManualClock, *, full_text: bool) -> Pipeline:
    completer = FullText(CONFIG, max_age=timedelta(days=9), robots=None, sleep=_nothing_sleeps) if full_text else None
    return Pipeline(db, Config(ingest=CONFIG), clock, FirstSentence(), full_text=completer)


async def _texts(pipeline: Pipeline, report: IngestReport) -> dict[str, str]:
    return {a.guid or "": a.text for a in await pipeline.articles.get_many(report.new_ids)}


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield database
    await database.close()


async def test_an_edited_teaser_updates_the_stored_teaser_and_a_304_has_nothing_left_to_hide(
        outlet: Outlet, db: Database) -> None:
    clock = ManualClock(NOW)
    pipeline = _pipeline(db, clock, full_text=True)
    feed = f"{outlet.base}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await pipeline.ingest([feed], fetcher)
        assert first.added == 2
        stored = await _texts(pipeline, first)
        assert stored["bg-1"] == LIBRARY_TEASER  # the consent wall did not replace it
        assert "Kasia Morvel" in stored["bg-2"]  # the page's text did
        outlet.library = LIBRARY_TEASER.replace("seven to two", "eight to one").replace("14 million", "19 million")
        clock.advance(timedelta(minutes=30))
        second = await pipeline.ingest([feed], fetcher)
        clock.advance(timedelta(minutes=30))
        third = await pipeline.ingest([feed], fetcher)  # the feed has not changed since: a 304
    assert second.updated == 1 and second.added == 0, second.lines
    assert "updated  Tollan council approves new library (edited republication)" in second.lines
    assert "skipped  Ferry strike halts crossings to Tollan Island: already stored" not in second.lines
    texts = {a.guid: a.text for a in await pipeline.articles.get_many(first.new_ids)}
    assert "19 million crowns" in texts["bg-1"] and "eight to one" in texts["bg-1"]
    assert "Kasia Morvel" in texts["bg-2"]  # the page's text stays: the feed's teaser never overwrites it
    assert outlet.hits("/news/library") == 1 and outlet.hits("/news/ferry") == 1  # no page is asked for again
    assert any("not modified since the last fetch" in line for line in third.lines)


async def test_an_unchanged_teaser_is_counted_as_already_stored(outlet: Outlet, db: Database) -> None:
    clock = ManualClock(NOW)
    pipeline = _pipeline(db, clock, full_text=True)
    async with Fetcher(CONFIG) as fetcher:
        await pipeline.ingest([f"{outlet.base}/feed.xml"], fetcher)
        outlet.ferry = FERRY_TEASER + " "  # a new ETag, the same text
        clock.advance(timedelta(minutes=30))
        again = await pipeline.ingest([f"{outlet.base}/feed.xml"], fetcher)
    assert again.updated == 0 and again.unchanged == 1, again.lines
    assert "skipped  Tollan council approves new library: already stored" in again.lines


async def test_with_full_text_off_a_teaser_never_overwrites_the_page_text_stored(
        outlet: Outlet, db: Database) -> None:
    clock = ManualClock(NOW)
    feed = f"{outlet.base}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await _pipeline(db, clock, full_text=True).ingest([feed], fetcher)
        off = _pipeline(db, clock, full_text=False)  # the operator turns page fetching off
        outlet.ferry = "Ferry crews walked out on Monday."
        outlet.library = LIBRARY_TEASER.replace("seven to two", "nine to none")
        clock.advance(timedelta(minutes=30))
        second = await off.ingest([feed], fetcher)
    texts = {a.guid: a.text for a in await off.articles.get_many(first.new_ids)}
    assert "Kasia Morvel" in texts["bg-2"] and len(texts["bg-2"].split()) > 60  # full text, not the teaser
    assert "nine to none" in texts["bg-1"]  # a teaser stored as a teaser is still edited
    assert second.updated == 1, second.lines  # the library's teaser, not the ferry's page text
    assert "updated  Ferry strike halts crossings to Tollan Island (edited republication)" not in second.lines
    assert outlet.hits("/news/ferry") == 1  # full_text = false: no page is fetched


async def test_with_full_text_off_new_items_are_stored_as_the_feed_gives_them(outlet: Outlet, db: Database) -> None:
    clock = ManualClock(NOW)
    async with Fetcher(CONFIG) as fetcher:
        first = await _pipeline(db, clock, full_text=False).ingest([f"{outlet.base}/feed.xml"], fetcher)
    texts = await _texts(_pipeline(db, clock, full_text=False), first)
    assert texts == {"bg-1": LIBRARY_TEASER, "bg-2": FERRY_TEASER}
    assert outlet.hits("/news/ferry") == outlet.hits("/news/library") == 0


async def test_polling_with_full_text_off_keeps_the_page_text_too(outlet: Outlet, db: Database) -> None:
    clock = ManualClock(NOW)
    feed = f"{outlet.base}/feed.xml"
    config = Config(ingest=CONFIG)
    async with Fetcher(CONFIG) as fetcher:
        first = await _pipeline(db, clock, full_text=True).ingest([feed], fetcher)
        off = _pipeline(db, clock, full_text=False)
        outlet.ferry = "Ferry crews walked out on Monday."
        clock.advance(timedelta(hours=1))
        await off.sources.update(feed, next_poll_at=clock())
        done = await Poller(off, fetcher, off.sources, config.scheduler, clock).poll_due()
    assert done.failed == 0 and done.polled == 1
    ferry = next(a for a in await off.articles.get_many(first.new_ids) if a.guid == "bg-2")
    assert "Kasia Morvel" in ferry.text


def test_a_stored_text_is_the_feeds_teaser_only_when_short_and_no_longer_than_the_item() -> None:
    def item(text: str) -> Article:
        return build_article(RawArticle(title="Tollan council approves new library", text=text,
                                        url="https://gazette.example/library"), source="s", now=NOW, config=CONFIG)

    edited = item(LIBRARY_TEASER.replace("14 million", "19 million"))
    assert holds_teaser(LIBRARY_TEASER, edited, 150)  # the same length: an earlier version of the teaser
    assert holds_teaser("Tollan votes on a library.", edited, 150)  # a shorter teaser grew
    page = LIBRARY_TEASER + " The architects, a firm from Osk, showed the plans to residents on Monday evening."
    assert not holds_teaser(page, edited, 150)  # more than the item: a page's text, kept
    assert not holds_teaser(" ".join(["word"] * 200), item(" ".join(["word"] * 210)), 150)  # long: never a teaser
    head = "x" * stored_head_chars(150)  # a text read only as far as its head: taken as long
    assert not holds_teaser(head, item("The council votes on the library today."), 150)


def test_a_short_page_text_is_not_taken_for_a_teaser_its_longer_edit_may_overwrite() -> None:
    def item(text: str) -> Article:
        return build_article(RawArticle(title="Ferry strike at Brindle", text=text,
                                        url="https://gazette.example/ferry"), source="s", now=NOW, config=CONFIG)

    page = ("Ferry crews at Brindle walked out on Monday, halting every crossing to Tollan Island, the operator "
            "said. Shops on the island said deliveries of bread and milk had stopped.")  # 27 words of a page
    longer_teaser = item("Ferry crews at Brindle walked out on Monday and again on Tuesday morning, the union said, "
                         "and no crossing to the island will run before the weekend at the earliest, it added.")
    assert not holds_teaser(page, longer_teaser, 150)  # words the teaser never had: a page's text, kept
    earlier = "Ferry crews at Brindle walked out on Monday, the union said."
    assert holds_teaser(earlier, longer_teaser, 150)  # an earlier version of the teaser: may be updated
