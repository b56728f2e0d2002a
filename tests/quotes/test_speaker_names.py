"""Speaker names the parse splits oddly: nicknames in quotation marks, a title-only member, lists read as
appositions, and a quotation before a titled pair whatever comes before it in the article."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in found]


@pytest.mark.parametrize(("before", "phrase", "speaker", "role"), [
    ("", 'Marcia "Cia" Price', "Marcia Price", None),
    ("The council met in Holmvik on Monday. ", 'Marcia "Cia" Price', "Marcia Price", None),
    ("", 'Mayor Tomas "Tom" Berg', "Tomas Berg", "Mayor"),
    ("The harbour board met in Brekke on Tuesday. ", 'The board\'s chair, Lena "Lenny" Holm,', "Lena Holm",
     "board chair"),
])
def test_a_nickname_in_quotation_marks_is_left_out_of_the_name_and_kept_as_written(
        nlp: Language, before: str, phrase: str, speaker: str, role: str | None) -> None:
    text = f"{before}{phrase} said the new bridge at Holmvik would open in spring."
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found) == [(phrase.rstrip(","), speaker, role)]
    assert found[0].content == "the new bridge at Holmvik would open in spring"


def test_a_later_surname_finds_the_person_named_with_a_nickname(nlp: Language) -> None:
    text = ('Marcia "Cia" Price said the new bridge at Holmvik would open in spring. '
            "Price said the old ferry would keep running until then.")
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Marcia Price", "Marcia Price"]


@pytest.mark.parametrize(("phrase", "role"), [
    ("The mayor and Oskar Lind", None),
    ("The mayor and harbour director Oskar Lind", "harbour director"),
    ("Oskar Lind and the mayor", None),
])
def test_a_member_that_is_only_a_title_leaves_no_conjunction_in_the_role(
        nlp: Language, phrase: str, role: str | None) -> None:
    found = extract_from_text(f"{phrase} said the pier would be finished in May.", nlp=nlp)
    assert _speakers(found) == [(phrase, "Oskar Lind", role)]


def test_and_inside_a_title_stays_in_the_role(nlp: Language) -> None:
    found = extract_from_text("Minister for Trade and Industry Oskar Lind said the pier would be finished in May.",
                              nlp=nlp)
    assert [(a.speaker, a.role) for a in found] == [("Oskar Lind", "Minister for Trade and Industry")]


@pytest.mark.parametrize("names", [
    "Hanna Moe, Erik Sand and Pia Strand",  # "Sand" parsed as an apposition of "Moe", "Strand" its conjunct
    "Greta Solheim, Ivar Eik and Maja Rust",  # the same, with "Maja Rust" tagged an organisation
    "Tove Aune, Nils Dahl and Oskar Lind",  # parsed as conjuncts
])
def test_a_list_of_three_names_is_one_joint_speaker_however_it_parses(nlp: Language, names: str) -> None:
    found = extract_from_text(f"{names} said they would vote against the plan for the harbour.", nlp=nlp)
    assert _speakers(found) == [(names, names, None)]


_BEFORE = ["", "The harbour at Brekke closed on Monday after the storm.\n\n",
           "Talks at Nordvik broke down on Friday.\n", "The ferry company lost its appeal. ", "By Kari Lund\n\n"]
_QUOTATIONS = ['"We will not accept these terms,"', '"We will appeal the ruling,"',
               '"This is a sad day for Holmvik,"', '"We expect a decision next week,"']


@pytest.mark.parametrize("before", _BEFORE)
@pytest.mark.parametrize("quotation", _QUOTATIONS)
def test_a_quotation_before_a_titled_pair_is_theirs_whatever_comes_before_it(
        nlp: Language, before: str, quotation: str) -> None:
    # the parse of the pair differs with the text before it: the first name hung on the quotation, the closing
    # mark hung on the first name, or the sentence cut after "Deputy Attorney General"
    pair = "Attorney General Mira Holt and Deputy Attorney General Sara Vance"
    found = extract_from_text(f"{before}{quotation} {pair} said.", nlp=nlp)
    assert [(a.speaker_as_written, a.speaker, a.role, a.kind, a.content) for a in found] == [
        (pair, "Mira Holt and Sara Vance", "Attorney General, Deputy Attorney General", "direct", quotation)]
