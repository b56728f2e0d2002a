"""Junk and wrong speakers an audit found in who-said-what: a cookie prompt, a one-word content, a participial
"Asked about X," opener, content holding its own attribution phrase, a possessive apostrophe spaced off, "unnamed"
before a named institution and a quotation that lost its closing mark."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.answer.respond import ask, render_text, to_json
from bot.nlp.quotes import extract_attributions, extract_from_text
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article


def _said(text: str, nlp: Language) -> list[tuple[str, str]]:
    return [(a.speaker, a.content) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("prompt", [
    "By continuing to browse you agree to our use of cookies.",
    "By using this site, you agree to our use of cookies.",
    "By clicking accept you consent to the use of cookies on this page.",
    "If you continue, you agree to our cookie policy.",
])
def test_a_cookie_prompt_is_no_attribution(nlp: Language, prompt: str) -> None:
    text = f"The ferry timetable changes on Monday. {prompt} Mayor Ada Quist said the route would stay open."
    assert _said(text, nlp) == [("Ada Quist", "the route would stay open")]


@pytest.mark.parametrize("text", [
    "The new bridge opens in June, which ferry workers had long asked for.",
    "The dredging money, which net menders had called for, arrives next spring.",
])
def test_a_single_function_word_is_no_content(nlp: Language, text: str) -> None:
    assert all(len(content.split()) > 1 for _, content in _said(text, nlp)), _said(text, nlp)


@pytest.mark.parametrize("text", [
    "Asked about the harbour, Renn said the mayor would visit on Monday.",
    "Asked about the new ferry, Tomas Brell said the boats would arrive in May.",
    "Questioned about the delays, the harbour master said the cranes were old.",
])
def test_a_participial_opener_is_no_statement(nlp: Language, text: str) -> None:
    said = _said(text, nlp)
    assert len(said) == 1, said
    assert said[0][1].startswith("the ")


@pytest.mark.parametrize(("text", "content"), [
    ("About 40 trucks are stuck at the border, the customs office said, and three firms have stopped deliveries.",
     "About 40 trucks are stuck at the border"),
    ("Two ferries were cancelled, the harbour office said, but the night boat will still sail.",
     "Two ferries were cancelled"),
])
def test_content_ends_before_its_own_attribution_phrase(nlp: Language, text: str, content: str) -> None:
    said = _said(text, nlp)
    assert [c for _, c in said] == [content]


@pytest.mark.parametrize(("text", "speaker"), [
    ("The farmers' union welcomed the plan but said the price was still too low.", "farmers' union"),
    ("The drivers' association said the new lanes were too narrow.", "drivers' association"),
])
def test_a_plural_possessive_keeps_its_apostrophe(nlp: Language, text: str, speaker: str) -> None:
    assert [s for s, _ in _said(text, nlp)] == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Analysts at the Brellton Institute said the forecast looked weak.", "Analysts at the Brellton Institute"),
    ("Economists at the Harwick Trust said the numbers looked optimistic.", "Economists at the Harwick Trust"),
])
def test_a_named_institution_is_not_unnamed(nlp: Language, text: str, speaker: str) -> None:
    assert [s for s, _ in _said(text, nlp)] == [speaker]


def test_an_unnamed_person_stays_unnamed(nlp: Language) -> None:
    said = _said("Analysts said the forecast looked weak.", nlp)
    assert [s for s, _ in said] == ["unnamed Analysts"]


@pytest.mark.parametrize("text", [
    'Mayor Ada Quist said the city was ready to wait "for as long as it takes".',
    'Deputy mayor Tomas Brell said the port would stay open "for as long as it must".',
])
def test_a_quotation_keeps_its_closing_mark(nlp: Language, text: str) -> None:
    said = _said(text, nlp)
    assert len(said) == 1
    assert said[0][1].endswith('"'), said


@pytest.mark.parametrize(("text", "speaker"), [
    ("The school budget grows by 3 percent, according to figures published by the treasury.", "treasury"),
    ("According to data released by the port authority, exports fell by a third.", "port authority"),
    ("Ferry fares rose by 8 percent, according to statistics compiled by the Brellton Institute.",
     "Brellton Institute"),
])
def test_figures_published_by_someone_are_theirs(nlp: Language, text: str, speaker: str) -> None:
    assert [s for s, _ in _said(text, nlp)] == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Ferry fares rose by 8 percent, according to the figures.", "figures"),
    ("According to the poll, the mayor leads by four points.", "poll"),
])
def test_figures_with_no_one_behind_them_stay_the_source(nlp: Language, text: str, speaker: str) -> None:
    assert [s for s, _ in _said(text, nlp)] == [speaker]


def test_a_quotation_after_the_phrase_is_still_the_speakers(nlp: Language) -> None:
    text = "Most of the riders were tired, she said, and \"we had to stop twice on the hill.\""
    said = _said(text, nlp)
    assert len(said) == 1
    assert said[0][1].endswith('hill."'), said


@pytest.mark.parametrize(("text", "speaker"), [
    ("Brellton's central bank left its rate unchanged on Tuesday. The bank said prices would rise next year.",
     "central bank"),
    ("The regional ferry company cancelled two crossings. The company said the storm had damaged a pier.",
     "regional ferry company"),
])
def test_the_short_name_of_an_institution_named_in_full_before(nlp: Language, text: str, speaker: str) -> None:
    assert [s for s, _ in _said(text, nlp)] == [speaker]


def test_two_different_banks_before_leave_the_short_name(nlp: Language) -> None:
    text = ("The central bank and a commercial bank met on Tuesday. The bank said prices would rise next year.")
    assert [s for s, _ in _said(text, nlp)] == ["bank"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("A new ferry company started crossings in May. The company said the storm had damaged a pier.", "company"),
    ("A weekly poll came out on Monday. The poll said the mayor led by four points.", "poll"),
])
def test_a_passing_description_is_no_fuller_name(nlp: Language, text: str, speaker: str) -> None:
    assert [s for s, _ in _said(text, nlp)] == [speaker]


async def test_ask_names_a_plural_possessive_speaker_as_written(db: Database, nlp: Language) -> None:
    article = make_article("rent-1", "The farmers' union welcomed the plan but said the price was still too low.")
    await ArticleStore(db).save(article, now=NOW)
    await QuoteStore(db).replace(article.id, extract_attributions(article, nlp))
    result = await ask("what did the farmers' union say", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok
    assert render_text(result).startswith("What the farmers' union said")
    answers = to_json(result)["answers"]
    assert isinstance(answers, list) and [a["speaker"] for a in answers] == ["farmers' union"]
