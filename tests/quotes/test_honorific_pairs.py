"""A pair of speakers where the first has an honorific and the second a lower-case role ("Dame Ada Quist and
harbour director Tomas Brell"), in every form: one joint speaker, not the second person with the first as role."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

FORMS = [
    '"The ferry will stop in winter," {who} said.',
    '"The ferry will stop in winter," said {who}.',
    "{who} said the ferry would stop in winter.",
    "{who} told reporters that the ferry would stop in winter.",
    "According to {who}, the ferry will stop in winter.",
    "The ferry will stop in winter, according to {who}.",
    "The ferry would stop in winter, said {who}.",
]
PAIRS = [
    "Dame Ada Quist and harbour director Tomas Brell",
    "Dame Ada Quist and ferry captain Tomas Brell",
    "Miss Ada Quist and ferry captain Tomas Brell",
    "Miss Ada Quist and harbour director Tomas Brell",
    "Sir Tomas Brell and harbour director Ada Quist",
]


def _speakers(text: str, nlp: Language) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("who", PAIRS)
def test_an_honorific_and_a_role_name_two_speakers(nlp: Language, form: str, who: str) -> None:
    # an honorific is no role and only one member has a role, so the joint speaker has none (as for one speaker)
    first, second = (" ".join(part.split()[-2:]) for part in who.split(" and "))
    assert _speakers(form.format(who=who), nlp) == [(who, f"{first} and {second}", None)]


def test_each_member_keeps_their_own_role_for_later(nlp: Language) -> None:
    text = ("Dame Ada Quist and harbour director Tomas Brell said the ferry would stop in winter. "
            "Brell said the pier would need repairs. Quist said the fares would not rise.")
    assert _speakers(text, nlp) == [
        ("Dame Ada Quist and harbour director Tomas Brell", "Ada Quist and Tomas Brell", None),
        ("Brell", "Tomas Brell", "harbour director"),
        ("Quist", "Ada Quist", None),
    ]


@pytest.mark.parametrize("text", [
    "Dame Ada Quist and harbour staff said the ferry would stop in winter.",
    "According to Dame Ada Quist and harbour staff, the ferry will stop in winter.",
])
def test_a_name_and_a_group_is_still_the_name_alone(nlp: Language, text: str) -> None:
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Ada Quist"]


def test_or_between_the_names_is_no_joint_speaker(nlp: Language) -> None:
    # "or" names one speaker or the other, not both: never "Ada Quist and Tomas Brell"
    for text in ("Dame Ada Quist or harbour director Tomas Brell said the ferry would stop in winter.",
                 "According to Dame Ada Quist or ferry captain Tomas Brell, the ferry will stop in winter."):
        found = extract_from_text(text, nlp=nlp)
        assert len(found) == 1
        assert " and " not in found[0].speaker
