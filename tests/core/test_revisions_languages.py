"""Whether an edit matters is judged with the stop words and negations of the article's language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.ingest.canonical import article_id, content_hash
from bot.models import Article
from bot.nlp.revisions import classify, content_words, diff_revision, negations
from bot.nlp.sentences import split_sentences
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.revisions import RevisionStore

NOW = datetime(2031, 6, 2, 8, 0, tzinfo=UTC)

# Sentences written for these tests: (language, before, after, reason in English's words, reason in the language's)
CASES = [
    # a negation of the article's language came: the meaning turned, though few characters changed
    ("de", "Der Minister wird zurücktreten.", "Der Minister wird nicht zurücktreten.", "", "negation"),
    ("fr", "Le ministre a démissionné hier.", "Le ministre n'a pas démissionné hier.", "", "negation"),
    ("es", "El ministro dimitió ayer por la tarde.", "El ministro nunca dimitió ayer por la tarde.", "",
     "negation"),
    # a removed sentence of function words only says nothing
    ("de", "Das ist aber noch nicht alles.", "", "removed", ""),
    ("fr", "Et ce n'est pas tout, selon eux.", "", "removed", ""),
    ("es", "Pero todo esto ya era así desde antes.", "", "removed", ""),
    # a rewording that only adds function words
    ("fr", "La séance a été reportée au soir.", "La séance a donc été reportée au soir même.", "wording", ""),
    ("es", "La sesión se aplazó hasta la noche.", "La sesión se aplazó también hasta esa noche.", "wording", ""),
]


@pytest.mark.parametrize(("language", "before", "after", "in_english", "in_own"), CASES)
def test_edits_are_judged_in_the_article_language(language: str, before: str, after: str, in_english: str,
                                                  in_own: str) -> None:
    assert classify(before, after) == in_english  # what the English-only rule said
    assert classify(before, after, "en") == in_english
    assert classify(before, after, language) == in_own


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_new_facts_still_matter_in_every_language(language: str) -> None:
    before = {"de": "Im Hafen brannten zwei Lagerhallen.", "fr": "Deux entrepôts ont brûlé dans le port.",
              "es": "Ardieron dos almacenes en el puerto."}[language]
    added = {"de": "Die Feuerwehr rettete einen Hafenarbeiter aus dem Kran.",
             "fr": "Les pompiers ont sauvé un docker coincé dans la grue.",
             "es": "Los bomberos rescataron a un estibador atrapado en la grúa."}[language]
    assert classify("", added, language) == "added"
    assert classify(before, before.replace("zwei", "drei").replace("Deux", "Trois").replace("dos", "tres"),
                    language) == "number"


def test_french_words_lose_their_elided_article_and_negation() -> None:
    assert content_words("L'économie de l'île", "fr") == {"économie", "île"}
    assert negations("Il n'a jamais dit ça", "fr") == 2
    assert negations("He didn't say that, not once", "en") == 2


def test_unknown_languages_are_judged_as_english() -> None:
    before, after = "Das ist aber noch nicht alles.", ""
    assert classify(before, after, "xx") == classify(before, after) == "removed"


def test_a_revision_keeps_its_language_for_the_headline() -> None:
    revision = diff_revision("Minister tritt zurück", ["Der Minister tritt zurück."],
                             "Minister tritt nicht zurück", ["Der Minister tritt nicht zurück."], language="de")
    assert revision is not None and revision.language == "de"
    assert [c.why for c in revision.changes] == ["negation"] and revision.headline_why == "headline"
    english = diff_revision("Minister tritt zurück", ["Der Minister tritt zurück."],
                            "Minister tritt nicht zurück", ["Der Minister tritt nicht zurück."])
    assert english is not None and english.language == "english"
    assert [c.why for c in english.changes] == [""]  # read as English, the negation went unseen
    # a headline edit is judged in the revision's language too: only the German negation makes it matter
    before = "Der Verkehrsminister des Landes Brandenburg wird zurücktreten"
    after = "Der Verkehrsminister des Landes Brandenburg wird nicht zurücktreten"
    german = diff_revision(before, [], after, [], language="de")
    assert german is not None and german.why == "headline"
    top = german.top()
    assert top is not None and (top.before, top.after) == (before, after)
    as_english = diff_revision(before, [], after, [])
    assert as_english is not None and as_english.why == "" and as_english.top() is None


def _article(text: str, title: str, language: str) -> Article:
    url = "https://hafen.test/kran"
    h = content_hash(text)
    return Article(id=article_id(None, url, h), url=url, title=title, outlet="Hafenblatt", text=text,
                   sentences=split_sentences(text), published=NOW - timedelta(hours=1), language=language,
                   content_hash=h, source="https://hafen.test/feed.xml")


async def test_the_store_judges_an_edit_in_the_article_language(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'revisions.db'}")
    try:
        store, revisions = ArticleStore(db), RevisionStore(db)
        text = "Ein Kran stürzte am Montag auf den Kai. Der Hafenmeister wird zurücktreten."
        aid = (await store.save(_article(text, "Kran stürzt auf Kai", "de"), now=NOW)).article_id
        edited = _article(text.replace("wird zurücktreten", "wird nicht zurücktreten"), "Kran stürzt auf Kai", "de")
        assert (await store.save(edited, now=NOW + timedelta(hours=1))).outcome == "updated"
        (row,) = await revisions.for_article(aid)
        assert (row.why, row.substantive, row.diff.language) == ("negation", True, "de")
        (note,) = (await revisions.notes([aid]))[aid]
        assert note.why == "negation" and "nicht" in note.after
    finally:
        await db.close()
