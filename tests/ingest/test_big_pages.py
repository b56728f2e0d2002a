"""Big pages cannot hold up the event loop: htmldate's page-wide date search runs only when the page's tags give no
date and the page is small, and a teaser's page over INLINE_PAGE_BYTES is read in a worker thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import trafilatura

import bot.ingest.full_text as full_text_module
import bot.ingest.html as html_module
from bot.config import IngestConfig
from bot.ingest.fetch import FetchResult
from bot.ingest.full_text import INLINE_PAGE_BYTES, FullText
from bot.ingest.html import EXTENSIVE_DATE_MAX_CHARS, parse_page
from bot.ingest.normalise import RawArticle, build_article
from bot.ingest.sources import SourceResult

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
CONFIG = IngestConfig(allow_private_networks=True)
PARAGRAPHS = ("<p>The lights along the north quay were repaired on Monday after a storm damaged the cables last "
              "week, the harbour office said.</p><p>Engineers replaced twelve lamps and the wiring under the "
              "walkway, according to the office, which said the work cost less than expected.</p>")


def page(*, meta: str = "", filler: int = 0) -> bytes:
    """A page whose only date, unless ``meta`` gives one, is in its text; ``filler`` characters of comment pad it."""
    pad = f"<!-- {'x' * filler} -->" if filler else ""
    return (f"<html><head><title>Quay lights repaired</title>{meta}</head><body>{pad}<article>"
            f"<h1>Quay lights repaired</h1><p>Posted on 2 March 2026 by the harbour desk.</p>{PARAGRAPHS}"
            "</article></body></html>").encode()


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each trafilatura extraction was asked for the extensive date search."""
    asked: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(*args: Any, **kwargs: Any) -> Any:
        asked.append(bool(kwargs["date_extraction_params"]["extensive_search"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", spy)
    return asked


def test_a_small_page_without_a_dated_tag_gets_its_date_from_its_text(searches: list[bool]) -> None:
    assert parse_page(page(), url="https://ledger.example/news/lights").published == "2026-03-02"
    assert searches == [True]


def test_a_page_whose_tags_give_a_date_skips_the_text_search_and_keeps_that_date(searches: list[bool]) -> None:
    meta = '<meta property="article:published_time" content="2026-03-02T08:15:00Z">'
    assert parse_page(page(meta=meta), url="https://ledger.example/news/lights").published == "2026-03-02T08:15:00Z"
    assert searches == [False]


def test_a_big_page_without_a_dated_tag_is_not_searched_for_a_date_and_still_read(searches: list[bool]) -> None:
    raw = parse_page(page(filler=EXTENSIVE_DATE_MAX_CHARS), url="https://ledger.example/news/lights")
    assert searches == [False]
    assert raw.published is None  # the date in its text is not looked for: the feed's date, if any, is used
    assert "twelve lamps" in raw.text


async def test_a_teaser_page_over_the_inline_size_is_read_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    threaded: list[str] = []
    real = asyncio.to_thread

    async def to_thread(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        threaded.append(getattr(func, "__name__", ""))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(full_text_module.asyncio, "to_thread", to_thread)
    teaser = build_article(RawArticle(title="Quay lights repaired", text="The quay lights work again.",
                                      url="https://ledger.example/news/lights", published=NOW - timedelta(hours=2)),
                           source="https://ledger.example/feed.xml", now=NOW, config=CONFIG)
    pages = {"small": page(), "big": page(filler=INLINE_PAGE_BYTES)}

    class Pages:
        async def fetch(self, url: str, **_: Any) -> FetchResult:
            return FetchResult(url=url, status=200, body=pages[which], content_type="text/html", etag=None,
                               last_modified=None)

    full = FullText(CONFIG, max_age=timedelta(days=9), robots=None)
    results = {}
    for which in ("small", "big"):
        result = SourceResult("https://ledger.example/feed.xml", "feed", "Ledger", (teaser,), ())
        done = await full.complete(result, fetcher=Pages(), stored=_none, now=NOW)  # type: ignore[arg-type]
        results[which] = done.articles[0]
        threaded.append(f"after {which}")
    assert threaded == ["after small", "_use_page", "after big"]
    assert all("twelve lamps" in a.text and a.id == teaser.id for a in results.values())


async def _none(ids: object) -> set[str]:
    return set()
