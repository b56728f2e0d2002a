"""A one-word speaker takes the full name other articles gave it; when two full names are quoted as often, the
longer then the alphabetically first wins, whichever article was stored first."""

from __future__ import annotations

import pytest

from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article


async def _said(db: Database, key: str, speaker: str) -> str:
    """Store one invented article in which ``speaker`` said one thing; the speaker the store kept."""
    text = f"Lossa bridge\n\n{speaker} said the Lossa bridge would open in June.\n"
    article = make_article(key, text, title="Lossa bridge")
    await ArticleStore(db).save(article, now=NOW)
    start = text.index("the Lossa")
    quotes = QuoteStore(db)
    await quotes.replace(key, [Attribution(key, speaker, speaker, "said", text[start:-2], "reported", 1, start,
                                           len(text) - 2)])
    return next(a.speaker for a in await quotes.for_articles([key]))


@pytest.mark.parametrize("first", [0, 1])
@pytest.mark.parametrize(("names", "winner"), [(("Nora Quist", "Mara Quist"), "Mara Quist"),
                                               (("Mara Quist", "Tomasz Quist"), "Tomasz Quist")])
async def test_a_tie_is_broken_the_same_whatever_the_ingest_order(db: Database, first: int,
                                                                  names: tuple[str, str], winner: str) -> None:
    order = names if first == 0 else names[::-1]
    for n, name in enumerate(order):
        assert await _said(db, f"a{n}", name) == name
    assert await _said(db, "later", "Quist") == winner


async def test_the_most_quoted_full_name_wins_before_the_longest(db: Database) -> None:
    for n, name in enumerate(("Tomasz Quist", "Mara Quist", "Mara Quist")):
        await _said(db, f"a{n}", name)
    assert await _said(db, "later", "Quist") == "Mara Quist"
