"""A speaker's role reads as the article wrote it: no space before a comma, a possessive or inside quotation marks."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text
from bot.nlp.role_text import as_written


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in found]


def test_comma_in_an_appositive_role_has_no_space_before_it(nlp: Language) -> None:
    text = ("Dana Wirth, director of the Harbour Policy Forum, a conservative think tank, said the tax would fail. "
            '"It is a mistake," said Dana Wirth.')
    assert _speakers(extract_from_text(text, nlp=nlp)) == [
        ("Dana Wirth", "director of the Harbour Policy Forum, a conservative think tank")] * 2


def test_possessive_in_a_role_is_joined_to_its_word(nlp: Language) -> None:
    text = '"We will fight this in every court," said Ana Roy, a super PAC\'s spokesman.'
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Ana Roy", "super PAC's spokesman")]


def test_curly_possessive_in_a_role_is_joined_to_its_word(nlp: Language) -> None:
    text = "“We will fight this in every court,” said Ana Roy, the union’s chief negotiator."
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Ana Roy", "union’s chief negotiator")]


def test_quotation_marks_in_a_role_hug_their_words(nlp: Language) -> None:
    text = 'Ana Roy, the self-styled "quiet rebel" of the party, said: "The vote was not fair."'
    found = extract_from_text(text, nlp=nlp)
    assert [a.role for a in found] == ['self-styled "quiet rebel" of the party']


def test_spaced_dash_stays_spaced_and_hyphen_stays_joined(nlp: Language) -> None:
    text = '"The roof gave way at noon," said Tove Aune, a father-of-two and head of safety - east region.'
    assert [a.role for a in extract_from_text(text, nlp=nlp)] == [
        "father-of-two and head of safety - east region"]


def test_role_written_over_a_line_break_reads_on_one_line(nlp: Language) -> None:
    doc = nlp("Tove Aune, head of\nsafety, at the port.")
    assert as_written("head of safety ,", doc) == "head of safety,"


def test_role_not_in_the_text_keeps_the_spaces_it_has_and_loses_those_the_text_never_writes(nlp: Language) -> None:
    doc = nlp("Ana Roy, a super PAC's spokesman, said so.")
    # ", via Reuters" was added to the role: the words the text writes unspaced are joined all the same
    assert as_written("super PAC 's spokesman , via Reuters", doc) == "super PAC's spokesman, via Reuters"


def test_two_words_are_not_joined_where_the_text_writes_them_together_elsewhere(nlp: Language) -> None:
    doc = nlp("Profits at Harbourline rose. The owner, Harbour Line, said so. Harbour Line said more.")
    assert as_written("Harbour Line", doc) == "Harbour Line"
    doc = nlp("Profits at HarbourLine rose. Ana Roy, chief of Harbour Line, said so.")
    assert as_written("chief of Harbour Line ,", doc) == "chief of Harbour Line,"
