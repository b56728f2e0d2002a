"""A route ("told the Valmont Post": via Valmont Post) stays on the attribution it came from: not on the same
speaker's other quotes, in extraction, the store's speaker roles, answers and the story view."""

from __future__ import annotations

from datetime import UTC

import pytest
from spacy.language import Language

from bot.answer.respond import ask, render_text
from bot.models import Story
from bot.nlp.quotes import extract_attributions, extract_from_text
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.speaker_roles import speakers_in_role
from digests.story_view import render_story

from .conftest import NOW, make_article

# invented text: the harbour master talks to a paper, then at a meeting
_TEXT = (
    "Ostvik harbour to reopen\n\nOla Berg, the Ostvik harbour master, told the Valmont Post that the Ostvik "
    "harbour would reopen in spring. At a meeting on Monday, she said the Ostvik ferries would sail again in May."
    "\n"
)


def test_a_pronoun_after_a_told_the_paper_quote_has_no_via(nlp: Language) -> None:
    found = [a for a in extract_from_text(_TEXT, nlp=nlp) if a.speaker == "Ola Berg"]
    assert [a.role for a in found] == ["Ostvik harbour master, via Valmont Post", "Ostvik harbour master"]


async def test_answers_show_the_via_on_its_own_quote_only(db: Database, nlp: Language) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    article = make_article("harbour", _TEXT, title="Ostvik harbour to reopen")
    await articles.save(article, now=NOW)
    await quotes.replace(article.id, extract_attributions(article, nlp))
    text = render_text(await ask("who said what about Ostvik", quotes, articles, NOW))
    assert "*Ola Berg* (Ostvik harbour master)" in text, text
    lines = [line for line in text.splitlines() if line.startswith("  • ")]
    assert [line for line in lines if "via Valmont Post" in line] == [s for s in lines if "reopen in spring" in s]
    assert len(lines) == 2
    assert (await speakers_in_role(db, "Ostvik harbour master")).speakers == ["Ola Berg"]


# the same without a role: the first quote's only role is its route
_NO_ROLE = _TEXT.replace(", the Ostvik harbour master,", "")


@pytest.mark.parametrize("text", [_TEXT, _NO_ROLE])
def test_the_story_view_shows_the_via_on_its_own_quote_only(nlp: Language, text: str) -> None:
    story = Story(
        id="s1",
        headline="Ostvik harbour",
        sources=(),
        summary=(),
        quotes=extract_attributions(make_article("harbour", text), nlp),
    )
    lines = [line for line in render_story(story, tz=UTC).splitlines() if line.startswith("• ")]
    assert len(lines) == 2
    assert [line for line in lines if "via Valmont Post" in line] == [s for s in lines if "reopen in spring" in s]
