"""A title before a name is the speaker's role, never part of the name, on every path; organisations and surnames
that start with or are a title word keep it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.answer.respond import ask
from bot.models import Attribution
from bot.nlp.quote_cues import title_length
from bot.nlp.quotes import extract_attributions, extract_from_text
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

FORMS = [
    '"We will not gamble with the bridge," {who} said.',
    '"We will not gamble with the bridge," {who} said at a news conference on the quayside.',
    '"We will not gamble with the bridge," said {who}.',
    "{who} said the bridge would stay shut.",
    "{who} told reporters that the bridge would stay shut.",
    "According to {who}, the bridge will stay shut.",
    "The bridge will stay shut, {who} said on Thursday.",
]
TITLES = ["Mayor", "Deputy Mayor", "Councillor", "Attorney General", "Chief Engineer", "Governor", "Judge",
          "Bishop", "Professor", "Detective Inspector", "Police Chief", "deputy mayor", "mayor", "MAYOR"]
NAMES = ["Elena Vasquez", "Tove Aune", "Ines Vartan"]


def _speakers(found: tuple[Attribution, ...]) -> list[tuple[str, str | None]]:
    return [(a.speaker, a.role) for a in found]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("name", NAMES)
def test_a_title_before_a_name_is_the_role_on_every_path(nlp: Language, form: str, title: str, name: str) -> None:
    # NER tags these names as people, works of art, places or nothing, with or without the title
    found = extract_from_text(form.format(who=f"{title} {name}"), nlp=nlp)
    assert _speakers(found) == [(name, title)]
    assert found[0].speaker_as_written == f"{title} {name}"


def test_the_demo_sentence_and_its_reported_twin_are_one_speaker(nlp: Language) -> None:
    text = ('"We will not gamble with people\'s lives, so the bridge stays shut until every cable has been '
            'checked," Mayor Elena Vasquez said at a news conference on the quayside.\n\n'
            "Mayor Elena Vasquez said the bridge would stay shut.")
    assert _speakers(extract_from_text(text, nlp=nlp)) == [("Elena Vasquez", "Mayor")] * 2


def test_later_mentions_by_surname_and_pronoun_find_the_titled_name(nlp: Language) -> None:
    text = ('"The port needs this," Councillor Tove Aune said.\n\n'
            "Aune said the quay would be finished in May. She added that the cost had not grown.\n\n"
            '"We will publish every invoice," Councillor Aune said.')
    found = extract_from_text(text, nlp=nlp)
    assert [a.speaker_as_written for a in found] == ["Councillor Tove Aune", "Aune", "She", "Councillor Aune"]
    assert set(_speakers(found)) == {("Tove Aune", "Councillor")}


@pytest.mark.parametrize(("phrase", "speaker", "role"), [
    ("Mayor Elena Vasquez and Councillor Tove Aune", "Elena Vasquez and Tove Aune", "Mayor, Councillor"),
    ("Chief Engineer Pål Berg and Deputy Mayor Kari Holm", "Pål Berg and Kari Holm", "Chief Engineer, Deputy Mayor"),
    ("Mayor Elena Vasquez and harbour director Oskar Lind", "Elena Vasquez and Oskar Lind",
     "Mayor, harbour director"),
])
def test_joint_speakers_keep_each_title_as_a_role(nlp: Language, phrase: str, speaker: str, role: str) -> None:
    for text in (f"{phrase} said the port was open.", f'"The port is open," {phrase} said.',
                 f"According to {phrase}, the port is open."):
        assert _speakers(extract_from_text(text, nlp=nlp)) == [(speaker, role)], text


@pytest.mark.parametrize(("phrase", "speaker", "role"), [
    ("Secretary of State Lars Holm", "Lars Holm", "Secretary of State"),
    ("Chief Medical Officer Ruth Lund", "Ruth Lund", "Chief Medical Officer"),
    ("Senior Vice President Ruth Lund", "Ruth Lund", "Senior Vice President"),
    ("Port Averley Mayor Elena Vasquez", "Elena Vasquez", "Port Averley Mayor"),
    ("Mayor Vasquez", "Vasquez", "Mayor"),
    ("Judge Rinder", "Rinder", "Judge"),  # the title of the TV name is a title like any other
    ("Bishop Desmond Holt", "Desmond Holt", "Bishop"),
])
def test_titles_of_several_words_and_qualified_titles(nlp: Language, phrase: str, speaker: str, role: str) -> None:
    found = extract_from_text(f'"We will build it," {phrase} said.', nlp=nlp)
    assert _speakers(found) == [(speaker, role)]


@pytest.mark.parametrize("name", ["General Electric", "General Motors", "General Mills", "Major League Baseball",
                                  "President's Choice", "Prince Olav County", "King Olav Hospital",
                                  "Judge Business School", "Governor Hotels", "Justice Department"])
def test_organisations_starting_with_a_title_word_keep_their_whole_name(nlp: Language, name: str) -> None:
    for text in (f"{name} said the new plant would open next year.", f'"We will grow," {name} said.'):
        assert _speakers(extract_from_text(text, nlp=nlp)) == [(name, None)], text


@pytest.mark.parametrize("name", ["Larry King", "Ola King", "Tove Major", "Anna Prince", "Ines Judge"])
def test_a_title_word_as_a_surname_stays_in_the_name(nlp: Language, name: str) -> None:
    for text in (f'"Fine," {name} said.', f"{name} said the ferry would run.", f"According to {name}, it runs."):
        assert _speakers(extract_from_text(text, nlp=nlp)) == [(name, None)], text


@pytest.mark.parametrize("name", ["Larry King", "Ola King", "Anna Prince"])
def test_a_later_mention_of_such_a_surname_finds_the_full_name(nlp: Language, name: str) -> None:
    text = f'"Fine," {name} said. {name.split()[-1]} added that the ferry would run.'
    assert _speakers(extract_from_text(text, nlp=nlp)) == [(name, None), (name, None)]


@pytest.mark.parametrize(("text", "speaker"), [
    ('"Fine," Ms King said.', "King"),
    ("According to Mr Major, the ferry will run every hour.", "Major"),
    ('"Fine," Ms Anna King said. Ms King added that the ferry would run.', "Anna King"),
])
def test_after_an_honorific_a_title_word_is_the_surname(nlp: Language, text: str, speaker: str) -> None:
    # an honorific is no role (as for joint speakers): "Ms King" is King, with no role
    assert set(_speakers(extract_from_text(text, nlp=nlp))) == {(speaker, None)}


@pytest.mark.parametrize("text", ['"We will build it," Mr Tom Hale said.',
                                  '"It is ready," Ms. Tove Aune told reporters.',
                                  "Dr Tove Aune said the clinic would open on Monday."])
def test_an_honorific_is_no_role(nlp: Language, text: str) -> None:
    assert [a.role for a in extract_from_text(text, nlp=nlp)] == [None]


def test_an_honorific_leaves_the_role_known_from_the_article(nlp: Language) -> None:
    text = 'Tom Hale, the transport minister, said the road would open. "It is ready," Mr Hale said.'
    assert {a.role for a in extract_from_text(text, nlp=nlp)} == {"transport minister"}


@pytest.mark.parametrize("word", ["King", "Prince", "Major", "Bishop"])
def test_a_title_word_alone_is_a_name(nlp: Language, word: str) -> None:
    assert [a.speaker for a in extract_from_text(f'"Done," {word} said.', nlp=nlp)] == [word]


def test_title_length() -> None:
    assert title_length(["Deputy", "Mayor", "Kari", "Holm"]) == 2
    assert title_length(["Secretary", "of", "State", "Lars", "Holm"]) == 3
    assert title_length(["Chief", "Engineer", "Pål", "Berg"]) == 2
    assert title_length(["Engineer", "Pål", "Berg"]) == 0  # a tail alone is no title
    assert title_length(["Minister", "for", "Trade", "and", "Industry", "Oskar", "Lind"]) == 1
    assert title_length(["Larry", "King"]) == 0
    assert title_length(["Ms", "King"]) == 1  # the name comes after an honorific


BRIDGE = [
    ("harbour-daily", '"We will not gamble with people\'s lives, so the bridge stays shut until every cable has '
                      'been checked," Mayor Elena Vasquez said at a news conference on the quayside.'),
    ("coastal-courier", "Mayor Elena Vasquez said the bridge would stay shut for six weeks."),
    ("metro-wire", '"The bridge repairs come first," Vasquez said on Friday.'),
]


async def test_who_said_what_lists_the_titled_speaker_once(db: Database, nlp: Language) -> None:
    for article_id, text in BRIDGE:
        article = make_article(article_id, text, title="Bridge")
        await ArticleStore(db).save(article, now=NOW)
        await QuoteStore(db).replace(article.id, extract_attributions(article, nlp))
    result = await ask("who said what about the bridge", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok
    assert {name: len(hits) for name, hits in result.groups} == {"Elena Vasquez": 3}
    for question in ("what did Mayor Elena Vasquez say", "what did Vasquez say", "what did mayor vasquez say"):
        found = await ask(question, QuoteStore(db), ArticleStore(db), NOW)
        assert [name for name, _ in found.groups] == ["Elena Vasquez"], question
