"""A role asked by its last word(s) ("what did the minister say") finds the speakers stored with a longer role that
ends so ("fisheries minister", "Foreign Minister"), an exact role first, and the answer names the roles it matched
when they differ."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answer.respond import ask, render_text
from bot.models import Article, Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.speaker_roles import speakers_in_role

from .conftest import NOW, make_article

# Written for this test: an invented island state, its ministers and a deputy mayor.
TEXT = (
    "The fisheries minister Oren Velt said the cod quota would be halved in Tarnholm. "
    "Foreign Minister Dana Kessick said talks with Velmora would resume in March. "
    "Deputy mayor Ansel Prane said the Tarnholm harbour would reopen on Monday."
)
ARTICLE = make_article(
    "t-1",
    TEXT,
    title="Tarnholm cod quota halved",
    outlet="Tarnholm Post",
    published=datetime(2026, 11, 19, 8, 0, tzinfo=UTC),
)
MINISTER_TEXT = "Minister Lene Darrow said the Tarnholm ferry would run all winter."
MINISTER = make_article(
    "t-2",
    MINISTER_TEXT,
    title="Tarnholm ferry runs all winter",
    outlet="Tarnholm Post",
    published=datetime(2026, 11, 19, 9, 0, tzinfo=UTC),
)


def said(article: Article, speaker: str, content: str, role: str) -> Attribution:
    start = article.text.index(content)
    sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
    return Attribution(
        article.id, speaker, speaker, "said", content, "indirect", sentence, start, start + len(content), role
    )


QUOTES = [
    said(ARTICLE, "Oren Velt", "the cod quota would be halved in Tarnholm", "the fisheries minister"),
    said(ARTICLE, "Dana Kessick", "talks with Velmora would resume in March", "Foreign Minister"),
    said(ARTICLE, "Ansel Prane", "the Tarnholm harbour would reopen on Monday", "Deputy mayor"),
]


@pytest.fixture
async def stored(db: Database) -> Database:
    await ArticleStore(db).save(ARTICLE, now=NOW)
    await QuoteStore(db).replace(ARTICLE.id, QUOTES)
    return db


async def test_a_role_word_finds_the_roles_that_end_with_it(stored: Database) -> None:
    found = await speakers_in_role(stored, "the minister")
    assert sorted(found.speakers) == ["Dana Kessick", "Oren Velt"], found
    assert sorted(r.lower() for r in found.roles.values()) == ["foreign minister", "the fisheries minister"], found
    assert not found.exact


async def test_an_exact_role_is_preferred(stored: Database) -> None:
    await ArticleStore(stored).save(MINISTER, now=NOW)
    await QuoteStore(stored).replace(
        MINISTER.id, [said(MINISTER, "Lene Darrow", "the Tarnholm ferry would run all winter", "Minister")]
    )
    found = await speakers_in_role(stored, "minister")
    assert found.speakers == ["Lene Darrow"] and found.exact, found
    result = await ask("what did the minister say", QuoteStore(stored), ArticleStore(stored), NOW)
    text = render_text(result)
    assert "run all winter" in text and "cod quota" not in text and "roles matched" not in text, text


async def test_the_answer_names_the_roles_it_matched(stored: Database) -> None:
    result = await ask("what did the minister say", QuoteStore(stored), ArticleStore(stored), NOW)
    assert result.ok, result.message
    text = render_text(result)
    assert "cod quota would be halved" in text and "talks with Velmora" in text, text
    assert "reopen on Monday" not in text, text
    assert result.heading == "What the minister said (roles matched: fisheries minister, Foreign Minister):", text


async def test_one_matched_role_is_not_listed(stored: Database) -> None:
    result = await ask("what did the mayor say", QuoteStore(stored), ArticleStore(stored), NOW)
    assert result.ok, result.message
    assert {name for name, _ in result.groups} == {"Ansel Prane"}
    assert result.heading == "What Ansel Prane said:", result.heading


async def test_a_role_word_inside_another_word_is_no_match(stored: Database) -> None:
    found = await speakers_in_role(stored, "ister")
    assert found.speakers == [], found
