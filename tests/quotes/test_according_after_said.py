""""He said X, according to the office": one attribution, the speaker's, via the office; not a second one with the
office as speaker and "He said X" as its words."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.quotes import extract_from_text

# Written for these tests: invented sentences about invented people, villages and offices.


def test_an_unresolved_pronoun_said_it_via_the_office(nlp: Language) -> None:
    text = "He said schools in four villages would stay shut on Thursday, according to the county office."
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.cue, a.role) for a in found] == [("He", "said", "via county office")]
    assert found[0].content == "schools in four villages would stay shut on Thursday"


def test_a_resolved_pronoun_said_it_via_the_office(nlp: Language) -> None:
    text = ("Greta Holm said the harbour was full. She said the Ostvik ferries would stay in port on Friday, "
            "according to the harbour office.")
    found = extract_from_text(text, nlp=nlp)[1:]
    assert [(a.speaker, a.cue, a.role) for a in found] == [("Greta Holm", "said", "via harbour office")]
    assert found[0].content == "the Ostvik ferries would stay in port on Friday"


def test_a_named_speaker_said_it_via_the_paper(nlp: Language) -> None:
    text = "Tor Lind said the Ostvik bridge would reopen in March, according to the Valmont Post."
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.cue) for a in found] == [("Tor Lind", "said")]
    assert found[0].role is not None and found[0].role.endswith("via Valmont Post")
    assert found[0].content == "the Ostvik bridge would reopen in March"


def test_according_to_before_a_plain_statement_keeps_its_source(nlp: Language) -> None:
    text = "The Ostvik ferries will stay in port on Friday, according to the harbour office."
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.cue) for a in found] == [("harbour office", "according to")]


def test_according_to_after_a_later_clause_is_not_moved(nlp: Language) -> None:
    text = ("Tor Lind said the bridge was safe, and the Ostvik ferries will stay in port on Friday, according to "
            "the harbour office.")
    found = extract_from_text(text, nlp=nlp)
    assert ("Tor Lind", "said") in [(a.speaker, a.cue) for a in found]
