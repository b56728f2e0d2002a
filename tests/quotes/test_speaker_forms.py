"""Speaker names in forms the title and joint rules got wrong: honorifics in joint speakers, a name ending a list of
roles, royal and noble titles that are part of the name, and suffixes (Jr., III) after the surname."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.models import Attribution
from bot.nlp.joint_speakers import joint_role
from bot.nlp.quote_cues import HONORIFICS
from bot.nlp.quotes import extract_from_text

FORMS = [
    '"The pier will be finished in May," {who} said.',
    '"The pier will be finished in May," said {who}.',
    "{who} said the pier would be finished in May.",
    "{who} told reporters that the pier would be finished in May.",
    "According to {who}, the pier will be finished in May.",
]


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in found]


@pytest.mark.parametrize("honorific", sorted(HONORIFICS))
def test_every_honorific_is_no_role_of_a_joint_speaker(honorific: str) -> None:
    # joint_role used its own shorter list: "Sir, Dame" and "Miss, Mayor" were roles
    assert joint_role([honorific.capitalize(), "Dame"]) is None
    assert joint_role([honorific.capitalize(), "Mayor"]) is None
    assert joint_role(["Mayor", honorific.upper()]) is None


def test_a_titled_joint_speaker_keeps_its_real_roles() -> None:
    assert joint_role(["Mayor", "harbour director"]) == "Mayor, harbour director"
    assert joint_role(["Senators", None]) == "Senators"


@pytest.mark.parametrize("form", FORMS[:4])
def test_sir_and_dame_are_no_roles_of_a_joint_speaker(nlp: Language, form: str) -> None:
    found = extract_from_text(form.format(who="Sir Tomas Brell and Dame Ada Quist"), nlp=nlp)
    assert _speakers(found) == [("Tomas Brell and Ada Quist", None)]


@pytest.mark.parametrize(("phrase", "role"), [
    ("The mayor, the harbour director and Oskar Lind", None),
    ("The mayor, the harbour director and engineer Oskar Lind", "engineer"),
    ("The mayor, two councillors and Oskar Lind", None),
])
def test_a_name_ending_a_list_of_roles_is_the_speaker(nlp: Language, phrase: str, role: str | None) -> None:
    # before: "unnamed mayor"; the roles before the name are other people, as in "The mayor and Oskar Lind"
    found = extract_from_text(f"{phrase} said the pier would be finished in May.", nlp=nlp)
    assert [(a.speaker_as_written, a.speaker, a.role) for a in found] == [(phrase, "Oskar Lind", role)]


def test_a_name_ending_a_list_of_roles_is_the_person_a_pronoun_finds(nlp: Language) -> None:
    text = ("The mayor, the harbour director and Oskar Lind said the pier would be finished in May. "
            "He added that the ferry would keep running.")
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Oskar Lind", "Oskar Lind"]


@pytest.mark.parametrize("phrase", ["The mayor, the harbour director and the engineers", "The mayor, Oskar Lind,"])
def test_lists_without_a_final_name_are_left_as_they_were(nlp: Language, phrase: str) -> None:
    found = extract_from_text(f"{phrase} said the pier would be finished in May.", nlp=nlp)
    expected = {"The mayor, the harbour director and the engineers": ("unnamed mayor", None),
                "The mayor, Oskar Lind,": ("Oskar Lind", "mayor")}
    assert _speakers(found) == [expected[phrase]]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ["Prince William", "Princess Astrid", "King Harald", "Queen Margarethe",
                                  "Pope Leo", "King Charles III", "Pope Leo XIV", "Empress Ilsa"])
def test_a_royal_title_before_a_given_name_is_part_of_the_name(nlp: Language, form: str, name: str) -> None:
    # before: "William", role "Prince" (or "Charles III", role "King")
    assert _speakers(extract_from_text(form.format(who=name), nlp=nlp)) == [(name, None)]


@pytest.mark.parametrize(("first", "later"), [
    ("Prince William", "William"), ("King Charles III", "Charles"), ("Princess Astrid", "the princess"),
    ("The Duke of Rosmark", "The duke"), ("The Duchess of Velm", "The duchess"),
])
def test_a_later_mention_finds_the_royal_name(nlp: Language, first: str, later: str) -> None:
    text = f"{first} said the pier would be finished in May. {later} said the ferry would keep running."
    name = first.removeprefix("The ")
    assert _speakers(extract_from_text(text, nlp=nlp)) == [(name, None), (name, None)]


@pytest.mark.parametrize(("phrase", "speaker", "role"), [
    ("President Vance", "Vance", "President"),
    ("Mayor Ines Vartan", "Ines Vartan", "Mayor"),
    ("Prince Tomas Brell", "Tomas Brell", "Prince"),  # a full name after the title: the title is the role
])
def test_other_titles_stay_roles(nlp: Language, phrase: str, speaker: str, role: str) -> None:
    found = extract_from_text(f"{phrase} said the pier would be finished in May.", nlp=nlp)
    assert _speakers(found) == [(speaker, role)]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("name", "surname"), [
    ("Martin Luther Okafor Jr.", "Okafor"), ("Henry Vale III", "Vale"), ("Tobias Wren Jr.", "Wren"),
    ("Henry Vale Sr.", "Vale"),
])
def test_a_suffix_stays_with_the_name_and_the_surname_finds_it(
        nlp: Language, form: str, name: str, surname: str) -> None:
    # "said Tobias Wren Jr. Wren said": the suffix's full stop ends the sentence (step 26; before, the parse read
    # "Tobias Wren Jr. Wren" as one name); "Henry Vale Sr. said": the speaker was "." (spaCy split "Sr.")
    text = form.format(who=name).replace("..", ".") + f" {surname} said the ferry would keep running."
    assert _speakers(extract_from_text(text, nlp=nlp)) == [(name, None), (name, None)]


def test_two_people_with_suffixes_are_told_apart_by_surname(nlp: Language) -> None:
    text = ("Tobias Wren Jr. said the pier would be finished in May. "
            "Bram Castell Jr. said the ferry would keep running. "
            "Castell said the fares would not rise. Wren said the cost had not grown.")
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == [
        "Tobias Wren Jr.", "Bram Castell Jr.", "Bram Castell Jr.", "Tobias Wren Jr."]


def test_a_name_ending_in_a_suffix_is_a_person_whatever_ner_tagged_it(nlp: Language) -> None:
    # NER tags "Walt Pemberly Jr." an organisation: before, a later "he" found no one
    text = "Walt Pemberly Jr. said the pier would be finished in May. He added that the ferry would keep running."
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == ["Walt Pemberly Jr."] * 2


@pytest.mark.parametrize("text", [
    "The advert ends with footage of Lena Brandt saying the harbour will reopen in May.",
    'The spot concludes with footage of Lena Brandt saying, "We will reopen the harbour in May."',
    "The new advert features a clip of Lena Brandt telling voters that the harbour will reopen in May.",
    "The film shows Lena Brandt saying the harbour will reopen in May.",
])
def test_a_name_shown_saying_something_is_the_speaker(nlp: Language, text: str) -> None:
    found = [a for a in extract_from_text(text, nlp=nlp) if a.cue in ("saying", "telling")]
    assert [a.speaker for a in found] == ["Lena Brandt"]


def test_a_quotation_after_footage_of_a_name_saying_is_the_names(nlp: Language) -> None:
    text = ("The spot concludes with footage of Lena Brandt saying during the debate last week, “That makes me "
            "smart,” when Ola Berg blasted her for the tax.")
    found = [a for a in extract_from_text(text, nlp=nlp) if a.kind == "direct"]
    assert [(a.speaker, a.cue, a.content) for a in found] == [("Lena Brandt", "saying", "“That makes me smart,”")]


def test_a_quotation_after_a_clip_of_a_name_saying_is_the_names(nlp: Language) -> None:
    text = ("“Why won't Ola Berg pay his?” a narrator in the Brandt advert asks. The advert concludes with footage of "
            "Berg saying during the debate last week, “That makes me smart,” when Lena Brandt blasted him for it.")
    found = [a for a in extract_from_text(text, nlp=nlp) if "smart" in a.content]
    assert [(a.speaker, a.cue) for a in found] == [("Ola Berg", "saying")]


def test_the_footage_itself_is_not_said(nlp: Language) -> None:
    text = 'The spot concludes with footage of Lena Brandt saying, "We will reopen the harbour in May."'
    assert [(a.speaker, a.cue) for a in extract_from_text(text, nlp=nlp)] == [("Lena Brandt", "saying")]
