"""`sources list` in a channel that follows no sources says what it gets: every stored story without topics, the
stored stories matching its topics with them."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from bot.config import Config
from bot.store.db import Database
from tests.channels.test_briefing_length import DESK, Chat
from tests.channels.test_followups import DAY1


async def test_sources_list_without_sources_says_what_the_channel_gets(db: Database, config: Config) -> None:
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=9)))
    bare = await chat.say("sources list", manager=False)
    assert bare.text == ("This channel follows no sources and has no topics: it gets every stored story. "
                         "`sources add <feed url>` follows one.")
    assert not (await chat.say("subscribe Valdoria")).error
    one = await chat.say("sources list", manager=False)
    assert one.text == ("This channel follows no sources: it gets every stored story matching its topic "
                        "(`topics` shows it). `sources add <feed url>` follows one.")
    assert not (await chat.say("subscribe Merrin")).error
    two = await chat.say("sources list", manager=False)
    assert two.text == ("This channel follows no sources: it gets every stored story matching its topics "
                        "(`topics` lists them). `sources add <feed url>` follows one.")
    # another channel, not set up, has neither
    assert (await chat.say("sources list", ref=DESK, manager=False)).text == bare.text
