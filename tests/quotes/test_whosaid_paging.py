""""Who said what about X" reads past the newest candidates when they are not about X: 250 newer quotes from
articles that name X once in passing do not hide three older quotes that name it. On SQLite and PostgreSQL.
Invented articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.answer import scope
from bot.answer.respond import ask, to_json
from bot.models import Article
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import MAX_HITS, QuoteStore

from .conftest import NOW, make_article
from .test_search_story_topic import said

PASSING = 250  # more than one page of candidates (MAX_HITS)
OLD = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
SPEAKERS = ("Ivo Lind", "Sanna Roos", "Peder Vik")


def _on_topic(n: int) -> tuple[Article, str, str]:
    speaker = SPEAKERS[n]
    content = f"Korsholt would rebuild its breakwater by spring number {n + 1}"
    article = make_article(f"old-{n}", f"The harbour board met on Monday. {speaker} said {content}.",
                           title=f"Board meeting {n + 1}", outlet="Quay Herald",
                           published=OLD + timedelta(hours=n))
    return article, speaker, content


def _passing(n: int) -> tuple[Article, str, str]:
    speaker = f"Grower Number{n}"
    content = "prices would hold this winter"
    article = make_article(f"market-{n}", f"Farmers met at the Dalby market on Tuesday. {speaker} said {content}, "
                           "at a stall on the road to Korsholt. Apples sold out by noon.",
                           title=f"Market day {n}", outlet="Dalby Post",
                           published=OLD + timedelta(days=10, minutes=n))
    return article, speaker, content


async def _fill(db: Database) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    # the on-topic quotes first: the oldest articles and the lowest attribution ids
    for article, speaker, content in [_on_topic(n) for n in range(len(SPEAKERS))] + [_passing(n)
                                                                                      for n in range(PASSING)]:
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, [said(article, speaker, content)])


async def _answers(db: Database, question: str) -> list[dict[str, Any]]:
    return list(to_json(await ask(question, QuoteStore(db), ArticleStore(db), NOW))["answers"])


async def test_older_quotes_about_the_topic_are_found_past_a_page_of_passing_mentions(db: Database) -> None:
    await _fill(db)
    # the newest page of candidates is all passing mentions (what one search returned before)
    first = await QuoteStore(db).search("Korsholt", wide=True)
    assert len(first) == MAX_HITS and all(h.attribution.article_id.startswith("market-") for h in first)
    found = await _answers(db, "who said what about Korsholt")
    assert {a["speaker"] for a in found} == set(SPEAKERS)
    assert {a["source"]["article_id"] for a in found} == {"old-0", "old-1", "old-2"}


async def test_the_candidates_read_are_bounded(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    await _fill(db)
    monkeypatch.setattr(scope, "MAX_CANDIDATES", MAX_HITS)  # one page only: the older quotes stay out of reach
    assert await _answers(db, "who said what about Korsholt") == []
    monkeypatch.setattr(scope, "MAX_CANDIDATES", 2 * MAX_HITS)
    assert {a["speaker"] for a in await _answers(db, "who said what about Korsholt")} == set(SPEAKERS)


async def test_paging_keeps_to_the_time_asked(db: Database) -> None:
    await _fill(db)
    found = await _answers(db, "who said what about Korsholt since 2026-10-01")
    assert {a["speaker"] for a in found} == set(SPEAKERS)
    assert await _answers(db, "who said what about Korsholt since 2026-10-05") == []  # only the passing mentions
