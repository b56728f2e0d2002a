"""The store records where each text came from (feed, page, file): a feed's teaser never replaces a page's text,
however many of its words an edit repeats, and a feed's edit replaces the feed's text, a shorter one included."""

from __future__ import annotations

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
from bot.ingest.full_text import FullText, StoredText, may_replace
from bot.ingest.normalise import RawArticle, build_article
from bot.models import Article
from bot.pipeline import Pipeline
from bot.store.db import Database
from tests.first_sentence import FirstSentence

NOW = datetime(2026, 6, 8, 7, 30, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)

MILL_TEASER = "Millworkers at Quenby stopped the looms on Friday."
MILL_PAGE_TEXT = ("Millworkers at Quenby stopped the looms on Friday, halting cloth orders for the whole valley, the "
                  "owners said. Traders in Quenby said bolts of wool and linen had run short.")
MILL_PAGE = f"""<html><head><title>Quenby mill stoppage halts cloth orders</title></head><body><article>
<h1>Quenby mill stoppage halts cloth orders</h1><p>{MILL_PAGE_TEXT}</p></article></body></html>"""
# the feed's edit repeats every word of the short page text and is longer: by word share alone, an edited teaser
MILL_EDITED = ("Millworkers at Quenby stopped the looms on Friday, halting cloth orders for the whole valley, the "
               "owners said on Saturday. Traders in Quenby said bolts of wool and linen had run short, and prices "
               "rose.")
BRIDGE_TEASER = ("Orrin's assembly voted six to three on Thursday to rebuild the stone bridge over the Wend. The work "
                 "is expected to cost 8 million crowns and finish in 2030.")
BRIDGE_SHORTER = "Orrin's assembly voted five to four on Thursday to rebuild the stone bridge over the Wend."
CONSENT = """<html><head><title>Before you continue</title></head><body><main><p>We and our partners use cookies
and similar technologies to store and access information on your device. Select accept to agree, or manage your
choices at any time in the privacy centre.</p></main></body></html>"""


@dataclass
class Courier(LocalSite):
    """The Quenby Courier: a feed of two teasers; the mill's page holds a short article, the bridge's a consent wall."""

    mill: str = MILL_TEASER
    bridge: str = BRIDGE_TEASER

    def feed(self) -> str:
        date = format_datetime(NOW - timedelta(hours=1))

        def item(guid: str, title: str, path: str, body: str) -> str:
            return (f"<item><title>{title}</title><link>{self.base}{path}</link><guid>{guid}</guid>"
                    f"<pubDate>{date}</pubDate><description>{body}</description></item>")

        return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Quenby Courier</title>"
                + item("qc-1", "Quenby mill stoppage halts cloth orders", "/news/mill", self.mill)
                + item("qc-2", "Orrin assembly backs bridge rebuild", "/news/bridge", self.bridge)
                + "</channel></rss>")


@pytest.fixture
async def courier() -> AsyncIterator[Courier]:
    state = Courier()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path == "/feed.xml":
            return web.Response(text=state.feed(), content_type="application/rss+xml")
        pages = {"/news/mill": MILL_PAGE, "/news/bridge": CONSENT}
        if request.path in pages:
            return web.Response(text=pages[request.path], content_type="text/html")
        return None

    async with serving_site(state, answer):
        yield state


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield database
    await database.close()


async def _nothing_sleeps(seconds: float) -> None:
    return None


def pipeline(db: Database, clock: ManualClock, *, full_text: bool) -> Pipeline:
    """A pipeline on the local sites, its page reader (when ``full_text``) never sleeping between tries."""
    completer = FullText(CONFIG, max_age=timedelta(days=9), robots=None, sleep=_nothing_sleeps) if full_text else None
    return Pipeline(db, Config(ingest=CONFIG), clock, FirstSentence(), full_text=completer)


async def _by_guid(pipeline: Pipeline, ids: list[str]) -> dict[str, Article]:
    return {a.guid or "": a for a in await pipeline.articles.get_many(ids)}


@pytest.mark.parametrize("full_text", [True, False], ids=["pages-on", "pages-off"])
async def test_a_short_page_text_is_never_replaced_by_a_teaser_that_repeats_its_words(
        courier: Courier, db: Database, full_text: bool) -> None:
    clock = ManualClock(NOW)
    feed = f"{courier.base}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await pipeline(db, clock, full_text=True).ingest([feed], fetcher)
        stored = await _by_guid(pipeline(db, clock, full_text=True), first.new_ids)
        assert stored["qc-1"].text == MILL_PAGE_TEXT and stored["qc-1"].text_source == "page"
        assert stored["qc-2"].text == BRIDGE_TEASER and stored["qc-2"].text_source == "feed"
        courier.mill = MILL_EDITED
        clock.advance(timedelta(minutes=30))
        again = pipeline(db, clock, full_text=full_text)
        second = await again.ingest([feed], fetcher)
    after = await _by_guid(again, first.new_ids)
    assert after["qc-1"].text == MILL_PAGE_TEXT and after["qc-1"].text_source == "page"
    assert second.updated == 0, second.lines
    assert courier.hits("/news/mill") == 1  # the stored item's page is not asked for again


@pytest.mark.parametrize("full_text", [True, False], ids=["pages-on", "pages-off"])
async def test_a_corrected_shorter_teaser_replaces_the_stored_teaser(
        courier: Courier, db: Database, full_text: bool) -> None:
    clock = ManualClock(NOW)
    feed = f"{courier.base}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await pipeline(db, clock, full_text=True).ingest([feed], fetcher)
        courier.bridge = BRIDGE_SHORTER
        clock.advance(timedelta(minutes=30))
        again = pipeline(db, clock, full_text=full_text)
        second = await again.ingest([feed], fetcher)
    assert "updated  Orrin assembly backs bridge rebuild (edited republication)" in second.lines, second.lines
    bridge = (await _by_guid(again, first.new_ids))["qc-2"]
    assert bridge.text == BRIDGE_SHORTER and bridge.text_source == "feed"


async def test_a_teaser_cut_off_with_an_ellipsis_is_not_taken_for_an_edit(courier: Courier, db: Database) -> None:
    clock = ManualClock(NOW)
    feed = f"{courier.base}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await pipeline(db, clock, full_text=True).ingest([feed], fetcher)
        courier.bridge = BRIDGE_TEASER[:120].rstrip() + "…"  # the feed now cuts its descriptions short
        clock.advance(timedelta(minutes=30))
        again = pipeline(db, clock, full_text=True)
        second = await again.ingest([feed], fetcher)
    assert second.updated == 0, second.lines
    assert (await _by_guid(again, first.new_ids))["qc-2"].text == BRIDGE_TEASER


def _item(text: str) -> Article:
    return build_article(RawArticle(title="Orrin assembly backs bridge rebuild", text=text,
                                    url="https://courier.example/bridge"), source="s", now=NOW, config=CONFIG)


def test_a_page_or_a_files_text_is_never_replaced_by_a_feed_teaser() -> None:
    longer = _item(BRIDGE_TEASER + " The assembly will meet the builders in March.")
    assert may_replace(StoredText("feed", BRIDGE_TEASER), longer, 150)
    assert not may_replace(StoredText("page", BRIDGE_TEASER), longer, 150)
    assert not may_replace(StoredText("file", BRIDGE_TEASER), longer, 150)


def test_a_feed_text_takes_any_edit_no_shorter_and_a_shorter_one_the_judgement_calls_an_edit() -> None:
    rewritten = _item("The stone bridge over the Wend will be rebuilt after a vote in Orrin, where members split "
                      "six to three; builders expect a bill of 8 million crowns and a finish in 2030 at the latest.")
    assert may_replace(StoredText("feed", BRIDGE_TEASER), rewritten, 150)  # rewrites most of it: still the feed's
    assert may_replace(StoredText("feed", BRIDGE_TEASER), _item(BRIDGE_SHORTER), 150)  # a number changed
    doubled = "Orrin's assembly voted six to three on Thursday to to rebuild the stone bridge over the Wend."
    fixed = _item(doubled.replace("to to", "to"))
    assert not may_replace(StoredText("feed", doubled), fixed, 150)  # shorter by a doubled word only: no real edit
    long_feed_text = " ".join([BRIDGE_TEASER] * 8)  # a feed that gave the whole article: not cut to a teaser
    assert not may_replace(StoredText("feed", long_feed_text), _item(BRIDGE_SHORTER), 150)


def test_a_text_stored_before_its_origin_was_recorded_is_judged_as_before() -> None:
    grown = _item(BRIDGE_TEASER + " The assembly will meet the builders in March.")
    assert may_replace(StoredText("", BRIDGE_TEASER), grown, 150)
    assert not may_replace(StoredText("", BRIDGE_TEASER), _item(BRIDGE_SHORTER), 150)  # shorter: kept, as before
    assert may_replace(BRIDGE_TEASER, grown, 150)  # a plain stored text: origin unknown
