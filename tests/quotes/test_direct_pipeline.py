"""The extractor chosen by language in the pipeline, and `ask` over French, German and English quotes."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from bot.answer.respond import ask, render_text, to_json
from bot.app import App
from bot.cli_quotes import run_quotes
from bot.config import Config
from bot.models import Article, Attribution
from bot.nlp.attributors import ByLanguage, by_language, default_attributor
from bot.nlp.quotes import extract_attributions
from bot.nlp.quotes_direct import extract_direct_quotes, extract_rule_quotes
from bot.pipeline import Pipeline
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from tests.first_sentence import FirstSentence

from .conftest import NOW, make_article

# Written for this test: one invented event (the harbour of Valmorin reopens), told by two outlets.
FRENCH = """La capitainerie de Valmorin rouvre après six semaines de travaux
Le port de Valmorin a rouvert ses quais lundi matin, après six semaines de travaux sur la digue nord. Les pêcheurs
attendaient ce jour depuis la tempête de septembre, qui avait emporté une partie des pontons et deux grues.
« Le port de Valmorin revit enfin, et les bateaux peuvent de nouveau décharger à toute heure », a déclaré la maire
Claire Morel devant une centaine d'habitants réunis sur le quai. La facture s'élève à quatre millions d'euros,
dont la moitié sera payée par l'État.
"""
GERMAN = """Hafen von Valmorin wieder offen
Nach sechs Wochen Bauarbeiten an der Nordmole ist der Hafen von Valmorin seit Montag wieder geöffnet. Die Fischer
hatten seit dem Sturm im September auf diesen Tag gewartet, der einen Teil der Stege und zwei Kräne zerstört hatte.
„Für Valmorin ist das ein guter Tag, aber die Versicherung zahlt bis heute nicht“, sagte der Hafenmeister Jens
Albrecht am Montag auf dem Kai. Die Kosten von vier Millionen Euro teilen sich der Staat und die Region zur Hälfte.
"""
POLISH = """Port w Valmorin znowu otwarty
Port w Valmorin został w poniedziałek ponownie otwarty po sześciu tygodniach prac przy północnym falochronie.
„Valmorin wreszcie odżyje”, powiedziała burmistrz Claire Morel podczas spotkania z mieszkańcami na nabrzeżu,
a rybacy od razu zaczęli rozładowywać łodzie przy nowych pomostach i dźwigach.
"""


def _stub(name: str, asked: list[str]) -> ByLanguage:
    def extractor(article: Article) -> tuple[Attribution, ...]:
        asked.append(f"{name}:{article.language}")
        return ()
    return ByLanguage({"en": extractor, "fr": extractor})


def test_the_dispatcher_gives_each_language_its_extractor() -> None:
    attributor = default_attributor()
    assert attributor.for_language("en") is extract_attributions
    assert {code for code in ("fr", "de", "es", "it", "pt")
            if attributor.for_language(code) is extract_rule_quotes} == {"fr", "de", "es", "it", "pt"}
    assert attributor.for_language("pl") is None
    assert attributor(replace(make_article("pl", POLISH), language="pl")) == ()


def test_a_single_extractor_given_is_the_english_one() -> None:
    asked: list[str] = []

    def english(article: Article) -> tuple[Attribution, ...]:
        asked.append(article.language)
        return ()

    wrapped = by_language(english)
    assert wrapped.for_language("en") is english and wrapped.for_language("fr") is None
    dispatcher = _stub("stub", asked)
    assert by_language(dispatcher) is dispatcher


async def _ingest(tmp_path: Path, db: Database, texts: dict[str, str], attributor: ByLanguage) -> list[str]:
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    pipeline = Pipeline(db, Config(), lambda: NOW, FirstSentence(), attributor)
    report = await pipeline.ingest([str(tmp_path / f"{name}.txt") for name in texts], None)
    assert report.added == len(texts), report.lines
    return report.new_ids


async def test_the_pipeline_asks_the_extractor_of_each_article_language(tmp_path: Path, db: Database) -> None:
    asked: list[str] = []
    await _ingest(tmp_path, db, {"fr": FRENCH, "pl": POLISH}, _stub("stub", asked))
    assert sorted(asked) == ["stub:fr"]  # Polish has no extractor: nothing asked, nothing stored


async def test_who_said_what_names_the_french_and_german_speakers_with_their_sources(
        tmp_path: Path, db: Database) -> None:
    ids = await _ingest(tmp_path, db, {"fr": FRENCH, "de": GERMAN, "pl": POLISH}, default_attributor())
    stored = await ArticleStore(db).get_many(ids)
    assert sorted(a.language for a in stored) == ["de", "fr", "pl"]
    quotes = await QuoteStore(db).for_articles(ids)
    assert {(q.speaker, q.role, q.cue) for q in quotes} == {
        ("Claire Morel", "maire", "a déclaré"), ("Jens Albrecht", "Hafenmeister", "sagte")}
    by_id = {a.id: a for a in stored}
    assert all(by_id[q.article_id].text[q.start:q.end] == q.content for q in quotes)

    result = await ask("who said what about Valmorin", QuoteStore(db), ArticleStore(db), NOW)
    data = to_json(result)
    assert result.ok
    answers = data["answers"]
    assert isinstance(answers, list)
    seen = {(a["speaker"], a["source"]["title"]) for a in answers}
    assert seen == {("Claire Morel", "La capitainerie de Valmorin rouvre après six semaines de travaux"),
                    ("Jens Albrecht", "Hafen von Valmorin wieder offen")}
    text = render_text(result)
    assert "*Claire Morel* (maire)" in text and "*Jens Albrecht* (Hafenmeister)" in text
    assert "« Le port de Valmorin revit enfin" in text and "„Für Valmorin ist das ein guter Tag" in text


# The same (invented) speaker quoted in English and in French: one speaker, as the English canonicaliser gives.
ENGLISH_REPORT = ("President Lucien Arnaud visited the Valmorin harbour on Monday. \"This harbour is the pride of "
                  "the whole coast,\" Arnaud told fishermen on the quay. The repairs cost four million euros.")
FRENCH_REPORT = ("Le président Lucien Arnaud s'est rendu lundi sur le port de Valmorin. « Ce port est la fierté de "
                 "toute la côte », a déclaré le président Lucien Arnaud devant les pêcheurs.")
FRENCH_SURNAME = ("« Nous tiendrons nos promesses pour Valmorin », a affirmé Arnaud mardi, au lendemain de sa visite "
                  "sur le port.")


async def test_a_speaker_quoted_in_english_and_french_is_one_speaker(db: Database, nlp: Language) -> None:
    articles = ArticleStore(db)
    quotes = QuoteStore(db)
    english = make_article("en-arnaud", ENGLISH_REPORT, outlet="Coast Wire")
    french = replace(make_article("fr-arnaud", FRENCH_REPORT, outlet="Le Courrier"), language="fr")
    surname = replace(make_article("fr-arnaud-2", FRENCH_SURNAME, outlet="La Vigie"), language="fr",
                      published=datetime(2026, 11, 20, 13, 0, tzinfo=UTC))
    for article, found in ((english, extract_attributions(english, nlp)), (french, extract_direct_quotes(french)),
                           (surname, extract_direct_quotes(surname))):
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, found)
    result = await ask("what did Arnaud say", quotes, articles, NOW)
    data = to_json(result)
    assert result.ok and data["counts"] == [{"speaker": "Lucien Arnaud", "quotes": 3}]
    answers = data["answers"]
    assert isinstance(answers, list)
    assert {a["source"]["name"] for a in answers} == {"Coast Wire", "Le Courrier", "La Vigie"}


async def test_briefbot_quotes_reads_a_french_file_by_its_language(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "port.txt"
    path.write_text(FRENCH.split("\n", 1)[1].replace("\n", " "), encoding="utf-8")  # one paragraph, no title
    assert await run_quotes(argparse.Namespace(file=path, json=True), App(Config())) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(a["speaker"], a["role"], a["cue"], a["kind"]) for a in data["attributions"]] == [
        ("Claire Morel", "maire", "a déclaré", "direct")]
    text = path.read_text(encoding="utf-8")
    assert all(text[a["start"]:a["end"]] == a["content"] for a in data["attributions"])
