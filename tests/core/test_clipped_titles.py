"""A long headline in an ingest report line or an answer's heading is cut at a word's end and marked with "…",
never mid-word."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from bot.answer.question import Question
from bot.answer.respond import _whats_new
from bot.app import App, make_pipeline
from bot.clock import ManualClock
from bot.config import Config
from bot.ingest.sources import SourceResult
from bot.models import Article
from bot.pipeline import IngestReport
from bot.store.articles import ArticleStore, SearchHit
from tests.core.retention_store import make_article

NOW = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
LONG = ("Harbour board in Lindholt approves a second breakwater after the winter storms flooded the fish market "
        "twice in one month")
TEXT = ("The harbour board in Lindholt voted on Tuesday to build a second breakwater. "
        "Storms flooded the fish market twice in January, the board said.")


async def test_an_added_and_a_skipped_line_end_at_a_word_with_an_ellipsis(tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/store.db", clock=clock)
    try:
        pipeline = await make_pipeline(app)
        article = replace(make_article("breakwater", TEXT, published=NOW), title=LONG)
        result = SourceResult("https://feeds.test/wire.xml", "feed", "Wire", (article,), ())
        first, again = IngestReport(), IngestReport()
        await pipeline.store_result(result, first)
        await pipeline.store_result(result, again)
    finally:
        await app.close()
    [added] = [line for line in first.lines if line.startswith("added")]
    [skipped] = [line for line in again.lines if line.startswith("skipped")]
    shown = added.removeprefix("added    ").removesuffix(" (Test Wire)")
    assert shown.endswith("…") and len(shown) <= 90
    assert LONG.startswith(shown[:-1]) and LONG[len(shown) - 1] == " "  # the cut falls between two words
    assert skipped == f"skipped  {shown}: already stored"


class OneArticle:
    """A store that finds one article, whatever is asked."""

    def __init__(self, article: Article) -> None:
        self.article = article

    async def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        return [SearchHit(self.article.id, 1.0)]

    async def get_many(self, ids: Any) -> list[Article]:
        return [self.article]


async def test_an_untitled_articles_heading_ends_at_a_word_with_an_ellipsis() -> None:
    lead = LONG + " on Tuesday."
    article = replace(make_article("breakwater", lead, published=NOW), title="", sentences=())
    answer = await _whats_new(Question("new", topic="breakwater"), cast(ArticleStore, OneArticle(article)), None, "")
    [line] = answer.lines
    heading = line.split("*")[1]
    assert heading.endswith("…") and len(heading) <= 80
    assert lead.startswith(heading[:-1]) and lead[len(heading) - 1] == " "
