"""A feed's teaser that dedupe matches to another stored article (by its link, or a GUID the feed changed) never
replaces that article's page text: the guard of bot/ingest/full_text.py only sees the teaser's own id."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from aiohttp import web
from local_site import LocalSite, serving_site

from bot.clock import ManualClock
from bot.ingest.fetch import Fetcher
from bot.store.db import Database
from tests.ingest.test_text_origin import CONFIG, NOW, pipeline
from tests.pg import fresh_database

KILN_TEASER = "The brickworks at Harlow Fen relit its kilns on Monday."
KILN_PAGE_TEXT = ("The brickworks at Harlow Fen relit its kilns on Monday after a winter of repairs, the manager said. "
                  "Carters from three villages queued at the gate for the first loads of fired clay, and the "
                  "parish council said the works would take on twelve more hands by the summer.")
KILN_PAGE = f"""<html><head><title>Harlow Fen kilns burn again</title></head><body><article>
<h1>Harlow Fen kilns burn again</h1><p>{KILN_PAGE_TEXT}</p></article></body></html>"""


@dataclass
class Gazette(LocalSite):
    """The Fen Gazette: one page, and a feed whose one item (GUID ``guid``) is that page's teaser."""

    guid: str = "fg-1"
    page_up: bool = True

    def feed(self) -> str:
        date = format_datetime(NOW - timedelta(hours=1))
        return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Fen Gazette</title>"
                f"<item><title>Harlow Fen kilns burn again</title><link>{self.base}/news/kiln</link>"
                f"<guid>{self.guid}</guid><pubDate>{date}</pubDate><description>{KILN_TEASER}</description></item>"
                "</channel></rss>")


@pytest.fixture
async def gazette() -> AsyncIterator[Gazette]:
    state = Gazette()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path == "/feed.xml":
            return web.Response(text=state.feed(), content_type="application/rss+xml")
        if request.path == "/news/kiln":
            if not state.page_up:
                return web.Response(status=503, text="down for a moment")
            return web.Response(text=KILN_PAGE, content_type="text/html")
        return None

    async with serving_site(state, answer):
        yield state


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite"
           else await fresh_database("briefbot_test_text_origin_by_link"))
    database = await Database.open(url)
    yield database
    await database.close()


@pytest.mark.parametrize("full_text", [True, False], ids=["pages-on-page-down", "pages-off"])
async def test_a_teaser_never_replaces_the_page_text_stored_at_its_link(
        gazette: Gazette, db: Database, full_text: bool) -> None:
    clock = ManualClock(NOW)
    async with Fetcher(CONFIG) as fetcher:
        first = await pipeline(db, clock, full_text=full_text).ingest([f"{gazette.base}/news/kiln"], fetcher)
        assert first.added == 1, first.lines
        gazette.page_up = False  # with pages on, the teaser's page cannot be read now: the teaser is what is left
        clock.advance(timedelta(minutes=30))
        again = pipeline(db, clock, full_text=full_text)
        second = await again.ingest([f"{gazette.base}/feed.xml"], fetcher)
    stored = await again.articles.get_many(first.new_ids)
    assert stored[0].text == KILN_PAGE_TEXT and stored[0].text_source == "page", second.lines
    assert second.updated == 0, second.lines


@pytest.mark.parametrize("full_text", [True, False], ids=["pages-on-page-down", "pages-off"])
async def test_a_teaser_whose_guid_changed_never_replaces_its_page_text(
        gazette: Gazette, db: Database, full_text: bool) -> None:
    clock = ManualClock(NOW)
    feed = f"{gazette.base}/feed.xml"
    async with Fetcher(CONFIG) as fetcher:
        first = await pipeline(db, clock, full_text=True).ingest([feed], fetcher)
        stored = await pipeline(db, clock, full_text=True).articles.get_many(first.new_ids)
        assert stored[0].text == KILN_PAGE_TEXT and stored[0].text_source == "page", first.lines
        gazette.guid, gazette.page_up = "fg-1-v2", False  # the feed numbers its versions; the page is down
        clock.advance(timedelta(minutes=30))
        again = pipeline(db, clock, full_text=full_text)
        second = await again.ingest([feed], fetcher)
    after = await again.articles.get_many(first.new_ids)
    assert after[0].text == KILN_PAGE_TEXT and after[0].text_source == "page", second.lines
    assert second.updated == 0, second.lines
