"""Fixtures for the quote tests: spaCy loaded once, seed articles, and stores on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from bot.models import Article, Attribution
from bot.nlp.quotes import extract_attributions, load_pipeline
from bot.nlp.sentences import split_sentences
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from tests import pg

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


def make_article(article_id: str, text: str, *, title: str = "", outlet: str = "Test Outlet",
                 published: datetime | None = None, url: str = "") -> Article:
    return Article(id=article_id, url=url or f"https://example.org/{article_id}", title=title or article_id,
                   outlet=outlet, text=text, sentences=split_sentences(text), published=published or NOW,
                   content_hash=f"hash-{article_id}")


@pytest.fixture(scope="session")
def seed_articles(shared_dir: Path) -> list[Article]:
    out = []
    for n, path in enumerate(sorted((shared_dir / "seeds").glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        title = text.splitlines()[0][:120]
        out.append(make_article(path.stem, text, title=title, outlet=f"Seed outlet {n}",
                                published=datetime(2026, 11, 16 + n, 9, 0, tzinfo=UTC)))
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        url = str(tmp_path / "quotes.db")
    else:
        url = await pg.fresh_database("briefbot_test_quotes")
    database = await Database.open(url)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture(scope="session")
def seed_attributions(seed_articles: list[Article], nlp: Language) -> dict[str, tuple[Attribution, ...]]:
    return {a.id: extract_attributions(a, nlp) for a in seed_articles}


@pytest.fixture
async def seeded(db: Database, seed_articles: list[Article],
                 seed_attributions: dict[str, tuple[Attribution, ...]]) -> Database:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for article in seed_articles:
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, seed_attributions[article.id])
    return db
