"""Attribution errors seen on real text, each shown with an invented sentence of the same shape: a described speaker
after a quotation given to the pronoun before it, an outlet "on Sunday" cut to its first word, a hyphenated role cut
to its last part, a book title in the possessive credited to the person it names, and two French quotations in a
row (or a place after "du") losing the second quotation's speaker."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text
from bot.nlp.quotes_direct import rule_quotes

# Written for these tests: invented people, places, books and outlets (the newspapers' names are real titles).


def _found(text: str, nlp: Language) -> tuple[Attribution, ...]:
    return extract_from_text(text, nlp=nlp)


@pytest.mark.parametrize("before", ["", "The harbour budget was published on Monday. "])
def test_described_speaker_after_a_quotation_is_not_the_pronoun_before(nlp: Language, before: str) -> None:
    text = (f'{before}"We will not cut the ferry service," she said. "The budget is balanced," the minister said.')
    found = _found(text, nlp)
    minister = [a for a in found if a.speaker_as_written == "the minister"]
    assert len(minister) == 1
    assert minister[0].speaker != "she"
    assert "minister" in minister[0].speaker


def test_described_speaker_still_refers_back_to_a_named_person(nlp: Language) -> None:
    text = ('Finance minister Ada Quist said the plan was fair. "We will not cut the ferry service," she said. '
            '"The budget is balanced," the minister said.')
    assert [a.speaker for a in _found(text, nlp)] == ["Ada Quist", "Ada Quist", "Ada Quist"]


@pytest.mark.parametrize("paper", ["The Mail on Sunday", "The Independent on Sunday"])
def test_sunday_paper_as_a_source_is_named_whole(nlp: Language, paper: str) -> None:
    text = f"The Lisport rail link will get the go-ahead this month, according to {paper}."
    found = _found(text, nlp)
    assert [a.speaker for a in found] == [paper.removeprefix("The ")]


def test_sunday_paper_as_an_outlet_is_named_whole(nlp: Language) -> None:
    found = _found("Tomas Brell said in an interview with The Mail on Sunday that the rail plan was dead.", nlp)
    assert [(a.speaker, a.role) for a in found] == [("Tomas Brell", "via Mail on Sunday")]


def test_sunday_paper_as_a_speaker_is_named_whole(nlp: Language) -> None:
    found = _found("The Mail on Sunday said the money for the rail link was set aside.", nlp)
    assert [a.speaker for a in found] == ["Mail on Sunday"]


def test_a_day_after_a_paper_that_is_no_sunday_paper_stays_a_day(nlp: Language) -> None:
    found = _found("Tomas Brell told the Guardian on Sunday that the rail plan was dead.", nlp)
    assert [a.role for a in found] == ["via Guardian"]


@pytest.mark.parametrize(("source", "name"), [
    ("The New York Times", "New York Times"),
    ("the Financial Times", "Financial Times"),
    ("The Wall Street Journal", "Wall Street Journal"),
    ("The Times of India", "Times of India"),
])
def test_other_papers_stay_whole(nlp: Language, source: str, name: str) -> None:
    found = _found(f"The Lisport rail link will get the go-ahead this month, according to {source}.", nlp)
    assert [a.speaker for a in found] == [name]
    told = _found(f"Tomas Brell told {source} that the rail plan was dead.", nlp)
    assert [a.role for a in told] == [f"via {name}"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("The co-founder said the company would open a second mill.", "co-founder"),
    ('"We will open a second mill," the co-founder said.', "co-founder"),
    ("The firm's co-founder said it would open a second mill.", "firm co-founder"),
])
def test_hyphenated_role_is_kept_whole(nlp: Language, text: str, speaker: str) -> None:
    assert [a.speaker.removeprefix("unnamed ") for a in _found(text, nlp)] == [speaker]


def test_hyphenated_role_before_a_name_is_the_role(nlp: Language) -> None:
    found = _found("Co-founder Ada Quist said the company would open a second mill.", nlp)
    assert [(a.speaker, a.role) for a in found] == [("Ada Quist", "Co-founder")]


@pytest.mark.parametrize("phrase", [
    "According to a new book, Brown's Britain, Mr Brell broke a pledge to step down.",
    "The book, Brown's Britain, says Mr Brell broke a pledge to step down.",
    "Brown's Britain says Mr Brell broke a pledge to step down.",
])
def test_book_title_in_the_possessive_is_not_the_person_it_names(nlp: Language, phrase: str) -> None:
    text = f"Gordon Brown stayed silent on Sunday. {phrase}"
    found = _found(text, nlp)
    assert len(found) == 1
    assert found[0].speaker in ("Brown's Britain", "new book")


def test_book_title_in_the_possessive_speaking_is_the_title(nlp: Language) -> None:
    found = _found("Gordon Brown stayed silent on Sunday. Brown's Britain says Mr Brell broke a pledge.", nlp)
    assert [(a.speaker, a.role) for a in found] == [("Brown's Britain", None)]


def test_body_a_titled_person_heads_is_the_speaker_with_the_title(nlp: Language) -> None:
    text = "Lord Brell's Harbour Review Panel said the ferry fares should be cut."
    found = _found(text, nlp)
    assert [a.speaker for a in found] in (["Lord Brell's Harbour Review Panel"], ["Harbour Review Panel"])


def test_party_before_a_person_in_the_possessive_is_still_the_person(nlp: Language) -> None:
    found = _found("Gordon Brown stayed silent on Sunday. Labour's Brown said Mr Brell broke a pledge to step down.",
                   nlp)
    assert [a.speaker for a in found] == ["Gordon Brown"]


def _fr(text: str) -> list[tuple[str, str]]:
    return [(a.speaker, a.content) for a in rule_quotes(text, "fr")]


@pytest.mark.parametrize("space", [" ", "\u202f", ""])
def test_french_second_quotation_with_an_inverted_cue_keeps_its_speaker(space: str) -> None:
    text = (f"Anne Roy a déclaré : « Nous tiendrons bon.{space}» « Rien n'est joué », a-t-elle ajouté.")
    assert _fr(text) == [("Anne Roy", f"« Nous tiendrons bon.{space}»"), ("Anne Roy", "« Rien n'est joué »")]


def test_french_quotation_after_a_quotation_inside_a_sentence_is_left_alone() -> None:
    text = "Anne Roy a dit « non » « Rien n'est joué », a-t-elle ajouté."
    assert ("Anne Roy", "« Rien n'est joué »") not in _fr(text)


def test_french_place_after_du_is_no_rival_speaker() -> None:
    text = ("« Nous tiendrons bon », a déclaré Anne Roy lors d'une visite du Gers. "
            "« Rien n'est joué », a-t-elle ajouté.")
    assert [speaker for speaker, _ in _fr(text)] == ["Anne Roy", "Anne Roy"]


def test_french_place_after_du_does_not_hide_the_person_named_before() -> None:
    text = "Anne Roy a visité le nord du Gers lundi. « Rien n'est joué », a-t-elle déclaré."
    assert _fr(text) == [("Anne Roy", "« Rien n'est joué »")]


def test_french_person_after_du_is_still_a_rival() -> None:
    text = ("« Nous tiendrons bon », a déclaré Anne Roy après le discours du Premier ministre Paul Vidal. "
            "« Rien n'est joué », a-t-il ajouté.")
    assert [speaker for speaker, _ in _fr(text)] == ["Anne Roy"]
