"""A why-question ("why is the Lumenfield bridge closed?") is answered with the story closest to its words, as
"what's new on <those words>" finds it, said to be the closest story and not an explanation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.answer.question import Question, parse_question
from bot.clock import ManualClock
from bot.config import Config
from bot.store.articles import ArticleStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story, make_article
from tests.channels.test_briefing_length import Chat
from tests.channels.test_followups import DAY1

LATER = DAY1 + timedelta(hours=9)


async def two_stories(db: Database) -> None:
    # Written for this test: an invented town's closed bridge and its market.
    await add_story(
        db,
        "bridge",
        text="The Lumenfield bridge was closed on Monday after divers found a cracked pier. "
        "Engineers said repairs would take a month. Ferries will carry commuters meanwhile.",
        title="Lumenfield bridge closed after pier cracks",
        now=DAY1 + timedelta(hours=8),
    )
    await add_story(
        db,
        "market",
        text="The Lumenfield market reopened on Monday with forty new stalls, though "
        "shoppers found the bridge closed. Traders said the first day was busy.",
        title="Lumenfield market reopens",
        now=DAY1 + timedelta(hours=8, minutes=5),
    )


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("why is the Lumenfield bridge closed?", "Lumenfield bridge closed"),
        ("Why did they close the Lumenfield bridge", "close Lumenfield bridge"),
        ("why isn't the tram running?", "tram running"),
    ],
)
def test_a_why_question_is_a_topic_question(typed: str, topic: str) -> None:
    assert parse_question(typed) == Question("new", topic=topic, why=True)


def test_a_why_question_with_no_topic_words_is_not_understood() -> None:
    assert parse_question("why is it?") is None


async def test_ask_why_answers_with_the_closest_story(db: Database, config: Config) -> None:
    await two_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    reply = await chat.say("ask why is the Lumenfield bridge closed?", manager=False)
    assert "didn't understand" not in reply.text and "I can answer" not in reply.text, reply.text
    assert reply.briefing is not None and [i.story.id for i in reply.briefing.items] == ["bridge"], reply.text
    assert reply.text.startswith(
        "The closest story to `Lumenfield bridge closed`: what it reports, not an explanation of why."
    ), reply.text
    same = await chat.say("ask what's new on Lumenfield bridge closed", manager=False)
    assert same.briefing is not None and [i.story.id for i in same.briefing.items] == ["bridge", "market"]


async def test_a_why_question_nothing_matches_says_so(db: Database, config: Config) -> None:
    await two_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    reply = await chat.say("ask why is the Korvale tunnel flooded?", manager=False)
    assert reply.briefing is None and reply.text.startswith("Nothing new on Korvale tunnel flooded"), reply.text


async def test_articles_in_no_story_yet_answer_with_the_closest_one(db: Database, config: Config) -> None:
    for n, text in enumerate(
        (
            "The Lumenfield bridge was closed after divers found a cracked pier.",
            "Shoppers at the Lumenfield market found the bridge closed on Monday.",
        )
    ):
        article = make_article(
            text,
            title=f"Lumenfield report {n}",
            outlet="Lumen Post",
            url=f"https://news.test/lumen-{n}",
            source="https://feeds.test/wire.xml",
            published=DAY1 + timedelta(hours=8, minutes=n),
        )
        await ArticleStore(db).save(article, now=DAY1 + timedelta(hours=8))
    chat = Chat(db, config, ManualClock(LATER))
    reply = await chat.say("ask why is the Lumenfield bridge closed?", manager=False)
    lines = reply.text.splitlines()
    assert lines[0] == (
        "The closest story to `Lumenfield bridge closed`: what it reports, not an explanation of why."
    ), reply.text
    assert len([line for line in lines if line.startswith("• ")]) == 1, reply.text
    new = await chat.say("ask what's new on Lumenfield bridge closed", manager=False)
    assert len([line for line in new.text.splitlines() if line.startswith("• ")]) == 2, new.text
