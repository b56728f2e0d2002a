"""Two people joined by "and" where spaCy misreads the phrase: a role tagged as a verb ("Ms Ada Quist and engineer
Tomas Brell") and "According to A and role B, ..." with the clause hung on a name: one joint speaker."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

FORMS = [
    '"The pier will reopen in May," {who} said.',
    '"The pier will reopen in May," said {who}.',
    "{who} said the pier would reopen in May.",
    "{who} told reporters that the pier would reopen in May.",
    "According to {who}, the pier will reopen in May.",
    "The pier will reopen in May, according to {who}.",
    "The pier will reopen in May, said {who}.",
]


def _speakers(text: str, nlp: Language) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("who", ["Ms Ada Quist and engineer Tomas Brell", "Ada Quist and engineer Tomas Brell",
                                 "Ms Ines Varga and engineer Tomas Brell", "Ms Ada Quist and pilot Tomas Brell"])
def test_a_role_tagged_as_a_verb_is_the_second_members_role(nlp: Language, form: str, who: str) -> None:
    # before: "Ada Quist" alone ("engineer" a verb with "Brell" its object), "unnamed source" or "Tomas Brell" with
    # the role "Ms Ada Quist and pilot"; an honorific is no role and only one member has one, so the pair has none
    first, second = (" ".join(part.split()[-2:]) for part in who.split(" and "))
    assert _speakers(form.format(who=who), nlp) == [(who, f"{first} and {second}", None)]


@pytest.mark.parametrize("form", FORMS)
def test_a_role_tagged_as_a_verb_after_a_titled_name(nlp: Language, form: str) -> None:
    # before: "Ada Quist", role "Mayor", or "unnamed source"
    who = "Mayor Ada Quist and engineer Tomas Brell"
    assert _speakers(form.format(who=who), nlp) == [(who, "Ada Quist and Tomas Brell", "Mayor, engineer")]


@pytest.mark.parametrize("who", ["Ms Ada Quist and engineer Tomas Brell", "Ms Ada Quist and pilot Tomas Brell"])
def test_the_member_keeps_the_role_tagged_as_a_verb(nlp: Language, who: str) -> None:
    role = who.split(" and ")[1].split()[0]
    text = (f"{who} said the pier would reopen in May. Brell said the fares would not rise. "
            "Quist said the ferry would keep running.")
    assert _speakers(text, nlp)[1:] == [("Brell", "Tomas Brell", role), ("Quist", "Ada Quist", None)]


@pytest.mark.parametrize(("text", "speakers"), [
    # "ask" is a cue, but inside the mayor's reported clause: her words (QUALITY step 53), and no one joins Quist
    ("The mayor said she would call Ada Quist and ask Tomas Brell whether he could help.", ["unnamed mayor"]),
    ("The mayor said she would meet Ada Quist and thank Tomas Brell.", ["unnamed mayor"]),
    ("Tomas Brell said the council would hire Ada Quist and train Oskar Lind.", ["Tomas Brell"]),
])
def test_a_real_verb_after_and_joins_no_one(nlp: Language, text: str, speakers: list[str]) -> None:
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == speakers


@pytest.mark.parametrize("who", ["Miss Ada Quist and ferry captain Tomas Brell",
                                 "Dame Ada Quist and harbour director Tomas Brell",
                                 "Ms Ada Quist and engineer Tomas Brell"])
@pytest.mark.parametrize("content", ["the pier will be finished in May", "the pier will reopen in May",
                                     "the ferry will stop in winter", "fares will rise in spring"])
def test_according_to_a_pair_with_the_clause_hung_on_a_name(nlp: Language, who: str, content: str) -> None:
    # before, with "the pier will be finished in May": "Ada Quist" ("Brell" the sentence's root, the clause its
    # relative clause) or no attribution ("According" the root, the clause hung on "Brell")
    text = f"According to {who}, {content}."
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker_as_written, a.speaker, a.role) for a in found] == [(who, "Ada Quist and Tomas Brell", None)]
    assert [text[a.start:a.end] for a in found] == [content]


def test_according_to_a_pair_keeps_each_members_role(nlp: Language) -> None:
    text = ("According to Miss Ada Quist and ferry captain Tomas Brell, the pier will be finished in May. "
            "Brell said the fares would not rise.")
    assert _speakers(text, nlp)[1:] == [("Brell", "Tomas Brell", "ferry captain")]


@pytest.mark.parametrize("text", [
    "According to the harbour office, the pier will be finished in May.",
    "According to Ada Quist, the pier will be finished in May.",
    "According to Mayor Ada Quist and harbour director Tomas Brell, the pier will be finished in May.",
])
def test_according_to_parsed_well_is_unchanged(nlp: Language, text: str) -> None:
    found = extract_from_text(text, nlp=nlp)
    assert [text[a.start:a.end] for a in found] == ["the pier will be finished in May"]
