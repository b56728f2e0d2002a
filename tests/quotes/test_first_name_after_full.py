"""A first name alone after the full name ("Tomasz Brell said ... Tomasz added") is that person, when only one person
of the article has that first name; with two, or with someone of that surname, it stays as written."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.article_names import Names
from bot.nlp.quotes import extract_attributions

from .conftest import make_article


def _speakers(nlp: Language, text: str) -> list[str]:
    return [a.speaker for a in extract_attributions(make_article("f", text), nlp)]


def test_a_first_name_alone_is_the_full_name_given_before(nlp: Language) -> None:
    text = ("Tomasz Brell said the Lossa mill would close in May. \"We tried everything to keep it,\" Tomasz "
            "added.")
    assert _speakers(nlp, text) == ["Tomasz Brell", "Tomasz Brell"]


def test_a_first_name_two_people_share_stays_as_written(nlp: Language) -> None:
    text = ("Tomasz Brell said the Lossa mill would close in May. Tomasz Wend said the Lossa bakery would stay "
            "open. \"We tried everything to keep it,\" Tomasz added.")
    assert _speakers(nlp, text)[-1] == "Tomasz"


def test_a_headline_verb_or_a_title_makes_no_first_name(nlp: Language) -> None:
    plain = Names(nlp("The Lossa library opened on Monday."))
    plain.add("Varga Tamm")
    assert plain.by_given("Varga") == "Varga Tamm"  # the premise: one full name of that first word
    headline = Names(nlp("The Lossa library opened on Monday."))
    headline.add("Varga Says")  # a headline's "Varga Says ..." taken for a name: no first name
    assert headline.by_given("Varga") is None
    titled = Names(nlp("Mayor Varga opened the Lossa library on Monday."))
    titled.add("Varga Tamm")  # "Mayor Varga": the article's Varga is a surname
    assert titled.by_given("Varga") is None
