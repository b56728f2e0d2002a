"""A speaker left as an unresolved pronoun ("It said ...") is shown as an unnamed source, one per article, never
as a speaker named "It"; "what did it say" asks for a name instead of merging every article's "it"."""

from __future__ import annotations

from datetime import UTC, datetime

from spacy.language import Language

from bot.answer.respond import ask, render_text, to_json
from bot.models import Attribution, Story
from bot.nlp.quotes import extract_attributions
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from digests.key_quote import key_quote
from digests.story_view import render_story

from .conftest import NOW, make_article

# invented text: nothing before "It said" names who "it" is
_DRONES = ("Drones over the Velmora harbour\n\nFishing boats stayed in port at Velmora on Monday. It said one of its "
           "drones struck a drifting barge full of fuel near the Velmora harbour wall.\n")
_GATES = ("Storm barriers closed at Velmora\n\nThe Velmora barriers were closed on Tuesday. It said the Velmora "
          "barrier gates would stay shut until the tide turned.\n")


async def _stored(db: Database, nlp: Language) -> dict[str, tuple[Attribution, ...]]:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    found = {}
    for n, (key, text) in enumerate((("drones", _DRONES), ("gates", _GATES))):
        article = make_article(key, text, title=text.splitlines()[0],
                               published=datetime(2026, 11, 17 + n, 9, 0, tzinfo=UTC))
        found[key] = extract_attributions(article, nlp)
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, found[key])
    return found


async def test_an_unresolved_it_is_an_unnamed_source_per_article(db: Database, nlp: Language) -> None:
    found = await _stored(db, nlp)
    # the premise: the extraction leaves each speaker as the pronoun written
    assert {a.speaker.lower() for quotes in found.values() for a in quotes} == {"it"}
    result = await ask("who said what about Velmora", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok
    # one group per article: two articles' "it" are not one person
    assert [name for name, _ in result.groups] == ["unnamed source", "unnamed source"]
    assert sorted(h.attribution.article_id for _, hits in result.groups for h in hits) == ["drones", "gates"]
    text = render_text(result)
    assert "*unnamed source*" in text and "*It*" not in text and "*it*" not in text
    answers = to_json(result)["answers"]
    assert {a["speaker"] for a in answers} == {"unnamed source"}
    assert {a["speaker_as_written"] for a in answers} == {"It"}  # as the text wrote it, for who wants it


async def test_what_did_it_say_asks_for_a_name(db: Database, nlp: Language) -> None:
    await _stored(db, nlp)
    for question in ("what did it say", "what did it say about Velmora", "what did they say?"):
        result = await ask(question, QuoteStore(db), ArticleStore(db), NOW)
        assert not result.ok and "Give a name" in result.message, question
        assert "It said" not in render_text(result)


def test_key_quote_shows_an_unresolved_it_as_unnamed(nlp: Language) -> None:
    article = make_article("drones", _DRONES, title="Drones over the Velmora harbour")
    quotes = extract_attributions(article, nlp)
    story = Story(id="s1", headline="Barge struck near Velmora", sources=(), summary=(), quotes=quotes)
    quote = key_quote(story)
    assert quote is not None and quote.speaker == "unnamed source"
    assert quote.speaker_as_written == "It" and "drifting barge" in quote.content


def test_the_story_view_shows_an_unresolved_it_as_unnamed(nlp: Language) -> None:
    article = make_article("drones", _DRONES, title="Drones over the Velmora harbour")
    quotes = extract_attributions(article, nlp)
    assert any(q.speaker == "It" for q in quotes)
    story = Story(id="s1", headline="Barge struck near Velmora", sources=(), summary=(), quotes=quotes)
    shown = render_story(story, tz=UTC)
    assert "*unnamed source*" in shown and "*It*" not in shown
