"""The quote pipeline's repairs to spaCy's reading of names: "Sr." one token, a suffix ending a sentence, and two
subjects joined by "and" read as one joint speaker."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bot.nlp.parse_repairs import joined_subjects, suffix_subjects
from bot.nlp.quotes import extract_from_text

FORMS = [
    '"The pier will be finished in May," {who} said.',
    '"The pier will be finished in May," said {who}.',
    "{who} said the pier would be finished in May.",
    "{who} told reporters that the pier would be finished in May.",
    "According to {who}, the pier will be finished in May.",
]


def _speakers(text: str, nlp: Language) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)]


def test_sr_is_one_token(nlp: Language) -> None:
    # before: "Sr" and "." (spaCy's exceptions hold "Jr." only), and the speaker of "Henry Vale Sr. said" was "."
    doc = nlp("Henry Vale Sr. said the pier would be finished in May.")
    assert [t.text for t in doc[:4]] == ["Henry", "Vale", "Sr.", "said"]
    assert _speakers(doc.text, nlp) == [("Henry Vale Sr.", "Henry Vale Sr.", None)]


@pytest.mark.parametrize("form", FORMS)
def test_a_name_ending_in_sr_is_the_speaker(nlp: Language, form: str) -> None:
    text = form.format(who="Henry Vale Sr.").replace("..", ".")
    assert [s for _, s, _ in _speakers(text, nlp)] == ["Henry Vale Sr."]


@pytest.mark.parametrize(("text", "second"), [
    ('"The pier will be finished in May," said Ada Okafor Jr. Okafor said the ferry would keep running.', "Okafor"),
    ('"The pier will be finished in May," said Ada Okafor Jr. He said the ferry would keep running.', "He"),
    ('"The pier will be finished in May," said Henry Vale Sr. The ferry will keep running.', "The"),
])
def test_a_suffix_ends_the_sentence_before_a_new_one(nlp: Language, text: str, second: str) -> None:
    # before: one sentence, the parse read "Ada Okafor Jr. Okafor" as one name
    sents = list(nlp(text).sents)
    assert len(sents) == 2
    assert sents[0].text.endswith((" Jr.", " Sr."))
    assert sents[1][0].text == second


@pytest.mark.parametrize("text", [
    "Ada Okafor Jr. said the pier would be finished in May.",
    "The Ada Okafor Jr. Bridge will be finished in May, the mayor said.",
    "Henry Vale Sr. Park will close in May, the mayor said.",
])
def test_a_suffix_inside_a_sentence_does_not_end_it(nlp: Language, text: str) -> None:
    assert len(list(nlp(text).sents)) == 1


def test_two_people_with_the_suffix_ending_a_sentence_are_kept_apart(nlp: Language) -> None:
    text = ('"The pier will be finished in May," said Ada Okafor Jr. Okafor said the ferry would keep running. '
            '"Fares will not rise," said Henry Vale Sr. He said the cost had not grown.')
    assert [s for _, s, _ in _speakers(text, nlp)] == ["Ada Okafor Jr."] * 2 + ["Henry Vale Sr."] * 2


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("who", ["Miss Ada Quist and harbour director Tomas Brell",
                                 "Miss Ada Quist and ferry captain Tomas Brell"])
def test_an_honorific_then_a_role_is_one_joint_speaker(nlp: Language, form: str, who: str) -> None:
    # before: "harbour director Tomas Brell" (the parse made both names subjects of "said"), or "ferry captain
    # Tomas Brell" ("Quist" left unattached); the roles are not every member's, so the joint speaker has none.
    # "According to Miss Ada Quist and ferry captain Tomas Brell, the pier ..." was "Ada Quist" until step 28:
    # spaCy makes "Brell" the sentence's root and the clause its relative clause (`according_clauses`)
    assert _speakers(form.format(who=who), nlp) == [(who, "Ada Quist and Tomas Brell", None)]


@pytest.mark.parametrize(("who", "role"), [
    ("Mayor Ada Quist and harbour director Tomas Brell", "Mayor, harbour director"),
    ("Ada Quist and harbour director Tomas Brell", None),
])
def test_a_role_after_and_keeps_the_joint_speaker(nlp: Language, who: str, role: str | None) -> None:
    # the mayor form was "harbour director Tomas Brell" with these names too: the same parse as above
    text = f"{who} said the pier would be finished in May."
    assert _speakers(text, nlp) == [(who, "Ada Quist and Tomas Brell", role)]


def _parsed(nlp: Language, words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_joined_subjects_needs_and_right_before_the_second(nlp: Language) -> None:
    words = ["Quist", "and", "Brell", "said", "it"]
    joined = _parsed(nlp, words, [3, 0, 3, 3, 3], ["nsubj", "cc", "nsubj", "ROOT", "dobj"],
                     ["PROPN", "CCONJ", "PROPN", "VERB", "PRON"])
    assert [(t.dep_, t.head.i) for t in joined_subjects(joined)][:3] == [("nsubj", 3), ("cc", 0), ("conj", 0)]
    words = ["Quist", "or", "Brell", "said", "it"]
    either = _parsed(nlp, words, [3, 0, 3, 3, 3], ["nsubj", "cc", "nsubj", "ROOT", "dobj"],
                     ["PROPN", "CCONJ", "PROPN", "VERB", "PRON"])
    assert [(t.dep_, t.head.i) for t in joined_subjects(either)][:3] == [("nsubj", 3), ("cc", 0), ("nsubj", 3)]


def test_suffix_subjects_only_where_the_verb_has_no_subject(nlp: Language) -> None:
    words = ["said", "Henry", "Vale", "Sr."]
    alone = _parsed(nlp, words, [0, 3, 3, 0], ["ROOT", "compound", "compound", "punct"],
                    ["VERB", "PROPN", "PROPN", "PROPN"])
    assert suffix_subjects(alone)[3].dep_ == "nsubj"
    words = ["He", "said", "Henry", "Vale", "Sr."]
    taken = _parsed(nlp, words, [1, 1, 4, 4, 1], ["nsubj", "ROOT", "compound", "compound", "punct"],
                    ["PRON", "VERB", "PROPN", "PROPN", "PROPN"])
    assert suffix_subjects(taken)[4].dep_ == "punct"
