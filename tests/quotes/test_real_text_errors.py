"""Attribution errors an audit of who-said-what over real BBC and CNN/DailyMail text found, each shown here with
an invented sentence of the same shape: the person talked about as the speaker, an outlet cut to its last word,
an honorific or an age as a role, "Speaking on ..." as a statement, a passive as speech, a pronoun as content,
two quotations with the attribution phrase between them as one content, and "the <place> side" as a speaker."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text
from bot.nlp.speaker_outlets import outlet_of

# Written for these tests: invented people, places, clubs and outlets.


def _found(text: str, nlp: Language) -> tuple[Attribution, ...]:
    return extract_from_text(text, nlp=nlp)


def test_pronoun_before_reported_words_is_not_the_person_they_name(nlp: Language) -> None:
    text = ("Mr Tomas Hale said taxes would rise. \"We have no choice,\" he said. The finance minister is touring "
            "Asia. Before leaving, he insisted he still trusted Mr Hale, despite rumours of a rift.")
    found = _found(text, nlp)
    insisted = [a for a in found if a.cue == "insisted"]
    assert len(insisted) == 1
    assert insisted[0].speaker != "Tomas Hale"
    assert [a.speaker for a in found if a.cue == "said"] == ["Tomas Hale", "Tomas Hale"]


def test_pronoun_after_reported_words_may_still_be_the_person_they_name(nlp: Language) -> None:
    text = "Mr Tomas Hale said talks were going well. Hale will not resign, he said."
    found = _found(text, nlp)
    assert [a.speaker for a in found] == ["Tomas Hale", "Tomas Hale"]


@pytest.mark.parametrize(("told", "outlet"), [
    ("told Lisport News", "Lisport News"),
    ("told Valdor Press", "Valdor Press"),
    ("told Radio Brell Online", "Radio Brell Online"),
])
def test_outlet_a_statement_was_made_to_is_named_in_full(told: str, outlet: str, nlp: Language) -> None:
    found = _found(f'"The harbour will reopen in May," Mayor Ines Vartan {told}.', nlp)
    assert len(found) == 1
    assert found[0].speaker == "Ines Vartan"
    assert found[0].role is not None and found[0].role.endswith(f"via {outlet}"), found[0].role


def test_honorific_before_a_name_is_not_part_of_the_role(nlp: Language) -> None:
    found = _found("Lions coach Sir Ian Pell said the squad was ready for the tour.", nlp)
    assert [(a.speaker, a.role) for a in found] == [("Ian Pell", "Lions coach")]


def test_age_in_apposition_is_not_a_role(nlp: Language) -> None:
    found = _found("Dr Oskar Lind, 79, said he would retire from the bank in the spring.", nlp)
    assert len(found) == 1
    assert found[0].speaker == "Oskar Lind"
    assert found[0].role is None


@pytest.mark.parametrize("opener", ["Speaking on Radio Lisport", "Talking to reporters in Brellton"])
def test_speaking_on_an_outlet_is_where_not_what(opener: str, nlp: Language) -> None:
    found = _found(f"{opener}, Ana Brell said prices would rise.", nlp)
    assert [(a.speaker, a.cue, a.content) for a in found] == [("Ana Brell", "said", "prices would rise")]


@pytest.mark.parametrize("text", [
    "Exports fell in May and Governor Ana Brell - appointed in 2002 - was strongly criticised for raising rates.",
    "The quiz show first aired in June, and was criticised in the press for its cruelty.",
])
def test_a_passive_is_not_speech(text: str, nlp: Language) -> None:
    assert _found(text, nlp) == ()


def test_it_was_announced_still_reports(nlp: Language) -> None:
    found = _found("It was announced that talks would resume.", nlp)
    assert [a.content for a in found] == ["that talks would resume"]


def test_a_pronoun_alone_is_no_content(nlp: Language) -> None:
    text = "Ana Brell insists there is no chance of history repeating itself when Lisport meet Valdor on Sunday."
    found = _found(text, nlp)
    assert [a.speaker for a in found] == ["Ana Brell"]
    assert all(a.content != "itself" for a in found)


def test_two_quotations_around_the_phrase_are_two_contents(nlp: Language) -> None:
    first = '"They are much stronger now, even though many players are young,"'
    second = '"We made mistakes last time - many of them were our own."'
    text = f"Coach Ana Brell was upbeat. {first} Brell said. {second}"
    found = _found(text, nlp)
    assert [(a.speaker, a.kind, a.content) for a in found] == [
        ("Ana Brell", "direct", first), ("Ana Brell", "direct", second)]
    for a in found:
        assert text[a.start:a.end] == a.content


@pytest.mark.parametrize(("text", "team"), [
    ("Ruben Osk wants to train with Romanian side Sporting Brasov whilst serving his ban, say the Brasov side.",
     "Sporting Brasov"),
    # the tagger reads "Brasov" in "the Brasov side" as an adjective here
    ("Ruben Osk can resume playing next May. Ruben Osk wants to train with Romanian side Dinamo Brasov whilst "
     "serving his ban, say the Brasov side.", "Dinamo Brasov"),
])
def test_place_side_is_the_team_named_earlier(text: str, team: str, nlp: Language) -> None:
    found = _found(text, nlp)
    assert [(a.speaker, a.speaker_as_written) for a in found][-1:] == [(team, "the Brasov side")]


def test_a_lord_before_a_name_is_not_part_of_the_role(nlp: Language) -> None:
    found = _found("Former civil service chief Lord Dale said the plan was wrong.", nlp)
    assert [a.role for a in found] == ["former civil service chief"]  # as mid-sentence (PolNeAR step 85)


def test_unresolved_pronoun_is_no_one_to_refer_back_to(nlp: Language) -> None:
    text = ("Mr Tomas Hale said taxes would rise. The finance minister is touring Asia. He insisted he still trusted "
            "Mr Hale. \"We are friends,\" he said.")
    found = _found(text, nlp)
    assert [a.speaker for a in found][:2] == ["Tomas Hale", "He"]
    assert found[2].speaker != "He"  # the unresolved "He" is no antecedent of a later pronoun


def test_name_in_the_possessive_leaves_the_pronoun_resolved(nlp: Language) -> None:
    text = "Mr Tomas Hale said taxes would rise. He noted that there was an issue with Hale's microphone."
    assert [a.speaker for a in _found(text, nlp)] == ["Tomas Hale", "Tomas Hale"]


def test_who_s_called_for_is_still_speech(nlp: Language) -> None:
    found = _found("It is a big issue, with Ana Brell \u2014 who\u2019s called for big rises in the port tax \u2014 "
                   "attacking the plan.", nlp)
    assert [a.speaker for a in found] == ["Ana Brell"]


def test_one_of_in_apposition_is_still_a_role(nlp: Language) -> None:
    found = _found('"The quay is ready," said Oskar Lind, one of the harbour pilots.', nlp)
    assert [(a.speaker, a.role) for a in found] == [("Oskar Lind", "of the harbour pilots")]


def test_outlet_name_does_not_run_on_into_an_honorific(nlp: Language) -> None:
    # the parse of a real sentence ("told the Sunday Times Mr Hale would ..."): the outlet entity takes in "Mr"
    words = ["A", "source", "told", "the", "Times", "Mr", "Hale", "would", "go", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 4, 2, 6, 8, 8, 2, 2],
              deps=["det", "nsubj", "ROOT", "det", "dobj", "compound", "nsubj", "aux", "ccomp", "punct"],
              ents=["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O"])
    doc[2].lemma_ = "tell"  # a hand-made doc has no lemmas; the outlet is read after "tell" only
    assert outlet_of(doc[2]) == "Times"
