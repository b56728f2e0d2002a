"""A speaker whose name ends in a suffix ("Jr.", "III") is found by their surname: the word before the suffix."""

from __future__ import annotations

from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore, names_member, surname

from .conftest import NOW, make_article

TEXT = ("Martin Luther Okafor Jr. said the ferry would run all winter. Henry Vale III said the pier was safe. "
        "Ada Quist and Tomas Brell Sr. said the harbour fees would stay as they were.")


def _said(article_id: str, speaker: str, content: str) -> Attribution:
    start = TEXT.index(content)
    return Attribution(article_id=article_id, speaker=speaker, speaker_as_written=speaker, cue="said",
                       content=content, kind="indirect", sentence=0, start=start, end=start + len(content))


def test_the_surname_is_the_word_before_the_suffix() -> None:
    assert surname("Martin Luther Okafor Jr.") == "okafor"
    assert surname("Henry Vale III") == "vale"
    assert surname("Mark Rutte") == "rutte" and surname("Rutte") == "rutte" and surname("") == ""
    assert names_member("Ada Quist and Tomas Brell Sr.", ["brell"])


async def test_what_did_okafor_say_finds_the_suffixed_name(db: Database) -> None:
    article = make_article("ferry", TEXT, title="Ferry")
    await ArticleStore(db).save(article, now=NOW)
    store = QuoteStore(db)
    await store.replace(article.id, [
        _said(article.id, "Martin Luther Okafor Jr.", "the ferry would run all winter"),
        _said(article.id, "Henry Vale III", "the pier was safe"),
        _said(article.id, "Ada Quist and Tomas Brell Sr.", "the harbour fees would stay as they were"),
    ])
    assert await store.speakers_named("Okafor") == ["Martin Luther Okafor Jr."]
    assert await store.speakers_named("Vale") == ["Henry Vale III"]
    assert await store.speakers_named("Brell") == ["Ada Quist and Tomas Brell Sr."]
