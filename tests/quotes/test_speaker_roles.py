"""Speaker and role kept apart: a role before a name, and a title on one mention of a person."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in found]


def test_lowercase_role_before_the_name_is_the_role_not_the_speaker(nlp: Language) -> None:
    # spaCy tags "harbour master" as a person of its own here; the name the phrase ends with is the speaker
    text = ("Ferry traffic across the sound will pause for two weeks while the pier is rebuilt. "
            '"We expect the first boats back by the end of May," said harbour master Oskar Lind.')
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found) == [("Oskar Lind", "harbour master")]
    assert found[0].speaker_as_written == "harbour master Oskar Lind"


def test_role_before_the_name_that_already_worked_still_works(nlp: Language) -> None:
    text = '"The buses will carry the extra passengers," said transport chief Ola Brandt.'
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Ola Brandt", "transport chief")]


def test_title_and_bare_name_are_one_speaker(nlp: Language) -> None:
    text = ("Mayor Ines Vartan told reporters on Tuesday that the new library would open in spring.\n\n"
            "Opposition councillors questioned the cost of the building. "
            '"The budget has not grown by a single krone," Ines Vartan said.')
    vartan = [a for a in extract_from_text(text, nlp=nlp) if "Vartan" in a.speaker_as_written]
    assert [a.speaker_as_written for a in vartan] == ["Mayor Ines Vartan", "Ines Vartan"]
    assert {(a.speaker, a.role) for a in vartan} == {("Ines Vartan", "Mayor")}


def test_surname_and_title_with_surname_resolve_to_the_titled_full_name(nlp: Language) -> None:
    text = ("Mayor Ines Vartan told reporters on Tuesday that the new library would open in spring.\n\n"
            '"Not one extra krone will be spent," Vartan said.\n\n'
            'Later, "We will publish every invoice," Mayor Vartan added.')
    found = extract_from_text(text, nlp=nlp)
    assert [a.speaker_as_written for a in found] == ["Mayor Ines Vartan", "Vartan", "Mayor Vartan"]
    assert {(a.speaker, a.role) for a in found} == {("Ines Vartan", "Mayor")}

