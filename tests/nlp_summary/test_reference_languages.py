"""Back-references, talk to the reader and datelines in French, German, Spanish, Italian and Portuguese summaries."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.models import Article, SummarySentence
from bot.nlp import summarise
from bot.nlp.sentence_quality import addresses_reader, dateline_length, opens_with_reference
from bot.nlp.summarise import default_summariser
from tests.nlp_summary.reference_languages_samples import (
    BACK_REFERENCES,
    DATELINES,
    NOT_BACK_REFERENCES,
    NOT_DATELINES,
    NOT_TO_READER,
    SAMPLES,
    TO_READER,
    Samples,
)
from tests.nlp_summary.samples import article as english_article

IDS = [s.language for s in SAMPLES]


def article(text: str, language: str, *, outlet: str = "Outlet One", hours: float = 0.0) -> Article:
    return replace(english_article(text, title=text[:20], outlet=outlet, hours=hours), language=language)


def story(sample: Samples) -> list[Article]:
    return [article(sample.back, sample.language),
            article(sample.other, sample.language, outlet="Outlet Two", hours=1)]


def lines(summary: tuple[SummarySentence, ...], articles: list[Article]) -> list[tuple[int, int]]:
    ids = [a.id for a in articles]
    return [(ids.index(s.article_id), s.sentence) for s in summary]


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_a_summary_does_not_open_with_an_orphan_back_reference(sample: Samples,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    articles = story(sample)
    orphan = (0, 1)  # "Il a ajouté que ...", "Er fügte hinzu ...", "Sin embargo, ...", "Ha aggiunto che ..."
    assert opens_with_reference(articles[0].sentences[1].text, sample.language)
    for count in (1, 2, 3):
        picked = lines(default_summariser().summarise(articles, count), articles)
        assert picked[0] != orphan
        for a, index in picked:
            if opens_with_reference(articles[a].sentences[index].text, sample.language):
                assert (a, index - 1) in picked
    # without the rule (as before, when only English openers counted) the orphan is the one-line summary
    monkeypatch.setattr(summarise, "opens_with_reference", lambda text, language="en": False)
    assert lines(default_summariser().summarise(articles, 1), articles) == [orphan]


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_a_feature_lede_talking_to_the_reader_gives_way(sample: Samples, monkeypatch: pytest.MonkeyPatch) -> None:
    one = article(sample.reader, sample.language)
    assert addresses_reader(one.sentences[0].text, sample.language)
    assert [s.sentence for s in default_summariser().summarise([one], 1)] == [1]
    monkeypatch.setattr(summarise, "addresses_reader", lambda text, language="en": False)
    assert [s.sentence for s in default_summariser().summarise([one], 1)] == [0]


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_the_dateline_is_left_out_of_the_quoted_span(sample: Samples) -> None:
    one = article(sample.dateline, sample.language)
    first = default_summariser().summarise([one], 1)[0]
    assert first.text == sample.dateline[len(sample.dateline_prefix):].split(". ")[0] + "."
    assert one.text[first.start : first.end] == first.text
    assert one.sentences[first.sentence].end == first.end


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_a_lead_that_only_looks_like_a_back_reference_is_the_summary(sample: Samples) -> None:
    one = article(sample.lookalike, sample.language)
    lead = one.sentences[0].text
    assert not opens_with_reference(lead, sample.language)
    assert not addresses_reader(lead, sample.language)
    assert [s.sentence for s in default_summariser().summarise([one], 1)] == [0]


@pytest.mark.parametrize(("language", "text"), BACK_REFERENCES)
def test_back_references(language: str, text: str) -> None:
    assert opens_with_reference(text, language)
    assert opens_with_reference(text, f"{language}-XX")  # a regional code is the same language


@pytest.mark.parametrize(("language", "text"), NOT_BACK_REFERENCES)
def test_look_alikes_are_not_back_references(language: str, text: str) -> None:
    assert not opens_with_reference(text, language)


@pytest.mark.parametrize(("language", "text"), TO_READER)
def test_talk_to_the_reader(language: str, text: str) -> None:
    assert addresses_reader(text, language)


@pytest.mark.parametrize(("language", "text"), NOT_TO_READER)
def test_pronouns_and_quotations_are_not_talk_to_the_reader(language: str, text: str) -> None:
    assert not addresses_reader(text, language)


@pytest.mark.parametrize(("language", "text", "prefix"), DATELINES)
def test_datelines(language: str, text: str, prefix: str) -> None:
    assert dateline_length(text, language) == len(prefix)


@pytest.mark.parametrize(("language", "text"), NOT_DATELINES)
def test_prose_with_a_dash_is_not_a_dateline(language: str, text: str) -> None:
    assert dateline_length(text, language) == 0


def test_english_and_other_languages_keep_the_english_rules() -> None:
    # the new words mean nothing in an English (or Russian, or undeclared) article, and English ones still do
    for language in ("en", "ru", ""):
        assert not opens_with_reference("Sin embargo, el alcalde no respondió.", language)
        assert opens_with_reference("However, the mayor did not reply.", language)
        assert not addresses_reader("Si usted viaja en mayo, necesitará un billete.", language)
        assert dateline_length("MADRID, 3 mar (EFE).- El Gobierno aprobó la ley.", language) == 0
    assert opens_with_reference("However, the mayor did not reply.")
    assert dateline_length("LONDON (Reuters) - The bank kept rates on hold.") == len("LONDON (Reuters) - ")
