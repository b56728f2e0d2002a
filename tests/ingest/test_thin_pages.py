"""A web page with (almost) no text is refused as "no article text": not stored, not briefed, not made a source; a
short real article in a script written without spaces (Chinese, Japanese) is not taken for one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web
from ingest_server import PAGE
from local_site import LocalSite, serving_site

from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.db import Database
from tests.first_sentence import FirstSentence

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=3.0, connect_timeout_seconds=2.0)
HELLO = "<html><head><title>No feed here</title></head><body><p>Hello.</p></body></html>"
# Invented towns and people; three sentences of news, 6 runs between punctuation marks.
ZH = ("<html lang='zh'><head><meta charset='utf-8'><title>青石镇将开通新渡轮航线</title></head><body><article>"
      "<h1>青石镇将开通新渡轮航线</h1><p>青石镇今天宣布，新的渡轮航线将于明年春天开通。</p>"
      "<p>该航线全长三十公里，沿途设有六个码头。</p><p>镇长李明远表示，票价将保持在十元以内。</p>"
      "</article></body></html>")
ZH_404 = ("<html lang='zh'><head><meta charset='utf-8'><title>页面不存在</title></head><body>"
          "<p>页面不存在。</p></body></html>")



@dataclass
class Pages(LocalSite):
    orchard: str = PAGE.decode()


@pytest.fixture
async def pages() -> AsyncIterator[Pages]:
    state = Pages()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        texts = {"/nofeed.html": HELLO, "/orchard.html": state.orchard, "/ferry.html": ZH, "/gone.html": ZH_404}
        if request.path in texts:
            return web.Response(text=texts[request.path], content_type="text/html")
        return None

    async with serving_site(state, answer):
        yield state


@pytest.fixture
async def pipeline(tmp_path: Path) -> AsyncIterator[Pipeline]:
    db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield Pipeline(db, Config(ingest=CONFIG), ManualClock(NOW), FirstSentence())
    await db.close()


async def test_a_one_word_page_is_refused_and_not_made_a_source(pages: Pages, pipeline: Pipeline) -> None:
    url = f"{pages.base}/nofeed.html"
    async with Fetcher(CONFIG) as fetcher:
        report = await pipeline.ingest([url, f"{pages.base}/orchard.html"], fetcher)
    assert report.lines[0] == (f"error    {url}: no article text (the page holds 1 word; at least 10 make an "
                               "article) (not added as a source)")
    assert report.added == 1 and [p.input for p in report.problems] == [url]
    assert await pipeline.sources.get(url) is None
    assert [a.title for a in await pipeline.articles.get_many(report.new_ids)] == ["Orchard saved"]


async def test_a_page_source_that_turns_thin_is_a_failed_poll_and_keeps_its_article(
        pages: Pages, pipeline: Pipeline) -> None:
    url = f"{pages.base}/orchard.html"
    async with Fetcher(CONFIG) as fetcher:
        first = await pipeline.ingest([url], fetcher)
        pages.orchard = HELLO  # the outlet swaps the article for a placeholder
        clock = ManualClock(NOW + timedelta(hours=1))
        pipeline.clock = clock
        await pipeline.sources.update(url, next_poll_at=clock())
        done = await Poller(pipeline, fetcher, pipeline.sources, Config().scheduler, clock).poll_due()
    assert done.failed == 1 and done.added == 0
    state = await pipeline.sources.get(url)
    assert state is not None and "no article text" in (state.last_error or "")
    stored = await pipeline.articles.get_many(first.new_ids)
    assert len(stored) == 1 and "old orchard" in stored[0].text


async def test_a_short_chinese_article_page_is_stored(pages: Pages, pipeline: Pipeline) -> None:
    url = f"{pages.base}/ferry.html"
    async with Fetcher(CONFIG) as fetcher:
        report = await pipeline.ingest([url], fetcher)
    assert report.added == 1, report.lines
    assert await pipeline.sources.get(url) is not None
    [article] = await pipeline.articles.get_many(report.new_ids)
    assert "渡轮航线" in article.text


async def test_a_chinese_error_page_is_still_refused(pages: Pages, pipeline: Pipeline) -> None:
    url = f"{pages.base}/gone.html"
    async with Fetcher(CONFIG) as fetcher:
        report = await pipeline.ingest([url], fetcher)
    assert report.added == 0
    assert await pipeline.sources.get(url) is None
