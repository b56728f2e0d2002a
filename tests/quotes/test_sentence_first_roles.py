"""A role that opens its sentence ("Hospital director Anna Berg said") is stored as the same role reads
mid-sentence ("hospital director") when its first word is a common word: the tagger's common noun or adjective, or
a word the article writes in lower case elsewhere; never a name, a word the article capitalises mid-sentence, or a
title before a name ("President", "Prime Minister", "Chancellor") (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

LATER = " The ward on the third floor has been short of nurses since the spring."


def _roles(text: str, nlp: Language) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize(("sentence", "role"), [
    ("Hospital director Anna Berg said the ward would close in May.", "hospital director"),
    ("Chief engineer Tomas Reiner said the bridge at Varnby was safe.", "chief engineer"),
    ("Outgoing treasurer Ola Dahl said the books of the club were balanced.", "outgoing treasurer"),
])
def test_a_common_word_opening_the_sentence_reads_in_lower_case(sentence: str, role: str, nlp: Language) -> None:
    assert [r for _, r in _roles(sentence + LATER, nlp)] == [role]


def test_a_word_the_article_writes_in_lower_case_elsewhere_reads_so(nlp: Language) -> None:
    text = "Finance minister Ola Dahl said the budget was tight. The finance ministry will publish it on Friday."
    assert _roles(text, nlp)[0] == ("Ola Dahl", "finance minister")


@pytest.mark.parametrize(("sentence", "role"), [
    ("President Anna Berg said the ward would close in May.", "President"),
    ("Prime Minister Anna Berg said the ward would close in May.", "Prime Minister"),
    ("Chancellor Ola Dahl said the budget for the ward was tight.", "Chancellor"),
    ("Labour leader Ola Dahl said the vote on the ward was close.", "Labour leader"),
    ("Valdorian envoy Ola Dahl said the talks on the ward would resume.", "Valdorian envoy"),
    ("Libertarian mayoral candidate Ola Dahl said the ward would stay open.", "Libertarian mayoral candidate"),
    ("Marlins coach Ola Dahl said the team would train at the ward's old gym.", "Marlins coach"),
    ("Norvatec chief economist Ola Dahl said the ward would cost more.", "Norvatec chief economist"),
    # a body English always capitalises, though the tagger calls it a common noun here (CAPITALISED_BODIES)
    ("Whitehall spokesman Ola Dahl said the ward would close in May.", "Whitehall spokesman"),
])
def test_a_name_or_a_title_before_a_name_keeps_its_capital(sentence: str, role: str, nlp: Language) -> None:
    assert [r for _, r in _roles(sentence + LATER, nlp)] == [role]


def test_a_word_the_article_capitalises_mid_sentence_keeps_it(nlp: Language) -> None:
    text = "Hospital director Anna Berg said the ward would close. She has run the Hospital since 2019."
    assert _roles(text, nlp)[0] == ("Anna Berg", "Hospital director")


def test_a_role_written_mid_sentence_is_as_before(nlp: Language) -> None:
    text = "The ward would close in May, hospital director Anna Berg said." + LATER
    assert _roles(text, nlp) == [("Anna Berg", "hospital director")]
