"""A who-said-what answer leaves out what no one said: a sign, notice, banner or poster as the "speaker" ("sign
says: Akwaaba"), or an animal or plant ("20 species of wading birds call the cape home"). Answers stay generous:
a vague or unnamed human speaker ("Many", "unnamed officials") and a record label, a company, stay."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.answer.respond import ask, render_text, to_json
from bot.models import Article, Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

# Written for this test: an invented harbour town and its speakers.
TEXT = ("A sign at the Vellmar ferry gate says Akwaaba to every visitor. "
        "A banner on the Vellmar town hall reads no to the new bypass. "
        "Around 40 kinds of seabirds call the Vellmar cliffs home. "
        "Many said the Vellmar ferry was late every winter. "
        "Lena Moss said the Vellmar pier would reopen in March. "
        "Her record label said the Vellmar concert would go ahead.")
ARTICLE = make_article("v-1", TEXT, title="Vellmar harbour", outlet="Vellmar Post",
                       published=datetime(2026, 11, 18, 8, 0, tzinfo=UTC))


def said(article: Article, speaker: str, cue: str, content: str) -> Attribution:
    start = article.text.index(content)
    sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
    return Attribution(article.id, speaker, speaker, cue, content, "indirect", sentence, start, start + len(content))


QUOTES = [
    said(ARTICLE, "sign at the Vellmar ferry gate", "says", "Akwaaba to every visitor"),
    said(ARTICLE, "banner on the Vellmar town hall", "reads", "no to the new bypass"),
    said(ARTICLE, "Around 40 kinds of seabirds", "call", "the Vellmar cliffs home"),
    said(ARTICLE, "Many", "said", "the Vellmar ferry was late every winter"),
    said(ARTICLE, "Lena Moss", "said", "the Vellmar pier would reopen in March"),
    said(ARTICLE, "record label", "said", "the Vellmar concert would go ahead"),
]


async def test_an_answer_leaves_out_signs_and_animals_and_keeps_people(db: Database) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    await articles.save(ARTICLE, now=NOW)
    await quotes.replace(ARTICLE.id, QUOTES)
    result = await ask("who said what about Vellmar", quotes, articles, NOW)
    assert result.ok, result.message
    speakers = {name for name, _ in result.groups}
    assert speakers == {"Many", "Lena Moss", "record label"}, speakers
    text = render_text(result)
    assert "Akwaaba" not in text and "bypass" not in text and "cliffs home" not in text, text
    assert {c["speaker"]: c["quotes"] for c in to_json(result)["counts"]} == {"Many": 1, "Lena Moss": 1,
                                                                              "record label": 1}
