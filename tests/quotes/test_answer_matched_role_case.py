"""The roles an answer says it matched ("roles matched: ...") read as each speaker's line shows its role: a capital
its sentence's start gave the first word goes unless the article writes that word as a name mid-sentence."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.answer.respond import ask, render_text
from bot.models import Article, Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

# invented: an outgoing minister (a common word, capitalised only at its sentence's start) and a Valdorian one (the
# article writes "Valdorian" mid-sentence too: a name's capital, kept)
_TEXT = ("Outgoing minister Ada Quist said the Lossa ferry would be sold. Valdorian minister Per Odde said the "
         "Valdorian fleet would buy it, and the talks went on.")
_ARTICLE = make_article("m-1", _TEXT, title="Lossa ferry sold", outlet="Lossa Post",
                        published=datetime(2026, 11, 19, 8, 0, tzinfo=UTC))


def _said(article: Article, speaker: str, content: str, role: str) -> Attribution:
    start = article.text.index(content)
    sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
    return Attribution(article.id, speaker, speaker, "said", content, "indirect", sentence, start,
                       start + len(content), role)


async def test_the_matched_roles_are_shown_as_the_speakers_lines_show_them(db: Database) -> None:
    await ArticleStore(db).save(_ARTICLE, now=NOW)
    await QuoteStore(db).replace(_ARTICLE.id, [
        _said(_ARTICLE, "Ada Quist", "the Lossa ferry would be sold", "Outgoing minister"),
        _said(_ARTICLE, "Per Odde", "the Valdorian fleet would buy it", "Valdorian minister"),
    ])
    result = await ask("what did the minister say", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok, result.message
    text = render_text(result)
    # the premise: each speaker's line shows its role with the article's names
    assert "*Ada Quist* (outgoing minister)" in text and "*Per Odde* (Valdorian minister)" in text, text
    assert result.heading == "What the minister said (roles matched: outgoing minister, Valdorian minister):", text
