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
from bot.nlp.cluster import StoryClusterer
from bot.pipeline import Pipeline
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from tests.crosslang_samples import FIRE_EN
from tests.ingest.test_full_text import FirstSentence
from tests.multilingual_samples import article as sample_article

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


# Written for these tests: feed teasers of 8 to 29 words, under the 30 the stop-word rule needs.
TEASERS = {
    "fr": "Le marché couvert de Pontvieux ferme pour l'hiver : les commerçants seront installés sur la place.",
    "de": "Die Fähre nach Kellinsel fährt ab Montag wieder, nachdem der Sturm den Anleger beschädigt hatte.",
    "es": "El mercado cubierto de Puentealto cierra por el invierno y los comerciantes se instalan en la plaza.",
    "it": "Il mercato coperto di Pontevecchio chiude per l'inverno e i commercianti si spostano nella piazza.",
    "pt": "O mercado coberto de Ponte Velha fecha no inverno e os comerciantes vão para a praça.",
    "pl": "Targ w Starym Moście zostanie zamknięty na zimę, a kupcy przeniosą się na plac.",
    "cs": "Tržnice ve Starém Mostě se na zimu zavírá a prodejci se přesunou na náměstí.",
    "sv": "Saluhallen i Gamlebro stänger över vintern och handlarna flyttar ut på torget.",
}


@pytest.mark.parametrize("code", sorted(TEASERS))
def test_a_short_teaser_is_told_by_its_function_words_and_letters(code: str) -> None:
    assert detect_language(TEASERS[code]) == code


@pytest.mark.parametrize("headline", [
    "Le Pen says her party will vote against the budget in Paris",
    "Der Spiegel reports that the minister knew of the delays",
    "Von der Leyen meets Lula da Silva in Brasília to talk trade",
    "Los Angeles and San José brace for another week of heat",
    "The menu: jalapeño poppers, piñata cake, açaí bowls and café con leche",
])
def test_an_english_headline_with_foreign_names_or_words_stays_english(headline: str) -> None:
    assert detect_language(headline) == "en"


def test_one_foreign_word_said_three_times_is_not_enough() -> None:
    assert detect_language("Rio de Janeiro, São Paulo: de facto de luxe rivalry in Brazil football") == "en"


def test_words_in_capitals_are_no_evidence() -> None:
    assert detect_language("Il Postino, La Dolce Vita, Der Himmel über Berlin: Los Angeles cinemas") == "en"


def test_a_short_teaser_whose_markers_two_languages_share_equally_keeps_the_default() -> None:
    # "de", "la", "en", "que" are French and Spanish alike: nothing here tells the two apart
    assert detect_language("Nuevo Plan de la Región: que la Municipalidad en Valle de la Luna") == "en"


def test_a_short_french_report_joins_an_english_story_across_languages() -> None:
    # the English story of the fire; a short French report of it, labelled as ingest labels an undeclared article
    report = ("Incendie dans l'usine chimique de Korvex à Brennsdorf",
              "Environ 150 pompiers ont lutté pendant des heures contre les flammes dans l'usine de Korvex, selon "
              "le directeur Jonas Pfeiler.")
    language = detect_language(report[1])
    assert language == "fr"
    joined, apart = StoryClusterer(), StoryClusterer()
    story = joined.add(sample_article(FIRE_EN, "en", outlet="wire"))
    assert joined.add(sample_article(report, language, outlet="gazette", hours=2)) == story
    # labelled English, as before, it is compared with the English story on stems, and stays out of it
    other = apart.add(sample_article(FIRE_EN, "en", outlet="wire"))
    assert apart.add(sample_article(report, "en", outlet="gazette", hours=2)) != other


def test_an_undeclared_short_feed_item_gets_its_language() -> None:
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
            f"<item><title>Marché</title><link>https://gazette.test/marche</link><description>{TEASERS['fr']}"
            "</description></item></channel></rss>").encode()
    articles, _ = build_all(parse_feed(feed).entries, source="https://gazette.test/feed.xml", input_name="feed",
                            now=NOW, config=IngestConfig())
    assert [a.language for a in articles] == ["fr"]


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


@pytest.mark.parametrize("text", [
    # French dishes on an English menu: accented loanwords and two French function words ("en", "au")
    "Chef Jean-Luc serves pâté en croûte, crème brûlée and coq au vin at Le Petit Bistro in Soho.",
    "The menu lists pâté en croûte, crème brûlée, coq au vin and a tarte tatin for dessert tonight.",
    # headlines with no English function word of the list, and phrases English borrows whole
    "Chef's boeuf en croûte, potatoes au gratin win top prize in Leeds",
    "Luxury hotel adds en suite baths, à la carte menus in London revamp",
    "Paris café serves café au lait, tarte tatin, soupe du jour to tourists",
    # "de la" inside a name is the name's, as its capitalised words are
    "Tapas bar El Rincón de la Vega opens in Brooklyn, serving jamón, paella and churros con chocolate.",
    "Fans packed the Estadio de la Cerámica as Villarreal beat Real Sociedad de Fútbol 3-1.",
])
def test_short_english_texts_with_loanwords_and_names_stay_english(text: str) -> None:
    assert detect_language(text) == "en"
    assert detect_language(text) == detect_language(text)  # deterministic


def test_a_particle_between_lower_case_words_is_still_a_marker() -> None:
    assert detect_language("Le président de la République a reçu les maires des grandes villes mardi.") == "fr"
    assert detect_language("La mairie a fermé la piscine à la demande des pompiers pour trois semaines.") == "fr"
