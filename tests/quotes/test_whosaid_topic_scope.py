"""Which quotes answer "who said what about X": those whose own words name X, those whose sentence names X in an
article that names it again (or refers back to a sentence naming it), and those of an article about X (X in its title,
or in its opening sentence and three in all);
not quotes of an article that names X once in passing, nor of a story whose words hold X's words scattered ("Grand
Slam" and "Six Nations" are no "Grand National"). The same words with one word changed by the same speaker are shown
once. On SQLite and PostgreSQL. Invented articles."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.answer.respond import ask, to_json
from bot.answer.scope import TopicWords
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article
from .test_search_story_topic import said  # one way to place a hand-made attribution in an article

RACE = make_article(
    "race-1", "Jockey Ola Brenn is lined up to ride Copper Gale in the Grand National at Velmont on Saturday. "
    "Brenn had been expected to ride a horse trained by Ivo Sarr. "
    "Sarr said it was unfair to keep Brenn waiting on a horse that may not run. "
    "The race at Velmont is the richest of the season. "
    "Brenn won over the Velmont fences two years ago. "
    '"It is a great ride to get and I am looking forward to it," Brenn said.',
    title="Brenn to ride Copper Gale in the Grand National", outlet="Turf Sheet",
    published=datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
RUGBY = make_article(
    "rugby-1", "Wing Pierre Lanvin says Ostria can still win the Grand Slam in the Six Nations. "
    '"We are still in the race for the Grand Slam," Lanvin said. '
    "Coach Marta Vell said the national side would pick the same team.",
    title="Lanvin backs Ostria", outlet="Field Post", published=datetime(2026, 11, 19, 10, 0, tzinfo=UTC))
CLUB = make_article(
    "club-1", "Marlow have dismissed striker Tor Aske after a failed test. "
    "A Marlow spokeswoman said the club would not tolerate it. "
    "Marlow meet Dunmere on Sunday. Dunmere won their last game. The Dunmere ground holds ten thousand.",
    title="Marlow dismiss Aske", outlet="Field Post", published=datetime(2026, 11, 19, 11, 0, tzinfo=UTC))
PASSING = make_article(
    "coast-1", "The coastal province voted to join Ostria on Sunday. "
    "Activist Ilya Brask called for leaders to ban everyone, from the governor's banker to Marlow club owner Oleg "
    "Varin, from keeping money abroad. "
    "Brask said the vote was a sham.",
    title="Province votes to join Ostria", outlet="Globe Wire", published=datetime(2026, 11, 19, 12, 0, tzinfo=UTC))
PHONES = make_article(
    "phones-1", "Handset makers met in Lisvik. Analyst Dora Pell said there will be two billion handsets in use "
    "across the region by the end of next year.",
    title="Handset makers meet", outlet="Tech Daily", published=datetime(2026, 11, 19, 13, 0, tzinfo=UTC))
PHONES_COPY = make_article(
    "phones-2", "Handset makers gathered in Lisvik. Analyst Dora Pell said there would be two billion handsets in "
    "use across the region by the end of next year.",
    title="Handset boom ahead", outlet="Phone Weekly", published=datetime(2026, 11, 19, 14, 0, tzinfo=UTC))
GROWTH = make_article(
    "growth-1", "Handset sales slowed. Analyst Dora Pell said that earnings growth may slow. "
    "Analyst Dora Pell said that handset growth may slow.",
    title="Handset sales slow", outlet="Tech Daily", published=datetime(2026, 11, 19, 15, 0, tzinfo=UTC))


QUOTES = {
    "race-1": [said(RACE, "Ivo Sarr", "it was unfair to keep Brenn waiting on a horse that may not run"),
               said(RACE, "Ola Brenn", '"It is a great ride to get and I am looking forward to it,"', "direct")],
    "rugby-1": [said(RUGBY, "Pierre Lanvin", "Ostria can still win the Grand Slam in the Six Nations"),
                said(RUGBY, "Pierre Lanvin", '"We are still in the race for the Grand Slam,"', "direct"),
                said(RUGBY, "Marta Vell", "the national side would pick the same team")],
    "club-1": [said(CLUB, "unnamed spokeswoman for Marlow", "the club would not tolerate it")],
    "coast-1": [said(PASSING, "Ilya Brask", "for leaders to ban everyone"),
                said(PASSING, "Ilya Brask", "the vote was a sham")],
    "phones-1": [said(PHONES, "Dora Pell", "there will be two billion handsets in use across the region by the end "
                                           "of next year")],
    "phones-2": [said(PHONES_COPY, "Dora Pell", "there would be two billion handsets in use across the region by "
                                                "the end of next year")],
    "growth-1": [said(GROWTH, "Dora Pell", "that earnings growth may slow"),
                 said(GROWTH, "Dora Pell", "that handset growth may slow")],
}
# the race and the rugby report in one story, as a clusterer that groups sport might put them
STORIES = {"race-1": "s-sport", "rugby-1": "s-sport", "club-1": "s-club"}


async def fill(db: Database) -> None:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for article in (RACE, RUGBY, CLUB, PASSING, PHONES, PHONES_COPY, GROWTH):
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, QUOTES[article.id])
        if article.id in STORIES:
            await articles.set_story(article.id, STORIES[article.id])


async def answers(db: Database, question: str) -> list[dict[str, Any]]:
    result = await ask(question, QuoteStore(db), ArticleStore(db), NOW)
    return list(to_json(result)["answers"])


async def test_a_name_of_two_words_is_not_its_words_scattered(db: Database) -> None:
    await fill(db)
    found = {(a["speaker"], a["source"]["article_id"]) for a in await answers(db, "who said what about Grand National")}
    assert found == {("Ivo Sarr", "race-1"), ("Ola Brenn", "race-1")}


async def test_one_word_finds_the_quotes_of_an_article_about_it(db: Database) -> None:
    await fill(db)
    found = await answers(db, "who said what about Velmont")  # named first and in three sentences, in no quote
    assert {a["speaker"] for a in found} == {"Ivo Sarr", "Ola Brenn"}
    # named three times, not first: the article is about Tor Aske's dismissal, not about the club's next game
    assert await answers(db, "who said what about Dunmere") == []


async def test_a_passing_mention_in_the_sentence_is_no_answer(db: Database) -> None:
    await fill(db)
    found = await answers(db, "who is quoted most on Marlow")
    assert {a["speaker"] for a in found} == {"unnamed spokeswoman for Marlow"}  # not Brask, who named Varin's club
    # a quote whose own words name it is an answer however often its article does
    assert {a["text"] for a in await answers(db, "who said what about sham")} == {"the vote was a sham"}


async def test_one_word_changed_is_the_same_quote(db: Database) -> None:
    await fill(db)
    found = await answers(db, "who said what about handsets")
    billion = [a for a in found if "billion" in str(a["text"])]
    assert len(billion) == 1, billion
    assert [s["article_id"] for s in billion[0]["also_in"]] == ["phones-1"]
    # a short quote with a word changed says something else: both kept
    assert {a["text"] for a in found if "growth" in str(a["text"])} == {
        "that earnings growth may slow", "that handset growth may slow"}


def test_a_name_is_read_in_a_row_with_its_small_words_and_other_words_anywhere() -> None:
    bank = TopicWords.of("the Bank of England")
    assert bank is not None and bank.named_in("The Bank of England's governor spoke.")
    assert not bank.named_in("A bank in England closed.")
    assert not bank.named_in("England's bank of last resort")
    strike = TopicWords.of("ferry strike")
    assert strike is not None and strike.named_in("The strike stopped every ferry.")
    assert not strike.named_in("The ferry sailed.")
