"""An unnamed spokesperson for an organisation another outlet quotes by name joins that organisation's group in
answers and the story view, its line marked as the spokesperson's; stored speakers stay as extracted."""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.language import Language

from bot.answer.respond import ask, render_text, to_json
from bot.models import Attribution, Story
from bot.nlp.quotes import extract_attributions
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from digests.story_view import render_story

from .conftest import NOW, make_article

# invented text: one outlet quotes the guild itself, another a spokesperson for it
_GUILD = ("Velmora lock gates jammed\n\nThe Velmora lock gates jammed shut on Monday. The Velmora Ferry Workers' Union "
          "warned that barges would queue at the Velmora lock for days.\n")
_VOICE = ("Barges wait at Velmora\n\nBarges waited outside the Velmora lock on Tuesday. A spokesperson for the "
          "Velmora Ferry Workers' Union said crews at the Velmora lock were working double shifts.\n")
_GUILD_NAME = "Velmora Ferry Workers' Union"


async def _stored(db: Database, nlp: Language) -> list[Attribution]:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    found: list[Attribution] = []
    for n, (key, text) in enumerate((("guild", _GUILD), ("voice", _VOICE))):
        article = make_article(key, text, title=text.splitlines()[0], outlet=f"Outlet {n}",
                               published=datetime(2026, 11, 17 + n, 9, 0, tzinfo=UTC))
        extracted = extract_attributions(article, nlp)
        found.extend(extracted)
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, extracted)
    return found


async def test_a_spokesperson_joins_the_organisation_it_speaks_for(db: Database, nlp: Language) -> None:
    found = await _stored(db, nlp)
    # the premise: the extraction keeps two speakers, the guild and an unnamed spokesperson for it
    assert {a.speaker for a in found} == {_GUILD_NAME, f"unnamed spokesperson for the {_GUILD_NAME}"}
    result = await ask("who said what about Velmora", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok
    assert [(name, len(hits)) for name, hits in result.groups] == [(_GUILD_NAME, 2)]
    text = render_text(result)
    assert f"*{_GUILD_NAME}*" in text and "unnamed spokesperson" not in text
    lines = [line for line in text.splitlines() if line.startswith("  • ")]
    assert len(lines) == 2
    assert [line for line in lines if "(spokesperson)" in line] == [s for s in lines if "double shifts" in s]
    assert {a["speaker"] for a in to_json(result)["answers"]} == {_GUILD_NAME}
    # the store keeps what was extracted
    assert set(await QuoteStore(db).known_speakers()) >= {f"unnamed spokesperson for the {_GUILD_NAME}"}


async def test_a_spokesperson_for_an_organisation_no_one_else_quotes_stays_apart(db: Database,
                                                                                  nlp: Language) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    article = make_article("voice", _VOICE, title="Barges wait at Velmora")
    await articles.save(article, now=NOW)
    await quotes.replace(article.id, extract_attributions(article, nlp))
    result = await ask("who said what about Velmora", quotes, articles, NOW)
    assert [name for name, _ in result.groups] == [f"unnamed spokesperson for the {_GUILD_NAME}"]
    assert "(spokesperson)" not in render_text(result)


def test_the_story_view_shows_the_spokesperson_under_the_organisation(nlp: Language) -> None:
    quotes = tuple(q for key, text in (("guild", _GUILD), ("voice", _VOICE))
                   for q in extract_attributions(make_article(key, text), nlp))
    story = Story(id="s1", headline="Velmora lock jammed", sources=(), summary=(), quotes=quotes)
    shown = render_story(story, tz=UTC)
    lines = [line for line in shown.splitlines() if line.startswith("• ")]
    assert len(lines) == 2 and "unnamed spokesperson" not in shown
    assert all(f"*{_GUILD_NAME}*" in line for line in lines)
    assert [line for line in lines if "(spokesperson)" in line] == [s for s in lines if "double shifts" in s]
