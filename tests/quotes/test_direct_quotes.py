"""Direct quotations in French, German, Spanish, Italian and Portuguese: the hand-written cases, offsets, marks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.models import Attribution
from bot.nlp.quote_marks import quotations
from bot.nlp.quotes_direct import DIRECT_LANGUAGES, direct_quotes, extract_direct_quotes
from tests.quotes.direct_samples import DEV, FRESH, Case, Expect
from tests.quotes.direct_score import nearest_name, rules, score

from .conftest import make_article

CASES = DEV + FRESH


def _seen(found: tuple[Attribution, ...]) -> list[Expect]:
    return [Expect(a.speaker, a.cue, a.content, a.role) for a in found]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_hand_written_case_gives_exactly_what_a_reader_finds(case: Case) -> None:
    found = extract_direct_quotes(replace(make_article(case.name, case.text), language=case.language))
    assert _seen(found) == [replace(e, left_out="") for e in case.expected if not e.left_out]
    assert all(a.kind == "direct" for a in found)


@pytest.mark.parametrize("case", [c for c in CASES if any(not e.left_out for e in c.expected)],
                         ids=lambda c: c.name)
def test_offsets_index_the_article_text_and_the_sentence_holds_the_quotation(case: Case) -> None:
    article = make_article(case.name, case.text)
    found = direct_quotes(article.text, case.language, article.id, article.sentences)
    assert found
    for a in found:
        assert article.text[a.start:a.end] == a.content
        assert a.article_id == article.id
        sentence = article.sentences[a.sentence]
        cue_at = article.text.find(a.cue, max(0, a.start - 200))
        assert sentence.start <= min(a.start, cue_at) < sentence.end


def test_the_set_covers_every_language_both_orders_and_the_negatives() -> None:
    assert {c.language for c in CASES} == set(DIRECT_LANGUAGES)
    for code in DIRECT_LANGUAGES:
        mine = [c for c in CASES if c.language == code]
        assert any(not c.expected for c in mine), f"{code}: no negative case"
        contents = [e.content for c in mine for e in c.expected]
        assert any(c.startswith(("«", "„", "»", "\"", "“")) for c in contents)


def test_other_languages_get_nothing() -> None:
    text = "« Nous avons tenu nos délais », a déclaré la maire Claire Morel."
    assert direct_quotes(text, "fr")
    assert direct_quotes(text, "en") == ()
    assert direct_quotes(text, "pl") == ()


def test_a_pronoun_with_nobody_before_it_is_no_attribution() -> None:
    assert direct_quotes("« Nous partirons demain », a-t-il déclaré.", "fr") == ()
    assert direct_quotes("„Wir gehen morgen“, sagte er.", "de") == ()
    assert direct_quotes("«Nos vamos mañana», añadió.", "es") == ()


def test_a_plural_verb_or_two_speakers_is_no_single_speaker() -> None:
    # two named speakers are one joint speaker (tests/quotes/test_joint_speakers_rules.py), never one of them
    found = direct_quotes("« Nous partons », ont déclaré Paul Girard et Claire Morel.", "fr")
    assert [a.speaker for a in found] == ["Paul Girard and Claire Morel"]
    assert [a.speaker for a in direct_quotes("Pedro Molina y Ana Gil dijeron: «Seguimos».", "es")] == [
        "Pedro Molina and Ana Gil"]
    assert direct_quotes("« Nous partons », a déclaré Paul Girard et Claire Morel.", "fr") == ()


def test_quotation_marks_of_each_typography() -> None:
    def spans(text: str, language: str) -> list[str]:
        return [text[s:e] for s, e in quotations(text, language)]

    assert spans("Il a dit «\u00a0oui\u00a0» puis «non».", "fr") == ["«\u00a0oui\u00a0»", "«non»"]
    assert spans("Er sagte „ja“ und dann »nein«.", "de") == ["„ja“", "»nein«"]
    assert spans("Er sagte «ja» und „nein”.", "de") == ["«ja»", "„nein”"]
    assert spans("« Il a crié « au feu » puis “sauve qui peut” » hier", "fr") == [
        "« Il a crié « au feu » puis “sauve qui peut” »"]
    assert spans('Dijo "sí" y ‹no›.', "es") == ['"sí"', "‹no›"]
    assert spans("« Pas fermée\n» ici « ok »", "fr") == ["« ok »"]  # never across a line
    assert spans("« " * 50 + "x", "fr") == []  # marks that never close


def test_stray_marks_give_no_attribution() -> None:
    text = "« » « a déclaré » « , a-t-il dit « » » » » „ “ » « " * 200
    assert direct_quotes(text, "fr") == ()


def test_the_score_counts_what_the_cases_expect_and_the_baseline_falls_for_the_negatives() -> None:
    ours = score(CASES, rules)["all"]
    assert ours.wrong == 0
    assert ours.right == sum(1 for c in CASES for e in c.expected if not e.left_out)
    assert ours.expected == sum(len(c.expected) for c in CASES)
    negatives = [c for c in CASES if not c.expected]
    assert score(negatives, nearest_name)["all"].wrong > 0  # the negatives are quotations a naive rule takes
