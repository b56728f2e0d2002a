"""Articles in French, German and other languages are stemmed, and their stop words left out, in their own language
when they are clustered and summarised; English is read as before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from bot.models import Article
from bot.nlp.cluster import StoryClusterer, StoryProfile
from bot.nlp.languages import language_name, stemmer, stop_words
from bot.nlp.sentence_quality import junk_reason
from bot.nlp.summarise import SumySummariser
from bot.nlp.terms import TermAnalyser, english_stop_words
from tests.multilingual_samples import (
    FERRY_DE_1,
    FERRY_DE_2,
    FERRY_FR_1,
    FERRY_FR_2,
    GERMAN_FILLER,
    LIBRARY_DE,
    LIBRARY_FR,
    article,
    with_line,
)


def labelled(articles: Sequence[Article], language: str) -> list[Article]:
    return [replace(a, language=language) for a in articles]


def ferry_news() -> list[Article]:
    """Both languages' ferry reports and both libraries, interleaved over a day."""
    plan = [(FERRY_FR_1, "fr", "courrier"), (FERRY_DE_1, "de", "seebote"), (LIBRARY_FR, "fr", "gazette"),
            (FERRY_FR_2, "fr", "gazette"), (LIBRARY_DE, "de", "seebote"), (FERRY_DE_2, "de", "inselkurier")]
    return [article(pair, language, outlet=outlet, hours=k) for k, (pair, language, outlet) in enumerate(plan)]


def test_language_codes_name_sumys_languages_and_anything_else_is_english() -> None:
    assert [language_name(c) for c in ("fr", "FR-ca", "de_AT", "german", "pt-BR", "sv", "en-GB", "nl", "", "xx")] == [
        "french", "french", "german", "german", "portuguese", "swedish", "english", "english", "english", "english"]


@pytest.mark.parametrize(("language", "word", "inflected"), [
    ("french", "retraite", "retraites"), ("german", "fähre", "fähren"), ("spanish", "política", "políticas"),
    ("italian", "governo", "governi"), ("portuguese", "governo", "governos"), ("czech", "vláda", "vlády"),
    ("slovak", "vláda", "vlády"), ("swedish", "regering", "regeringen"),
])
def test_every_labelled_language_has_stop_words_and_a_stemmer_that_needs_no_download(
        language: str, word: str, inflected: str) -> None:
    stop = stop_words(language)
    assert len(stop) > 100 and all(w == w.lower() and w.strip() and "\\" not in w and "," not in w for w in stop)
    assert stemmer(language) is stemmer(language)  # built once per language
    assert stemmer(language)(word) == stemmer(language)(inflected) != inflected


def test_polish_has_stop_words_but_is_only_lower_cased() -> None:
    assert {"i", "w", "nie"} <= stop_words("polish")  # sumy's Polish stemmer needs pystempel, not installed here
    assert stemmer("polish")("Rządu") == "rządu"


def test_sumys_gaps_are_filled_and_its_portuguese_escapes_read() -> None:
    assert {"de", "un", "une", "à"} <= stop_words("french")
    assert {"de", "que", "y"} <= stop_words("spanish")
    assert {"não", "também", "à"} <= stop_words("portuguese")


def test_an_analyser_gives_each_language_its_own_once_and_english_is_itself() -> None:
    english = TermAnalyser()
    french = english.for_language("fr")
    assert english.for_language("en") is english and english.for_language("nl") is english
    assert english.for_language("fr-FR") is french and french.language == "french"
    assert french.for_language("en") is not english  # a French analyser's English one is its own
    assert english.stop_words == english_stop_words()
    # French: elided articles dropped, French stems and stop words
    assert french.terms("L'économie et les économies d'énergie de Valmora") == ["économ", "économ", "énerg", "valmor"]
    assert french.is_stop("qu'il") and french.is_stop("de") and not english.is_stop("de")
    german = english.for_language("de")
    assert german.terms("Die Fähren und die Fähre der Stadt") == ["fahr", "fahr", "stadt"]


def test_french_and_german_reports_of_one_event_cluster_by_language_and_unrelated_news_stays_apart() -> None:
    news = ferry_news()
    clusterer = StoryClusterer()
    story = {a.title: clusterer.add(a) for a in news}
    assert story[FERRY_FR_1[0]] == story[FERRY_FR_2[0]]
    assert story[FERRY_DE_1[0]] == story[FERRY_DE_2[0]]
    assert story[LIBRARY_FR[0]] not in {story[FERRY_FR_1[0]], story[FERRY_DE_1[0]], story[LIBRARY_DE[0]]}
    assert story[LIBRARY_DE[0]] not in {story[FERRY_FR_1[0]], story[FERRY_DE_1[0]]}
    # read as English (every article was, before), the French library joins the ferry story on "la", "de", "les"
    english = StoryClusterer()
    as_english = {a.title: english.add(a) for a in labelled(news, "en")}
    assert as_english[LIBRARY_FR[0]] == as_english[FERRY_FR_1[0]]


def test_profiles_of_other_languages_round_trip_and_old_english_ones_still_load() -> None:
    clusterer = StoryClusterer()
    for a in ferry_news():
        clusterer.add(a)
    saved = [p.to_json() for p in clusterer.profiles()]
    assert [StoryProfile.from_json(s) for s in saved] == clusterer.profiles()
    reloaded = StoryClusterer([StoryProfile.from_json(s) for s in saved])
    follow_up = article(FERRY_FR_2, "fr", outlet="hebdo", hours=20, text=FERRY_FR_2[1].replace("quarante", "45"))
    assert reloaded.add(follow_up) == clusterer.add(article(FERRY_FR_2, "fr", outlet="gazette", hours=3))
    old = '{"story_id": "s-old", "terms": [["ferri", 0.5], ["valmora", 0.5]], "size": 1}'  # English stems, no dates
    assert StoryClusterer([StoryProfile.from_json(old)]).profiles()[0].terms == (("ferri", 0.5), ("valmora", 0.5))


def pick_order(summariser: SumySummariser, articles: Sequence[Article]) -> list[tuple[str, int]]:
    """(article id, sentence) in the order the summariser picks them: what summarise(k) adds over summarise(k - 1)."""
    order: list[tuple[str, int]] = []
    for k in range(1, sum(len(a.sentences) for a in articles) + 1):
        order += [p for p in ((s.article_id, s.sentence) for s in summariser.summarise(articles, k)) if p not in order]
    return order


def test_a_german_sentence_of_function_words_is_picked_last() -> None:
    padded = article(FERRY_DE_1, "de", outlet="seebote", text=with_line(FERRY_DE_1, GERMAN_FILLER, 1))
    story = [padded, article(FERRY_DE_2, "de", outlet="inselkurier", hours=1)]
    filler = (padded.id, 1)
    assert padded.sentences[1].text == GERMAN_FILLER and junk_reason(GERMAN_FILLER) is None
    summariser = SumySummariser()
    order = pick_order(summariser, story)
    assert filler in order and order[-1] == filler  # kept only when nothing else is left
    # with English stop words its "es ist das und die" count as words it shares with the other outlet
    as_english = pick_order(summariser, labelled(story, "en"))
    assert as_english.index(filler) < len(as_english) - 1


def test_a_story_in_three_languages_compares_each_sentence_in_its_own() -> None:
    french = article(FERRY_FR_1, "fr", outlet="courrier")
    german = article(FERRY_DE_1, "de", outlet="seebote", hours=1, text=with_line(FERRY_DE_1, GERMAN_FILLER, 1))
    english = article(("Valmora opens a ferry line", "The town of Valmora will open a ferry line to the island of "
                       "Ostrelle in June, its mayor Claire Dumarais said on Tuesday.\nThe line will cost 12 million "
                       "euros, partly paid for by the region.\nFishermen fear the new piers will take their moorings."),
                      "en", outlet="wire", hours=2)
    summariser = SumySummariser()
    summary = summariser.summarise([french, german, english], 3)
    by_id = {a.id: a for a in (french, german, english)}
    assert len(summary) == 3 and len({by_id[s.article_id].language for s in summary}) > 1
    for line in summary:
        assert by_id[line.article_id].text[line.start:line.end] == line.text
    assert (german.id, 1) not in [(s.article_id, s.sentence) for s in summary]  # the filler, as above
    # a French lead and its German telling share no stem (even "Valmora" stems apart): neither repeats the other,
    # so what each outlet adds is its own lead
    additions = summariser.additions([french, german])
    assert additions[french.id].sentence == 0 and additions[german.id].sentence == 0


@pytest.mark.parametrize("sentence", [
    "„Wir wollen die Verbindung noch in diesem Sommer eröffnen.“",
    "Er sagte: »Wir eröffnen die Linie im Juni.«",
    "« Nous ouvrirons la ligne en juin, a-t-elle promis. »",
    "Il sindaco ha detto: «Apriremo la linea a giugno.»",
])
def test_a_sentence_closed_by_another_languages_quote_mark_is_not_a_fragment(sentence: str) -> None:
    assert junk_reason(sentence) is None


def test_an_english_sentence_ending_on_an_opening_quote_is_still_a_fragment() -> None:
    assert junk_reason("He said the ferry would open in June and then “") == "fragment"
    assert junk_reason("He said the ferry would open in June. “") == "fragment"
