"""Paged whosaid reads the stories' attributions ordered and cut by the database (``story_keys``): every page, and
so every answer, is what reading all the attributions of the next articles and sorting them found before
(``QuoteStore._story_matching_keys``), for narrow and wide pages, speakers, a time window, ties in article time,
articles without quotes, stories and lone articles. On SQLite and PostgreSQL. Invented articles."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.answer import scope
from bot.answer.respond import ENOUGH
from bot.models import Attribution
from bot.store import quote_pages
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article
from .test_search_story_topic import said

OLD = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
SPEAKERS = ("Ivo Lind", "Sanna Roos", "Peder Vik", "Mira Dahl")
LINES = ("the Korsholt breakwater would be rebuilt", "the harbour board had run out of money",
         "prices at the Korsholt market would hold", "the ferry strike was over at last",
         "the harbour would open again in spring", "nobody had asked the fishermen")


async def _fill(db: Database) -> None:
    rng = random.Random(11)
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for n in range(90):
        count = rng.choice((0, 1, 1, 2, 3, 5))  # some articles hold no quote
        lines = [rng.choice(LINES) + f" number {n}-{k}" for k in range(count)]
        speakers = [rng.choice(SPEAKERS) for _ in lines]
        topic = rng.choice(("The Korsholt harbour board met.", "The board met in Korsholt.", "A quiet day."))
        text = " ".join([topic, *(f"{s} said {line}." for s, line in zip(speakers, lines, strict=True))])
        # ties in time: several articles share one
        article = make_article(f"a-{n:03d}", text, title=f"Harbour day {n}",
                               published=OLD + timedelta(hours=rng.randint(0, 30)))
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, [said(article, s, line) for s, line in zip(speakers, lines, strict=True)])
        if rng.random() < 0.7:  # the others in no story
            await articles.set_story(article.id, f"s-{rng.randint(0, 12)}")


def _pages_as_read(pages: list[list[Any]]) -> list[list[tuple[Attribution, bool, str]]]:
    return [[(h.attribution, h.mentions, h.url) for h in page] for page in pages]


async def _sorted_in_python(store: QuoteStore, conn: AsyncConnection, terms: list[str], speakers: Any,
                            since: datetime | None, limit: int, *, after: tuple[int, int] | None,
                            ranks: dict[str, int]) -> list[tuple[int, int]]:
    """How the pager read the stories' attributions before: every one of the next articles', sorted here."""
    return await store._story_matching_keys(conn, terms, speakers, since, limit, after=after, ranks=ranks)


CASES = [("Korsholt", (), None), ("harbour board", (), None), ("Korsholt harbour", ("Ivo Lind",), None),
         ("harbour", ("Sanna Roos", "Mira Dahl"), None), ("Korsholt", (), OLD + timedelta(hours=12)),
         ("board", (), None), ("ferry strike", (), OLD + timedelta(hours=3))]


async def test_every_page_is_what_sorting_every_attribution_found(db: Database,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    await _fill(db)
    store = QuoteStore(db)
    compared = 0
    for topic, speakers, since in CASES:
        for first, most in ((1, 64), (3, 48), (7, 200), (200, 3200)):
            new = [p async for p in store.pages(topic, speakers=speakers, since=since, wide=True, first=first,
                                                most=most)]
            with monkeypatch.context() as patched:
                patched.setattr(quote_pages, "story_keys", _sorted_in_python)
                old = [p async for p in store.pages(topic, speakers=speakers, since=since, wide=True,
                                                    first=first, most=most)]
            assert _pages_as_read(new) == _pages_as_read(old), (topic, speakers, since, first, most)
            compared += sum(map(len, new))
    assert compared > 500  # the pages do hold quotes


async def test_the_answer_is_the_same(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    await _fill(db)
    quotes, articles = QuoteStore(db), ArticleStore(db)
    for topic, speakers, since in CASES:
        new = await scope.found_in_scope(quotes, articles, topic, enough=ENOUGH, speakers=speakers, since=since)
        with monkeypatch.context() as patched:
            patched.setattr(quote_pages, "story_keys", _sorted_in_python)
            old = await scope.found_in_scope(quotes, articles, topic, enough=ENOUGH, speakers=speakers, since=since)
        assert [(h.attribution, h.mentions) for h in new] == [(h.attribution, h.mentions) for h in old], topic


async def test_only_the_attributions_kept_come_back(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database cuts the stories' attributions at the page's size: no row past it is handed back."""
    await _fill(db)
    handed: list[int] = []
    next_keys = quote_pages._next_keys

    async def spy(conn: AsyncConnection, rank_of: dict[str, int], speakers: Any, limit: int,
                  after: tuple[int, int] | None) -> list[tuple[int, int]]:
        found = await next_keys(conn, rank_of, speakers, limit, after)
        assert len(found) <= limit
        handed.append(len(found))
        return found

    monkeypatch.setattr(quote_pages, "_next_keys", spy)
    pages = [p async for p in QuoteStore(db).pages("Korsholt", wide=True, first=4, most=64)]
    assert len(pages) > 2 and handed and max(handed) <= 32
