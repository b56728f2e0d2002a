"""A role reads the same whichever way its sentence wrote it: a sentence-start capital in lower case ("Mayor",
"Outgoing treasurer") unless the word is a name, which its article capitalises mid-sentence too ("Valdorian envoy")
or a nationality is ("Russian envoy")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answer.respond import ask, render_text, to_json
from bot.answer.role_case import proper_words
from bot.answer.unresolved import shown_role
from bot.models import Article, Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

# Written for this test: an invented river town, its officials and a neighbouring coast.
TEXT = (
    "Mayor Ilse Marrow said the Kessel bridge would reopen in May. "
    "Karl Brenn, the deputy mayor, said the Kessel repairs were late. "
    "Valdorian envoy Mira Sand said the Kessel talks would go on. "
    'Trade with the Valdorian coast towns grew, and "Ferries are full" was painted on a wall. '
    "Outgoing treasurer Per Alm said the Kessel budget was spent."
)
ARTICLE = make_article(
    "k-1",
    TEXT,
    title="Kessel bridge reopens in May",
    outlet="Kessel Post",
    published=datetime(2026, 11, 19, 8, 0, tzinfo=UTC),
)


def said(article: Article, speaker: str, content: str, role: str) -> Attribution:
    start = article.text.index(content)
    sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
    return Attribution(
        article.id, speaker, speaker, "said", content, "indirect", sentence, start, start + len(content), role
    )


QUOTES = [
    said(ARTICLE, "Ilse Marrow", "the Kessel bridge would reopen in May", "Mayor"),
    said(ARTICLE, "Karl Brenn", "the Kessel repairs were late", "deputy mayor"),
    said(ARTICLE, "Mira Sand", "the Kessel talks would go on", "Valdorian envoy"),
    said(ARTICLE, "Per Alm", "the Kessel budget was spent", "Outgoing treasurer"),
]


@pytest.mark.parametrize(
    ("role", "names", "shown"),
    [
        ("Mayor", None, "mayor"),
        ("mayor", None, "mayor"),
        ("Chief engineer", None, "chief engineer"),
        ("Senior officials", frozenset(), "senior officials"),
        ("Outgoing treasurer", frozenset(), "outgoing treasurer"),
        ("Outgoing treasurer", None, "Outgoing treasurer"),
        ("Valdorian envoy", frozenset({"valdorian"}), "Valdorian envoy"),
        ("Russian envoy", frozenset(), "Russian envoy"),
        ("NATO envoy", frozenset(), "NATO envoy"),
        ("Secretary General", frozenset(), "Secretary General"),
        ("Kremlin spokesman", None, "Kremlin spokesman"),
        # a body English always writes with a capital, though the article names it only at a sentence's start
        ("Kremlin spokesman", frozenset(), "Kremlin spokesman"),
        ("Pentagon press secretary", frozenset(), "Pentagon press secretary"),
        ("Vatican spokesperson", frozenset(), "Vatican spokesperson"),
    ],
)
def test_a_role_keeps_a_capital_only_on_a_name(role: str, names: frozenset[str] | None, shown: str) -> None:
    assert shown_role(role, names) == shown


def test_the_words_an_article_capitalises_mid_sentence() -> None:
    found = proper_words(ARTICLE)
    assert {"kessel", "valdorian", "marrow", "may"} <= found, found
    assert not {"mayor", "outgoing", "trade", "ferries"} & found, found  # a sentence's or a quotation's first word


@pytest.fixture
async def stored(db: Database) -> Database:
    await ArticleStore(db).save(ARTICLE, now=NOW)
    await QuoteStore(db).replace(ARTICLE.id, QUOTES)
    return db


async def test_an_answer_shows_each_role_as_running_text(stored: Database) -> None:
    result = await ask("who said what about Kessel", QuoteStore(stored), ArticleStore(stored), NOW)
    assert result.ok, result.message
    text = render_text(result)
    for line in (
        "*Ilse Marrow* (mayor)",
        "*Karl Brenn* (deputy mayor)",
        "*Mira Sand* (Valdorian envoy)",
        "*Per Alm* (outgoing treasurer)",
    ):
        assert line in text, text
    roles = {a["speaker"]: a["role"] for a in to_json(result)["answers"]}
    assert roles == {
        "Ilse Marrow": "mayor",
        "Karl Brenn": "deputy mayor",
        "Mira Sand": "Valdorian envoy",
        "Per Alm": "outgoing treasurer",
    }, roles
