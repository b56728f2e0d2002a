"""``told the Observer``: a newspaper's name that NER leaves untagged still gives the route ("via Observer")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text


def _roles(nlp: Language, text: str) -> list[str | None]:
    return [a.role for a in extract_from_text(text, nlp=nlp) if a.speaker == "Ola Berg"]


@pytest.mark.parametrize("paper", ["Observer", "Herald", "Tribune", "Chronicle", "Journal", "Gazette", "Post",
                                   "Express", "Mirror", "Independent", "Telegraph", "Guardian", "Times", "Sun"])
def test_told_the_newspaper_gives_the_via(nlp: Language, paper: str) -> None:
    text = f"Ola Berg told the {paper} that the harbour would reopen in spring."
    assert _roles(nlp, text) == [f"via {paper}"]


@pytest.mark.parametrize(("phrase", "via"), [
    ("the Valmont Observer", "Valmont Observer"),
    ("the Northern Herald", "Northern Herald"),
    ("the Observer newspaper", "Observer"),
    ("the Mail on Sunday", "Mail on Sunday"),
    ("the Independent on Sunday", "Independent on Sunday"),
    ("the Sunday Observer", "Sunday Observer"),
])
def test_a_named_newspaper_gives_its_whole_name(nlp: Language, phrase: str, via: str) -> None:
    text = f"The harbour will reopen in spring, Ola Berg told {phrase} this week."
    assert _roles(nlp, text) == [f"via {via}"]


def test_a_role_of_its_own_stays_before_the_via(nlp: Language) -> None:
    text = "The mayor, Ola Berg, told the Observer the ferries would sail again."
    assert _roles(nlp, text) == ["mayor, via Observer"]


@pytest.mark.parametrize("hearer", ["the Minister", "the Committee", "the Court", "the Council", "the Post Office"])
def test_told_someone_else_gives_no_via(nlp: Language, hearer: str) -> None:
    text = f"Ola Berg told {hearer} that the harbour would reopen in spring."
    assert _roles(nlp, text) == [None]


def test_the_paper_named_short_later_is_the_same_via(nlp: Language) -> None:
    text = ("Ola Berg told the Valmont Post that the harbour would reopen in spring. She told the Post that the "
            "ferries would sail again.")
    assert _roles(nlp, text) == ["via Valmont Post", "via Valmont Post"]



def test_the_via_ends_before_the_punctuation_after_the_name(nlp: Language) -> None:
    text = "Ola Berg told the Palm Cove Post: 'The harbour will reopen in spring.'"
    assert _roles(nlp, text) == ["via Palm Cove Post"]
