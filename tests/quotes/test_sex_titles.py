""""Mrs. Lind" among several full names ending in Lind: the title's sex picks the one the text gives that sex, and
never one the text gives the other sex (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

SAID = '"We will win this county," Mrs. Lind said.'


def _speakers(text: str, nlp: Language) -> list[str]:
    return [a.speaker for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("text", [
    # "his" right after his full name says his sex; she is the one left
    f"Pavel Lind and his staff toured Ohio on Monday. Nora Lind toured Iowa. {SAID}",
    # she is named in full only later
    f"Pavel Lind and his staff toured Ohio on Monday. {SAID} Nora Lind flew to Iowa on Tuesday.",
])
def test_mrs_is_never_the_man_of_that_surname(text: str, nlp: Language) -> None:
    assert _speakers(text, nlp)[0] != "Pavel Lind"


@pytest.mark.parametrize("text", [
    f"Pavel Lind and his staff toured Ohio on Monday. Nora Lind toured Iowa. {SAID}",
    f"Pavel Lind and his staff toured Ohio on Monday. {SAID} Nora Lind flew to Iowa on Tuesday.",
])
def test_mrs_is_the_one_full_name_left_when_the_other_is_a_man(text: str, nlp: Language) -> None:
    assert _speakers(text, nlp) == ["Nora Lind"]


def test_mrs_stays_the_surname_when_the_only_full_name_is_a_man(nlp: Language) -> None:
    text = f"Pavel Lind and his staff toured Ohio on Monday. {SAID}"
    assert _speakers(text, nlp) == ["Lind"]


def test_his_later_in_the_sentence_his_full_name_opens_says_his_sex(nlp: Language) -> None:
    text = ("Pavel Lind has made no secret of his plans for the county. Nora Lind toured Iowa on Monday. "
            f"{SAID}")
    assert _speakers(text, nlp) == ["Nora Lind"]


def test_an_honorific_is_no_royals(nlp: Language) -> None:
    text = ("King Haddad IV opened the new port on Monday with his ministers. Sami Haddad, a trade envoy, was "
            'there too. "Trade will double," Mr Haddad said.')
    assert _speakers(text, nlp) == ["Sami Haddad"]


def test_mr_is_the_man_when_her_full_name_says_her_sex(nlp: Language) -> None:
    text = ("Nora Lind and her staff toured Iowa on Monday. Pavel Lind toured Ohio. "
            '"We will win this county," Mr. Lind said.')
    assert _speakers(text, nlp) == ["Pavel Lind"]


def test_the_titled_surname_is_no_evidence_of_the_full_names_sex(nlp: Language) -> None:
    # only mentions with her given name say her sex, and none does: the only full name still stands
    text = 'Nora Lind toured Iowa on Monday. "We will win this county," Mrs. Lind said of her plan.'
    assert _speakers(text, nlp) == ["Nora Lind"]
