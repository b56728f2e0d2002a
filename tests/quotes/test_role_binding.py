""""The chancellor said" names the person the article gave that role, not whoever was named last with another one."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in found]


def test_role_noun_is_not_bound_to_a_person_of_another_office(nlp: Language) -> None:
    text = ("Prime Minister Ola Berg opened the new bridge on Monday. "
            '"This is a proud day for the region," Berg said. '
            '"The money for it is there," the chancellor said.')
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found)[0] == ("Ola Berg", "Prime Minister")
    assert found[1].speaker != "Ola Berg"


def test_role_noun_is_bound_to_the_person_named_with_that_role(nlp: Language) -> None:
    text = ("Chancellor Eva Lund and Prime Minister Ola Berg opened the new bridge on Monday. "
            '"This is a proud day for the region," Berg said. '
            '"The money for it is there," the chancellor said.')
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found)[-2:] == [("Ola Berg", "Prime Minister"), ("Eva Lund", "Chancellor")]


def test_role_noun_is_bound_to_the_last_person_named_with_it(nlp: Language) -> None:
    text = ('"We will cut the tax," said Eva Lund, the chancellor. '
            '"The money for it is there," the chancellor added.')
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Eva Lund", "chancellor")] * 2


def test_other_words_of_the_role_must_fit_too(nlp: Language) -> None:
    text = ("Prime Minister Ola Berg opened the new bridge on Monday. "
            '"This is a proud day for the region," Berg said. '
            '"The money for it is there," the finance minister said.')
    assert extract_from_text(text, nlp=nlp)[1].speaker != "Ola Berg"


def test_abbreviated_title_is_the_role_it_stands_for(nlp: Language) -> None:
    text = ("Sen. Ana Ode opened the hearing on Monday. "
            '"We will not vote for this bill," Ode said. '
            '"It is a gift to the banks," the senator added.')
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Ana Ode"] * 2


def test_possessive_role_owner_is_not_the_speaker(nlp: Language) -> None:
    text = ('"Every claim in the report is true," said Tom Ardell, the author of the report. '
            '"We stand by every word," the author\'s sources said.')
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found)[0] == ("Tom Ardell", "author of the report")
    assert found[1].speaker != "Tom Ardell"


def test_named_possessive_owner_is_not_the_speaker(nlp: Language) -> None:
    text = ('"Every claim in the report is true," said Tom Ardell, the author of the report. '
            '"We stand by every word," Ardell\'s sources said.')
    found = extract_from_text(text, nlp=nlp)
    assert found[1].speaker_as_written == "Ardell's sources"
    assert found[1].speaker != "Tom Ardell"


def test_person_named_with_a_title_outside_any_quote_fits_that_title(nlp: Language) -> None:
    # "Mr. Quist said" states no role; the text calls him "President Quist" in a sentence that quotes no one
    text = ("President Quist opened the new museum on Monday after ten years of work. "
            '"This building belongs to all of us," Mr. Quist said. '
            '"Come and see it," the president said.')
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Quist"] * 2


def test_person_named_without_a_role_is_not_the_chancellor(nlp: Language) -> None:
    text = ('"This is a proud day for the region," Ola Berg said. '
            '"The money for it is there," the chancellor said.')
    assert extract_from_text(text, nlp=nlp)[1].speaker != "Ola Berg"


def test_vice_president_is_not_the_president(nlp: Language) -> None:
    text = ('"We will sign the treaty," said Ada Quist, the vice president. '
            '"Nothing has been agreed," the president said.')
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found)[0] == ("Ada Quist", "vice president")
    assert found[1].speaker != "Ada Quist"


def test_office_is_not_bound_to_an_unnamed_person_of_another_role(nlp: Language) -> None:
    text = ('"The talks went well," an embassy spokesperson said. '
            '"Nothing has been agreed," the chancellor said.')
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == [
        "unnamed embassy spokesperson", "unnamed chancellor"]


def test_singular_role_is_not_one_of_a_group(nlp: Language) -> None:
    text = ('Harbour officials said the pier would close. "The ferry will keep running," an embassy spokesperson '
            'said. "Nothing has been agreed," the official said.')
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)][-1] == "unnamed embassy spokesperson"


def test_role_with_a_rank_fits_another_word_for_it(nlp: Language) -> None:
    text = ('"The evidence is clear," said Nadia Pell, an assistant district attorney. '
            '"We will appeal," the prosecutor said.')
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Nadia Pell"] * 2


def test_common_owner_says_whose_not_which_role(nlp: Language) -> None:
    text = ('"The law is clear," said Ravi Shah, the chief prosecutor. '
            '"We will appeal," the country\'s most senior prosecutor said.')
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Ravi Shah"] * 2


def test_named_company_spokesperson_is_not_another_bodys(nlp: Language) -> None:
    text = ('"The rules are fair," a spokesman for the regulator said. '
            '"We will challenge them," the Bramco spokeswoman said.')
    assert extract_from_text(text, nlp=nlp)[1].speaker != "unnamed spokesman for the regulator"
