"""Step 43 (names): a named person's possessive, surnames shared by several people, merged descriptions, and a
name cut short before a hyphenated role."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in found]


def test_aides_of_a_named_person_are_not_that_person(nlp: Language) -> None:
    text = 'Lena Berg has led the council since 2019. "It is a mistake," Berg\'s aides said on Monday.'
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found) == [("unnamed aides", "Berg's aides")]


def test_lawyer_of_a_named_person_is_not_that_person(nlp: Language) -> None:
    text = 'Tomas Vik was charged in May. "He will fight this," Vik\'s lawyer told reporters.'
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found) == [("unnamed lawyer", "Vik's lawyer")]


def test_sex_title_picks_the_matching_full_name(nlp: Language) -> None:
    text = ("The first lady, Nora Quist, and her husband, Pavel Quist, visited the school on Tuesday. "
            '"We are proud of these pupils," Mr. Quist said. '
            '"They worked hard," Mrs. Quist said.')
    found = extract_from_text(text, nlp=nlp)
    assert [a.speaker for a in found] == ["Pavel Quist", "Nora Quist"]


def test_sex_title_takes_no_full_name_of_the_other_sex(nlp: Language) -> None:
    text = ("The mayor met the first lady, Nora Quist, on Friday. "
            '"We will build more homes," Mr. Quist said.')
    found = extract_from_text(text, nlp=nlp)
    assert [a.speaker for a in found] == ["Quist"]


def test_role_title_prefers_the_person_holding_that_role(nlp: Language) -> None:
    text = ("The first lady, Nora Quist, and President Pavel Quist visited the school on Tuesday. "
            '"We are proud of these pupils," President Quist said.')
    found = extract_from_text(text, nlp=nlp)
    assert [a.speaker for a in found] == ["Pavel Quist"]


def test_description_keeps_only_its_own_words(nlp: Language) -> None:
    text = ("The race between Republican Ola Berg and Democrat Ines Vartan goes on.\n\n"
            "The state tax office says no one released the filings of Republican presidential nominee Ola Berg.\n\n"
            "Giving a speech in Toledo, Vartan says the singer is a good friend. "
            "The Democratic presidential nominee says they both share a belief in schools.")
    found = extract_from_text(text, nlp=nlp)
    nominee = [a for a in found if a.speaker_as_written == "The Democratic presidential nominee"]
    assert nominee and all("Republican" not in a.speaker for a in nominee)


def test_given_name_before_an_appositive_with_a_hyphenated_role(nlp: Language) -> None:
    text = "Ana Roy, a father-of-three from Leeds, said the road was dangerous for children."
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found) == [("Ana Roy", "father-of-three from Leeds")]


def test_team_of_a_named_person_speaks_as_the_team(nlp: Language) -> None:
    text = 'Lena Berg is running for mayor. "We are ahead," Berg\'s team said on Monday.'
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found) == [("Berg's team", None)]


def test_sex_title_keeps_the_full_name_written_again_shorter(nlp: Language) -> None:
    for full, short in (("Daniel Holtz-Baker", "Holtz-Baker"), ("Peter Van Loon", "Van Loon")):
        text = (f"{full}, an economist, runs a small think tank. Mr. {short} has written two books. "
                f'"Prices will fall," Mr. {short} said.')
        found = extract_from_text(text, nlp=nlp)
        assert [a.speaker for a in found] == [full]

