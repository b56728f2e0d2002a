"""An article whose source names no language gets the one its stop words show; only English gets quotes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Config, IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.files import read_file
from bot.ingest.language import detect_language
from bot.ingest.normalise import build_all
from bot.models import Article, Attribution
from bot.pipeline import Pipeline
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from tests.ingest.test_full_text import FirstSentence

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
# Written for this test: one invented report, told in each language.
REPORTS = {
    "fr": ("Le conseil municipal a voté mardi soir la fermeture du vieux pont pour six semaines de travaux. Selon la "
           "maire, les câbles sont rouillés et la sécurité des habitants passe avant tout. Les commerçants du "
           "quartier craignent une baisse de leur chiffre d'affaires pendant le chantier, mais la ville promet des "
           "navettes gratuites."),
    "de": ("Der Stadtrat hat am Dienstagabend beschlossen, die alte Brücke für sechs Wochen zu sperren. Nach Angaben "
           "der Bürgermeisterin sind die Kabel verrostet und die Sicherheit der Bewohner hat Vorrang. Die "
           "Geschäftsleute im Viertel befürchten Umsatzeinbußen während der Bauarbeiten, doch die Stadt verspricht "
           "kostenlose Busse."),
    "es": ("El ayuntamiento votó el martes por la noche cerrar el viejo puente durante seis semanas de obras. Según "
           "la alcaldesa, los cables están oxidados y la seguridad de los vecinos es lo primero. Los comerciantes "
           "del barrio temen una caída de sus ventas mientras duren los trabajos, pero la ciudad promete autobuses "
           "gratuitos."),
    "it": ("Il consiglio comunale ha votato martedì sera la chiusura del vecchio ponte per sei settimane di lavori. "
           "Secondo la sindaca, i cavi sono arrugginiti e la sicurezza degli abitanti viene prima di tutto. I "
           "commercianti del quartiere temono un calo degli affari per tutta la durata del cantiere, ma il comune "
           "promette navette gratuite."),
    "pt": ("A câmara municipal votou na terça-feira à noite o encerramento da velha ponte durante seis semanas de "
           "obras. Segundo a presidente da câmara, os cabos estão enferrujados e a segurança dos moradores está em "
           "primeiro lugar. Os comerciantes do bairro temem uma quebra nas vendas enquanto durarem as obras."),
    "pl": ("Rada miasta zagłosowała we wtorek wieczorem za zamknięciem starego mostu na sześć tygodni remontu. "
           "Według burmistrz liny są skorodowane, a bezpieczeństwo mieszkańców jest najważniejsze. Kupcy z "
           "dzielnicy obawiają się spadku obrotów w czasie prac, ale miasto obiecuje darmowe autobusy dla "
           "wszystkich mieszkańców."),
    "en": ("The city council voted on Tuesday evening to close the old bridge for six weeks of repairs. According "
           "to the mayor, the cables are rusted and the safety of residents comes first. \"We will not gamble with "
           "anyone's life,\" the mayor said. Shopkeepers in the district fear a drop in sales while the work lasts."),
}


@pytest.mark.parametrize("code", sorted(REPORTS))
def test_each_language_is_told_by_its_stop_words(code: str) -> None:
    assert detect_language(REPORTS[code]) == code


def test_a_short_text_keeps_the_default() -> None:
    assert detect_language("Le pont est fermé.") == "en"
    assert detect_language("Le pont est fermé.", default="fr") == "fr"


def test_an_undeclared_file_gets_its_language_and_a_declared_feed_keeps_its_own(tmp_path: Path) -> None:
    (tmp_path / "pont.txt").write_text(REPORTS["fr"], encoding="utf-8")
    [article] = read_file(tmp_path / "pont.txt", config=IngestConfig(), now=NOW).articles
    assert article.language == "fr"
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><language>en-GB</language>'
            f"<item><title>Pont</title><link>https://wire.test/pont</link><description>{REPORTS['fr']}"
            "</description></item></channel></rss>").encode()
    articles, _ = build_all(parse_feed(feed).entries, source="https://wire.test/feed.xml", input_name="feed",
                            now=NOW, config=IngestConfig())
    assert [a.language for a in articles] == ["en"]  # the source said so: its word is taken


async def test_only_english_articles_go_to_the_quote_extractor(tmp_path: Path) -> None:
    for code in ("en", "fr"):
        (tmp_path / f"{code}.txt").write_text(REPORTS[code], encoding="utf-8")
    asked: list[str] = []

    def attributor(article: Article) -> tuple[Attribution, ...]:
        asked.append(article.language)
        return (Attribution(article.id, "the mayor", "the mayor", "said", "We will not gamble with anyone's life",
                            "direct", 2, 0, 10),)

    db = await Database.open(f"sqlite:///{tmp_path / 'lang.db'}")
    try:
        pipeline = Pipeline(db, Config(), lambda: NOW, FirstSentence(), attributor)
        report = await pipeline.ingest([str(tmp_path / "en.txt"), str(tmp_path / "fr.txt")], None)
        assert report.added == 2 and asked == ["en"]  # no English parse of French text
        quotes = await QuoteStore(db).for_articles(report.new_ids)
        assert [q.speaker for q in quotes] == ["the mayor"]
    finally:
        await db.close()
