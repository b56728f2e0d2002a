"""Pins what a topic of several words finds story-wide (``QuoteStore.search`` and its story query): which
attributions, in which order, with speakers, ``since`` and small limits, over several stories, unclustered articles
and articles without a publication time. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Article, Attribution
from bot.nlp.sentences import split_sentences
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore, attr

DAY = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)

# (article id, story or None, title, hours after DAY or None for no publication time, [(speaker, words said)])
PLAN: list[tuple[str, str | None, str, int | None, list[tuple[str, str]]]] = [
    # story a: both words in one article, the other article only "strike"
    ("a-1", "s-a", "Ferry strike begins", 1, [("Kasia Moreno", "the ferry strike began at dawn"),
                                            ("Edda Lunn", "her shop had no bread")]),
    ("a-2", "s-a", "Crews ashore", 3, [("Tomas Ek", "the strike was the longest he knew"),
                                       ("Kasia Moreno", "wages had to rise")]),
    # story b: each word in a different article; the same hour as a-2 (ties go to the newer attribution)
    ("b-1", "s-b", "Harbour quiet", 3, [("Lina Sorb", "the ferry stayed in the harbour")]),
    ("b-2", "s-b", "Union vote", 5, [("Ruud Hal", "the strike vote was clear"), ("Edda Lunn", "prices went up")]),
    # story c: only "strike", never "ferry": not found
    ("c-1", "s-c", "Rail depot walkout", 6, [("Tomas Ek", "the strike at the depot ended")]),
    ("c-2", "s-c", "Depot reopens", 7, [("Mira Vos", "trains ran again by noon")]),
    # story d: "ferry" only in a title, "strike" in the other article's text; one article without a time
    ("d-1", "s-d", "Ferry timetable cut", None, [("Lina Sorb", "fewer boats would sail next week")]),
    ("d-2", "s-d", "Talks stall", 2, [("Ruud Hal", "the strike talks had stalled"),
                                      ("Mira Vos", "nobody came to the table")]),
    # unclustered: both words (one in the title), only one word, both words in the text
    ("u-1", None, "Ferry to Vessa idle", 4, [("Kasia Moreno", "the strike was justified")]),
    ("u-2", None, "Ferry fares rise", 8, [("Edda Lunn", "the ferry cost twice as much")]),
    ("u-3", None, "Island news", 0, [("Mira Vos", "the ferry strike hurt the island"),
                                     ("Tomas Ek", "the school stayed open")]),
]


def _article(article_id: str, title: str, hours: int | None, said: list[tuple[str, str]]) -> Article:
    text = " ".join(f"{speaker} said {words}." for speaker, words in said)
    published = DAY + timedelta(hours=hours) if hours is not None else None
    return Article(id=article_id, url=f"https://example.org/{article_id}", title=title, outlet="Pin Outlet",
                   text=text, sentences=split_sentences(text), published=published,
                   content_hash=f"hash-{article_id}")


async def story_ids(quotes: QuoteStore, conn: AsyncConnection, terms: list[str], speakers: tuple[str, ...],
                    since: datetime | None, limit: int) -> list[int]:
    """The story query's attributions as ids, in its order (it gives each as its article's rank and minus its id)."""
    return [-minus for _, minus in await quotes._story_matching_keys(conn, terms, speakers, since, limit)]


async def _fill(db: Database) -> tuple[QuoteStore, dict[int, str]]:
    """The store, and each attribution's id to the words it holds."""
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for article_id, story, title, hours, said in PLAN:
        article = _article(article_id, title, hours, said)
        # articles without a publication time are ordered by when they were stored
        await articles.save(article, now=DAY + timedelta(hours=2, minutes=30))
        attributions = []
        for speaker, words in said:
            start = article.text.index(words)
            sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
            attributions.append(Attribution(article_id, speaker, speaker, "said", words, "indirect", sentence,
                                            start, start + len(words)))
        await quotes.replace(article_id, attributions)
        if story is not None:
            await articles.set_story(article_id, story)
    async with db.connect() as conn:
        rows = (await conn.execute(sa.select(attr.c.id, attr.c.content))).all()
    by_id = {int(r.id): str(r.content) for r in rows}
    return quotes, by_id


# The story-wide attributions for "ferry strike", newest first (ties: the higher id first)
ALL = ["prices went up", "the strike vote was clear", "the strike was justified", "the ferry stayed in the harbour",
       "wages had to rise", "the strike was the longest he knew", "fewer boats would sail next week",
       "nobody came to the table", "the strike talks had stalled", "her shop had no bread",
       "the ferry strike began at dawn", "the school stayed open", "the ferry strike hurt the island"]


@pytest.mark.parametrize(("speakers", "since", "limit", "expected"), [
    ((), None, 200, ALL),
    ((), None, 4, ALL[:4]),
    (("Kasia Moreno", "Mira Vos"), None, 200,
     ["the strike was justified", "wages had to rise", "nobody came to the table", "the ferry strike began at dawn",
      "the ferry strike hurt the island"]),
    ((), DAY + timedelta(hours=2, minutes=30), 200, ALL[:7]),  # d-1 stored at 11:30, kept
    ((), DAY + timedelta(hours=3), 3, ALL[:3]),
    # a speaker found only past the newest ``limit`` times; ties at a limit (a-2 and b-1 at the same hour)
    (("Mira Vos",), None, 2, ["nobody came to the table", "the ferry strike hurt the island"]),
    (("Lina Sorb", "Edda Lunn"), None, 3, ["prices went up", "the ferry stayed in the harbour",
                                          "fewer boats would sail next week"]),
    ((), None, 5, ALL[:5]),
    ((), None, 1, ALL[:1]),
    (("Ruud Hal", "Lina Sorb"), DAY + timedelta(hours=2), 200,
     ["the strike vote was clear", "the ferry stayed in the harbour", "fewer boats would sail next week",
      "the strike talks had stalled"]),
])
async def test_the_story_query_finds_these_attributions_in_this_order(
        db: Database, speakers: tuple[str, ...], since: datetime | None, limit: int, expected: list[str]) -> None:
    quotes, by_id = await _fill(db)
    async with db.connect() as conn:
        ids = await story_ids(quotes, conn, ["ferry", "strike"], speakers, since, limit)
    assert [by_id[i] for i in ids] == expected


async def test_three_words_and_words_in_no_story(db: Database) -> None:
    quotes, by_id = await _fill(db)
    async with db.connect() as conn:
        three = await story_ids(quotes, conn, ["ferry", "strike", "vote"], (), None, 200)
        none = await story_ids(quotes, conn, ["ferry", "glacier"], (), None, 200)
    # only story b holds all three words; no article holds all three
    assert [by_id[i] for i in three] == ["prices went up", "the strike vote was clear",
                                        "the ferry stayed in the harbour"]
    assert none == []


@pytest.mark.parametrize(("speakers", "since"), [((), None), (("Kasia Moreno", "Tomas Ek"), None),
                                                  ((), DAY + timedelta(hours=2, minutes=30))])
async def test_search_answers_are_unchanged(db: Database, speakers: tuple[str, ...], since: datetime | None) -> None:
    quotes, _ = await _fill(db)
    hits = await quotes.search("the ferry strike", speakers=speakers, since=since)
    found = [(h.attribution.article_id, h.attribution.content, h.mentions) for h in hits]
    assert found == EXPECTED_SEARCH[(speakers, since)]


LATER = DAY + timedelta(hours=2, minutes=30)
EXPECTED_SEARCH: dict[tuple[tuple[str, ...], datetime | None], list[tuple[str, str, bool]]] = {
    ((), None): [
        ("a-1", "the ferry strike began at dawn", True), ("u-3", "the ferry strike hurt the island", True),
        ("b-2", "the strike vote was clear", False), ("u-1", "the strike was justified", False),
        ("a-2", "the strike was the longest he knew", False), ("b-1", "the ferry stayed in the harbour", False),
        ("d-2", "the strike talks had stalled", False), ("b-2", "prices went up", False),
        ("a-2", "wages had to rise", False), ("d-1", "fewer boats would sail next week", False),
        ("d-2", "nobody came to the table", False), ("a-1", "her shop had no bread", False),
        ("u-3", "the school stayed open", False)],
    (("Kasia Moreno", "Tomas Ek"), None): [
        ("a-1", "the ferry strike began at dawn", True), ("u-1", "the strike was justified", False),
        ("a-2", "the strike was the longest he knew", False), ("a-2", "wages had to rise", False),
        ("u-3", "the school stayed open", False)],
    ((), LATER): [
        ("b-2", "the strike vote was clear", False), ("u-1", "the strike was justified", False),
        ("a-2", "the strike was the longest he knew", False), ("b-1", "the ferry stayed in the harbour", False),
        ("b-2", "prices went up", False), ("a-2", "wages had to rise", False),
        ("d-1", "fewer boats would sail next week", False)],
}
