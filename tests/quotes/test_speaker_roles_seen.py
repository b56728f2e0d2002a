"""Speaker and role errors a reader audit saw: a title's place taken into the name, spaced hyphens, a time word."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in found]


def test_place_after_for_in_a_title_is_the_roles_not_the_name(nlp: Language) -> None:
    # the parser hangs "for Valdoria Daniel Marsh" on "Envoy" and NER tags "Valdoria Daniel Marsh" as one name
    text = ("U.S. Special Envoy for Valdoria Daniel Marsh resigned Thursday, saying that he did not want to be "
            "tied to the new policy. Marsh had held the post for a year.")
    found = extract_from_text(text, nlp=nlp)
    assert _speakers(found) == [("Daniel Marsh", "U.S. Special Envoy for Valdoria")]


def test_place_after_to_in_a_title_is_the_roles_not_the_name(nlp: Language) -> None:
    text = "Special Envoy to Haiti Hanna Lind resigned on Friday, saying that the talks had failed."
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Hanna Lind", "Special Envoy to Haiti")]


def test_place_of_two_words_before_a_tagged_person_is_the_roles(nlp: Language) -> None:
    text = 'Secretary of Homeland Security Ada Moss said: "We are ready for the storm."'
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Ada Moss", "Secretary of Homeland Security")]


def test_body_with_the_after_a_title_is_the_roles(nlp: Language) -> None:
    text = 'Ambassador to the United Nations Ana Ruiz said: "She is ready."'
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Ana Ruiz", "Ambassador to the United Nations")]


def test_hyphenated_name_reads_as_written(nlp: Language) -> None:
    text = '"We will rebuild the harbour," said Jean-Pierre Moulin, the mayor.'
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Jean-Pierre Moulin", "mayor")]


def test_title_with_a_place_that_already_worked_still_works(nlp: Language) -> None:
    text = ('UN Special Envoy for Kosovo Hanna Lind resigned on Friday, saying that the talks had failed. '
            '"We tried everything," Hanna Lind said.')
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Hanna Lind", "UN Special Envoy for Kosovo")] * 2


def test_hyphenated_role_reads_as_written(nlp: Language) -> None:
    text = "Oskar Lind, a father-of-three from Ridgeby, said: 'The trains are always late.'"
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Oskar Lind", "father-of-three from Ridgeby")]


def test_hyphenated_place_in_a_role_reads_as_written(nlp: Language) -> None:
    text = ('"We had the fire under control within an hour," said Tove Aune, assistant chief of operations at '
            'Lake-Harbor Fire Rescue.')
    assert _speakers(extract_from_text(text, nlp=nlp)) == [
        ("Tove Aune", "assistant chief of operations at Lake-Harbor Fire Rescue")]


def test_spaced_dash_in_the_text_stays_spaced(nlp: Language) -> None:
    # the text writes the dash with spaces: the role keeps them
    text = ('"The roof gave way at noon," said Tove Aune, head of safety - east region - at Lakeside Rail.')
    assert _speakers(extract_from_text(text, nlp=nlp)) == [
        ("Tove Aune", "head of safety - east region - at Lakeside Rail")]


def test_time_word_before_a_role_is_not_part_of_it(nlp: Language) -> None:
    text = "Yesterday Rovers fan Mr Holm, who was on his way home, said: 'It was the worst trip of my life.'"
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Holm", "Rovers fan")]
