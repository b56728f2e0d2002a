"""Speaker phrases naming two people, and organisations whose name starts with a title word."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.answer.respond import ask, to_json
from bot.models import Attribution
from bot.nlp.joint_speakers import joint_name, joint_role
from bot.nlp.quotes import extract_attributions, extract_from_text
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore, names_member

from .conftest import NOW, make_article

PIER = ("Mayor Ines Vartan and harbour director Oskar Lind said the new pier would carry twice as many boats. "
        "They added that the ferry timetable would change in March. "
        "Vartan said the cost had stayed within budget. "
        "Lind said the first boats would dock in April.")


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str, str | None]]:
    return [(a.speaker_as_written, a.speaker, a.role) for a in found]


def test_two_named_people_are_one_joint_speaker_and_each_keeps_their_role(nlp: Language) -> None:
    assert _speakers(extract_from_text(PIER, nlp=nlp)) == [
        ("Mayor Ines Vartan and harbour director Oskar Lind", "Ines Vartan and Oskar Lind",
         "Mayor, harbour director"),
        ("They", "Ines Vartan and Oskar Lind", "Mayor, harbour director"),
        ("Vartan", "Ines Vartan", "Mayor"),
        ("Lind", "Oskar Lind", "harbour director"),
    ]


def test_both_with_honorifics_names_each_person_in_full(nlp: Language) -> None:
    text = ("Oskar Lind and Ingrid Solberg toured the pier on Monday. "
            "Both Mr. Lind and Ms. Solberg said the pier was ready for the winter storms.")
    assert _speakers(extract_from_text(text, nlp=nlp)) == [
        ("Both Mr. Lind and Ms. Solberg", "Oskar Lind and Ingrid Solberg", None)]


def test_a_plural_title_before_the_pair_is_their_role_and_a_later_surname_finds_its_person(
        nlp: Language) -> None:
    text = ("Councillors Tove Aune and Nils Dahl said the budget was too small. "
            "Dahl said the roads came first.")
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.role) for a in found] == [("Tove Aune and Nils Dahl", "Councillors"), ("Nils Dahl", None)]


def test_she_after_a_pair_is_not_the_pair(nlp: Language) -> None:
    text = ("The pier opened on Monday. Anna Krogh said the boats were late. "
            "Tove Aune and Nils Dahl said the budget was too small. She said the roads came first.")
    assert [a.speaker for a in extract_from_text(text, nlp=nlp)] == [
        "Anna Krogh", "Tove Aune and Nils Dahl", "Anna Krogh"]


def test_an_ampersand_company_stays_one_speaker(nlp: Language) -> None:
    found = extract_from_text("Halden & Berg said its ferries would run every hour.", nlp=nlp)
    assert [a.speaker for a in found] == ["Halden & Berg"]


def test_a_name_and_a_description_keep_the_name(nlp: Language) -> None:
    # not a pair of names: left to the single-speaker rules, which take the name
    found = extract_from_text("Tove Aune and her brother said the pier was too short.", nlp=nlp)
    assert [a.speaker for a in found] == ["Tove Aune"]


@pytest.mark.parametrize("name", ["General Motors", "General Mills", "Major League Baseball",
                                  "President's Choice"])
def test_an_organisation_starting_with_a_title_word_keeps_its_whole_name(nlp: Language, name: str) -> None:
    found = extract_from_text(f"{name} said the new plant would open next year.", nlp=nlp)
    assert [(a.speaker, a.role) for a in found] == [(name, None)]


def test_a_general_by_name_still_has_the_title_as_role(nlp: Language) -> None:
    text = ("General Anna Krogh said the exercise would end on Friday. "
            "Gen. Krogh said the troops would rest on Saturday.")
    assert _speakers(extract_from_text(text, nlp=nlp)) == [
        ("General Anna Krogh", "Anna Krogh", "General"), ("Gen. Krogh", "Anna Krogh", "Gen.")]
    alone = extract_from_text("Gen. Krogh said the troops would rest.", nlp=nlp)
    assert [(a.speaker, a.role) for a in alone] == [("Krogh", "Gen.")]


def test_joint_names_and_roles() -> None:
    assert joint_name(["A B", "C D"]) == "A B and C D"
    assert joint_name(["A", "B", "C"]) == "A, B and C"
    assert joint_role(["Senators", None]) == "Senators"
    assert joint_role(["Mayor", None]) is None  # the mayor is one of the two
    assert joint_role(["Mr.", "Ms."]) is None
    assert joint_role(["Mayor", "Mayor"]) == "Mayor"


async def test_who_said_what_shows_a_joint_statement_once_under_the_pair(db: Database, nlp: Language) -> None:
    article = make_article("pier", PIER, title="Harbour works")
    await ArticleStore(db).save(article, now=NOW)
    await QuoteStore(db).replace(article.id, extract_attributions(article, nlp))
    result = await ask("who said what about the pier", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok
    groups = {name: len(hits) for name, hits in result.groups}
    assert groups == {"Ines Vartan and Oskar Lind": 1}
    answers = to_json(result)["answers"]
    assert isinstance(answers, list)
    assert [a["speaker_as_written"] for a in answers] == ["Mayor Ines Vartan and harbour director Oskar Lind"]



@pytest.mark.parametrize(("text", "speaker", "role"), [
    ("Attorney General Mira Holt and Deputy Attorney General Sara Vance said the terms were unacceptable.",
     "Mira Holt and Sara Vance", "Attorney General, Deputy Attorney General"),
    ("Deputy Mayor Tomas Berg and Foreign Minister Lena Ruud said the talks would resume on Monday.",
     "Tomas Berg and Lena Ruud", "Deputy Mayor, Foreign Minister"),
    ("Chief Executive Hanna Moe and Finance Director Erik Sand said the company would cut 200 jobs.",
     "Hanna Moe and Erik Sand", "Chief Executive, Finance Director"),
    ("Secretary of State Lars Holm and Defence Minister Pia Strand said the treaty was ready.",
     "Lars Holm and Pia Strand", "Secretary of State, Defence Minister"),
    ("Mayor Ines Vartan and Deputy Mayor Oskar Lind said the pier would open in May.",
     "Ines Vartan and Oskar Lind", "Mayor, Deputy Mayor"),
    ("Vice President Ada Brun and Defense Secretary Ole Dahl said the exercise would go ahead.",
     "Ada Brun and Ole Dahl", "Vice President, Defense Secretary"),
    ("Mayor Ines Vartan, Deputy Mayor Oskar Lind and Senator Tove Aune said the pier would open in May.",
     "Ines Vartan, Oskar Lind and Tove Aune", "Mayor, Deputy Mayor, Senator"),
    ("Ines Vartan, Oskar Lind and Tove Aune said the pier would open in May.",
     "Ines Vartan, Oskar Lind and Tove Aune", None),
])
def test_each_member_of_a_pair_has_its_multi_word_title_as_role(
        nlp: Language, text: str, speaker: str, role: str | None) -> None:
    assert [(a.speaker, a.role) for a in extract_from_text(text, nlp=nlp)] == [(speaker, role)]


def test_a_quotation_before_a_titled_pair_is_attributed_to_the_pair(nlp: Language) -> None:
    quotation = '"We will not accept these terms,"'
    text = f"{quotation} Attorney General Mira Holt and Deputy Attorney General Sara Vance said."
    found = extract_from_text(text, nlp=nlp)
    assert [(a.speaker, a.role, a.kind, a.content) for a in found] == [
        ("Mira Holt and Sara Vance", "Attorney General, Deputy Attorney General", "direct", quotation)]
    assert found[0].speaker_as_written == text[len(quotation) + 1 : -len(" said.")]


def test_a_member_that_is_only_a_title_leaves_the_named_person(nlp: Language) -> None:
    found = extract_from_text("Mira Holt and the Attorney General said the terms were unacceptable.", nlp=nlp)
    assert [(a.speaker_as_written, a.speaker) for a in found] == [("Mira Holt and the Attorney General", "Mira Holt")]


def test_no_joint_speaker_keeps_a_title_inside_its_name(nlp: Language) -> None:
    text = ("Senator Ada Brun and Representative Ole Dahl said the bill would pass. "
            "Attorney General Mira Holt and Deputy Attorney General Sara Vance said the terms were unacceptable.")
    for a in extract_from_text(text, nlp=nlp):
        assert not {"Senator", "Representative", "Attorney", "General", "Deputy"} & set(a.speaker.split()), a


def test_a_joint_speaker_names_each_member() -> None:
    assert names_member("Ines Vartan and Oskar Lind", ["vartan"])
    assert names_member("Ines Vartan and Oskar Lind", ["ines", "vartan"])
    assert names_member("Tove Aune, Nils Dahl and Anna Krogh", ["dahl"])
    assert not names_member("Ines Vartan and Oskar Lind", ["ines"])
    assert not names_member("Ines Vartan and Oskar Lind", ["vart"])


HARBOUR = ("Mayor Ines Vartan and harbour director Oskar Lind said the new pier would carry twice as many boats. "
           "Lind said the first boats would dock in April.")


@pytest.mark.parametrize("name", ["Vartan", "Ines Vartan", "vartan"])
async def test_what_did_a_member_say_finds_the_joint_statement_wherever_they_are_named(
        db: Database, nlp: Language, name: str) -> None:
    article = make_article("harbour", HARBOUR, title="Harbour")
    await ArticleStore(db).save(article, now=NOW)
    await QuoteStore(db).replace(article.id, extract_attributions(article, nlp))
    result = await ask(f"what did {name} say", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok, result.message
    assert {speaker: len(hits) for speaker, hits in result.groups} == {"Ines Vartan and Oskar Lind": 1}


async def test_a_member_named_in_the_middle_of_three_finds_the_statement(db: Database) -> None:
    article = make_article("council", "Tove Aune, Nils Dahl and Anna Krogh said the roads came first.")
    await ArticleStore(db).save(article, now=NOW)
    joint = Attribution(article_id=article.id, speaker="Tove Aune, Nils Dahl and Anna Krogh",
                        speaker_as_written="Tove Aune, Nils Dahl and Anna Krogh", cue="said",
                        content="the roads came first", kind="indirect", sentence=0, start=41, end=61)
    await QuoteStore(db).replace(article.id, [joint])
    store = QuoteStore(db)
    for name in ("Aune", "Dahl", "Nils Dahl", "Krogh"):
        assert await store.speakers_named(name) == [joint.speaker], name
    assert await store.speakers_named("Nils") == []
    hits = await store.search(speakers=await store.speakers_named("Dahl"))
    assert [h.attribution.content for h in hits] == ["the roads came first"]
