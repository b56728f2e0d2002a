"""A topic of several words finds what was said in the stories (or unclustered articles) it matches, as a briefing
matches them: each word somewhere in the story, not all in one quote. Quotes that mention the words come first; a
one-word topic still finds only the quotes that mention it. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.answer.respond import ask, render_text, to_json
from bot.models import Article, Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW, make_article

# story "s-ferry": two outlets' articles; only Lunn's words hold both "ferry" and "strike"
CROSSING = make_article(
    "f-1", "No ferries crossed to Holmvik Island on Monday as the crews stayed ashore. "
    "Union organiser Kasia Moreno said the strike would go on until wages rose. "
    '"We cannot keep sailing on last year\'s pay," Moreno said.',
    title="Ferry strike halts crossings to Holmvik Island", outlet="Holmvik Herald",
    published=datetime(2026, 11, 19, 8, 0, tzinfo=UTC))
QUAY = make_article(
    "f-2", "Shopkeeper Edda Lunn said the ferry strike had emptied her shelves within two days.",
    title="Islanders wait on the quay", outlet="Coast Courier", published=datetime(2026, 11, 19, 10, 0, tzinfo=UTC))
# other stories: one about a strike without a ferry, one about a ferry without a strike
RAIL = make_article(
    "r-1", "Driver Tomas Ek said the strike at the Brenna rail depot was over.", title="Rail walkout ends",
    outlet="Brenna Times", published=datetime(2026, 11, 19, 11, 0, tzinfo=UTC))
TIMETABLE = make_article(
    "t-1", "Port officer Lina Sorb said the ferry would leave at nine from next week.", title="New timetable",
    outlet="Brenna Times", published=datetime(2026, 11, 19, 12, 0, tzinfo=UTC))
# an article not (yet) placed in a story: its words are matched over the article
LONE = make_article(
    "u-1", "The ferry to Vessa stayed in port. Captain Ruud Hal said the strike was justified.", title="Vessa quiet",
    outlet="Vessa Daily", published=datetime(2026, 11, 18, 9, 0, tzinfo=UTC))
STORIES = {"f-1": "s-ferry", "f-2": "s-ferry", "r-1": "s-rail", "t-1": "s-time"}


def said(article: Article, speaker: str, content: str, kind: str = "indirect") -> Attribution:
    start = article.text.index(content)
    sentence = next(s.index for s in article.sentences if s.start <= start < s.end)
    return Attribution(article.id, speaker, speaker, "said", content, "direct" if kind == "direct" else "indirect",
                       sentence, start, start + len(content))


QUOTES = {
    "f-1": [said(CROSSING, "Kasia Moreno", "the strike would go on until wages rose"),
            said(CROSSING, "Kasia Moreno", "\"We cannot keep sailing on last year's pay,\"", "direct")],
    "f-2": [said(QUAY, "Edda Lunn", "the ferry strike had emptied her shelves within two days")],
    "r-1": [said(RAIL, "Tomas Ek", "the strike at the Brenna rail depot was over")],
    "t-1": [said(TIMETABLE, "Lina Sorb", "the ferry would leave at nine from next week")],
    "u-1": [said(LONE, "Ruud Hal", "the strike was justified")],
}


async def fill(db: Database) -> QuoteStore:
    articles, quotes = ArticleStore(db), QuoteStore(db)
    for article in (CROSSING, QUAY, RAIL, TIMETABLE, LONE):
        await articles.save(article, now=NOW)
        await quotes.replace(article.id, QUOTES[article.id])
        if article.id in STORIES:
            await articles.set_story(article.id, STORIES[article.id])
    return quotes


async def test_a_two_word_topic_finds_the_quotes_of_the_stories_it_matches(db: Database) -> None:
    quotes = await fill(db)
    hits = await quotes.search("the ferry strike")
    found = [(h.attribution.speaker, h.attribution.content) for h in hits]
    # Lunn says both words: first; then the rest of the ferry strike story and the unclustered article that
    # holds both words, those that mention a word before those that mention none
    assert found[0] == ("Edda Lunn", QUOTES["f-2"][0].content)
    assert set(found[1:3]) == {("Kasia Moreno", QUOTES["f-1"][0].content), ("Ruud Hal", "the strike was justified")}
    assert found[3:] == [("Kasia Moreno", QUOTES["f-1"][1].content)]
    assert [h.mentions for h in hits] == [True, False, False, False]
    # a story with only one of the words says nothing about the ferry strike
    assert not {"Tomas Ek", "Lina Sorb"} & {s for s, _ in found}


async def test_one_word_keeps_to_the_quotes_that_mention_it(db: Database) -> None:
    quotes = await fill(db)
    found = {h.attribution.speaker: h.attribution.content for h in await quotes.search("strike")}
    assert set(found) == {"Kasia Moreno", "Edda Lunn", "Tomas Ek", "Ruud Hal"}
    assert found["Kasia Moreno"] == QUOTES["f-1"][0].content  # not her words that never name the strike


async def test_speaker_and_time_window_apply_to_the_story_quotes(db: Database) -> None:
    quotes = await fill(db)
    moreno = await quotes.search("ferry strike", speakers=["Kasia Moreno"])
    assert {h.attribution.content for h in moreno} == {q.content for q in QUOTES["f-1"]}
    recent = await quotes.search("ferry strike", since=datetime(2026, 11, 19, 0, 0, tzinfo=UTC))
    assert "Ruud Hal" not in {h.attribution.speaker for h in recent} and len(recent) == 3


async def test_who_said_what_about_the_ferry_strike(db: Database) -> None:
    await fill(db)
    result = await ask("who said what about the ferry strike", QuoteStore(db), ArticleStore(db), NOW)
    text = render_text(result)
    assert result.ok and text.startswith("Who said what about the ferry strike:"), text
    assert text.index("*Edda Lunn*") < text.index("*Kasia Moreno*")  # who speaks of it before who does not
    answers = to_json(result)["answers"]
    # not Ruud Hal: his article names the ferry and the strike once each, apart (bot/answer/scope.py)
    assert {a["speaker"] for a in answers} == {"Edda Lunn", "Kasia Moreno"}
    result = await ask("what did Moreno say about the ferry strike", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok and len(to_json(result)["answers"]) == 2
