"""A question naming a first name lists only speakers whose first name agrees (or who have none), on both stores."""

from __future__ import annotations

from bot.answer.respond import ask
from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

SAID = [("Mara Quist", "the harbour toll would fall"), ("Mara Quist", "the ferry would run at night"),
        ("Ida Quist", "the bridge was closed"), ("Mr Quist", "the vote came too late"),
        ("Mr Quist", "the toll was fair"), ("Mr Quist", "the night ferry was loud"),
        ("Mara Quist and Olle Brink", "the pier was finished"), ("Ida Quist and Olle Brink", "the quay was sold"),
        ("Tove Nicholls", "the orchard flooded")]


async def _store(db: Database) -> QuoteStore:
    for n, (speaker, content) in enumerate(SAID):
        article = make_article(f"quist-{n}", f"{speaker} said {content}.")
        await ArticleStore(db).save(article, now=NOW)
        start = len(speaker) + len(" said ")
        await QuoteStore(db).replace(article.id, [Attribution(
            article_id=article.id, speaker=speaker, speaker_as_written=speaker, cue="said", content=content,
            kind="indirect", sentence=0, start=start, end=start + len(content))])
    return QuoteStore(db)


async def test_a_first_name_lists_only_that_person_then_those_without_one(db: Database) -> None:
    store = await _store(db)
    assert await store.speakers_named("Mara Quist") == ["Mara Quist", "Mara Quist and Olle Brink", "Mr Quist"]
    assert await store.speakers_named("Sir Mara Quist") == ["Mara Quist", "Mara Quist and Olle Brink", "Mr Quist"]
    assert await store.speakers_named("Ida Quist") == ["Ida Quist", "Ida Quist and Olle Brink", "Mr Quist"]
    assert await store.speakers_named("M. Quist") == ["Mara Quist", "Mara Quist and Olle Brink", "Mr Quist"]


async def test_a_surname_alone_still_lists_everyone_so_named(db: Database) -> None:
    store = await _store(db)
    assert set(await store.speakers_named("Quist")) == {
        "Mara Quist", "Ida Quist", "Mr Quist", "Mara Quist and Olle Brink", "Ida Quist and Olle Brink"}
    assert set(await store.speakers_named("Mr Quist")) == set(await store.speakers_named("Quist"))
    assert await store.speakers_named("Olle Brink") == ["Mara Quist and Olle Brink", "Ida Quist and Olle Brink"]


async def test_another_persons_first_name_is_no_answer(db: Database) -> None:
    store = await _store(db)
    assert await store.speakers_named("Rune Nicholls") == []
    result = await ask("what did Rune Nicholls say", store, ArticleStore(db), NOW)
    assert not result.ok
    assert "Rune Nicholls" in result.message and "Tove Nicholls" in result.suggestions
    assert "Tove" not in result.heading


async def test_the_answer_is_headed_by_the_person_asked_for(db: Database) -> None:
    store = await _store(db)
    result = await ask("what did Mara Quist say", store, ArticleStore(db), NOW)
    assert result.ok, result.message
    assert result.heading == "What Mara Quist said:"
    assert {speaker for speaker, _ in result.groups} == {"Mara Quist", "Mr Quist", "Mara Quist and Olle Brink"}


async def test_only_the_named_speakers_statements_whatever_was_written(db: Database) -> None:
    """SQLite matched the speakers' words in who said it, as written and their role too: "Ida Quist" written
    "Mara Quist" and "Mara Quist aide" were listed for Mara Quist, as PostgreSQL never did."""
    store = await _store(db)
    for n, (speaker, written) in enumerate([("Ida Quist", "Mara Quist"), ("Mara Quist aide", "Mara Quist's aide")]):
        article = make_article(f"written-{n}", f"{written} said the dock was late.")
        await ArticleStore(db).save(article, now=NOW)
        start = len(written) + len(" said ")
        await store.replace(article.id, [Attribution(
            article_id=article.id, speaker=speaker, speaker_as_written=written, cue="said",
            content="the dock was late", kind="indirect", sentence=0, start=start, end=start + 17)])
    hits = await store.search(speakers=["Mara Quist"])
    assert sorted(h.attribution.content for h in hits) == [
        "the ferry would run at night", "the harbour toll would fall"]
    result = await ask("what did Mara Quist say", store, ArticleStore(db), NOW)
    assert {speaker for speaker, _ in result.groups} == {"Mara Quist", "Mr Quist", "Mara Quist and Olle Brink"}
