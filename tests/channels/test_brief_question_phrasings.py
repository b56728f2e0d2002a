"""``/brief`` typed with a question's phrasing: ``brief me on X``, ``what's new on X``, ``about X`` brief on the topic
X; ``who said what about X`` (or another ``ask`` question) gets the answer ``ask`` gives, typed after ``/brief``, as a
mention (``@briefbot brief me on X``) or as Discord's topic option."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.commands.base import Invocation, Reply
from bot.commands.mention import answer_mention
from bot.config import Config
from bot.store.db import Database
from tests.channels.test_briefing_length import Chat
from tests.channels.test_followups import DAY1, REF
from tests.channels.test_on_demand_mutes import three_stories

LATER = DAY1 + timedelta(hours=9)


@pytest.mark.parametrize("typed", ["brief me on Korsholt", "brief me about Korsholt", "what's new on Korsholt",
                                   "brief what's new on Korsholt", "brief about Korsholt", "on Korsholt",
                                   "brief news on Korsholt", "brief what’s new on Korsholt?"])
async def test_a_question_phrasing_briefs_on_its_topic(db: Database, config: Config, typed: str) -> None:
    await three_stories(db)
    reply = await Chat(db, config, ManualClock(LATER)).say(typed, manager=False)
    assert reply.briefing is not None and reply.briefing.title == "Briefing: Korsholt", reply.text
    assert len(reply.briefing.items) == 3


async def test_a_question_phrasing_keeps_its_since(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(days=3)))
    assert (await chat.say("brief me on Korsholt", manager=False)).briefing is None  # the default 24h: none
    reply = await chat.say("brief me on Korsholt since 5d", manager=False)
    assert reply.briefing is not None and reply.briefing.title == "Briefing: Korsholt"


@pytest.mark.parametrize("question", ["who said what about Korsholt", "what did Jansen say",
                                      "who is quoted most on Korsholt", "who said what about Korsholt since 3d"])
async def test_an_ask_question_after_brief_gets_the_answer_ask_gives(db: Database, config: Config,
                                                                     question: str) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    asked = await chat.say(f"ask {question}", manager=False)
    for typed in (question, f"brief {question}"):
        reply = await chat.say(typed, manager=False)
        assert reply.briefing is None and reply.text == asked.text, typed
    inv = Invocation("brief", "", "U1", REF, {"topic": question}, now=LATER)  # Discord's topic option
    assert (await chat.dispatcher(inv)).text == asked.text


async def test_a_mention_briefs_on_the_topic_or_answers_the_question(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))

    async def mention(text: str) -> Reply:
        return await answer_mention(chat.dispatcher, text, user="U1", channel=REF, now=LATER)

    briefed = await mention("brief me on Korsholt")
    assert briefed.briefing is not None and briefed.briefing.title == "Briefing: Korsholt"
    answered = await mention("brief who said what about Korsholt")
    assert answered.briefing is None and answered.text == (await mention("who said what about Korsholt")).text


async def test_a_topic_that_is_no_question_is_briefed_as_typed(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    reply = await chat.say("brief Korsholt tunnel", manager=False)
    assert reply.briefing is not None and reply.briefing.title == "Briefing: Korsholt tunnel"
    assert (await chat.say("brief on", manager=False)).text.startswith("No stories on on since")


async def test_story_about_headline_words_finds_the_story(db: Database, config: Config) -> None:
    await three_stories(db)
    chat = Chat(db, config, ManualClock(LATER))
    for typed in ("story about the tunnel", "story on Korsholt tunnel?", "mute about the tunnel"):
        reply = await chat.say(typed, manager=typed.startswith("mute"))
        assert not reply.error and "Korsholt rebuilds its tunnel" in reply.text, typed
    answered = await answer_mention(chat.dispatcher, "story about the tunnel", user="U1", channel=REF, now=LATER)
    assert answered.briefing is not None and answered.briefing.title == "Briefing: the tunnel"  # a question there
