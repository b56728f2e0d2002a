""""Her daughter, Maja, said": the name is the speaker and the relation its role, as "The mayor, Oskar Lind, said"
reads Oskar Lind (mayor), whether or not NER tags the name a person (invented text)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

OPENING = "Tomas Lind died at home in Varnby on Tuesday after a long illness. "


def _speakers(text: str, nlp: Language) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize(("sentence", "speaker", "role"), [
    ("Her daughter, Maja, said the family was grateful for the care he had.", "Maja", "her daughter"),
    ('"We are grateful for the care he had," her daughter, Maja, said.', "Maja", "her daughter"),
    ("His son, Maja Varn, said the family was grateful for the care he had.", "Maja Varn", "his son"),
])
def test_a_relation_named_in_apposition_is_that_person(sentence: str, speaker: str, role: str,
                                                       nlp: Language) -> None:
    assert _speakers(OPENING + sentence, nlp) == [(speaker, role)]


def test_a_role_named_in_apposition_still_reads_the_same(nlp: Language) -> None:
    text = OPENING + "The mayor, Oskar Lind, said the road would reopen on Friday."
    assert _speakers(text, nlp) == [("Oskar Lind", "mayor")]


def test_an_organisation_in_apposition_stays_whole(nlp: Language) -> None:
    text = OPENING + "His employer, Varnby Foods, said the office would close on Friday."
    assert _speakers(text, nlp) == [("His employer, Varnby Foods", None)]
