"""Which messages reach the bot on Discord, end to end: a mention of its own role, every message of a DM, and a
mention in a thread (answered in the thread with its parent channel's set-up)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_harness import Recorder
from fake_discord import BOT_ID, BOT_ROLE_ID, CHANNEL_ID, EDITORS_ROLE_ID, GUILD_ID, FakeDiscord
from mention_messages import READER, answering, assert_reply_to, push_message, replies

from adapters.discord.mention import WITHHELD_REPLY
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef
from bot.store.db import Database
from tests.channels.channel_fakes import add_story
from tests.slack.mention_store import SEED_NOW, real_dispatcher, seed_store

OTHER_BOT = "900000000000000077"
DM_CHANNEL = "900000000000000088"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store(tmp_path_factory.mktemp("discord-reach"))


async def test_a_mention_of_the_bots_own_role_is_a_mention_of_the_bot(fake: FakeDiscord,
                                                                       recorder: Recorder) -> None:
    async with answering(fake, recorder.dispatcher):
        asked = await push_message(fake, f"<@&{BOT_ROLE_ID}> echo through the role", mentions=(),
                                   roles=(BOT_ROLE_ID,))
        await fake.wait_for(lambda: len(replies(fake)) == 1)
        both = await push_message(fake, f"<@&{EDITORS_ROLE_ID}> <@&{BOT_ROLE_ID}>, echo with the editors",
                                  mentions=(), roles=(EDITORS_ROLE_ID, BOT_ROLE_ID))
        await fake.wait_for(lambda: len(replies(fake)) == 2)
    first, second = replies(fake)
    assert_reply_to(first, asked)
    assert_reply_to(second, both)
    # the role's markup (and the other role's) is not part of the question
    assert [(i.command, i.args, i.channel.key) for i in recorder.seen] == [
        ("echo", "through the role", f"discord:{CHANNEL_ID}"), ("echo", "with the editors", f"discord:{CHANNEL_ID}")]


async def test_other_roles_and_mass_pings_are_not_mentions_of_the_bot(fake: FakeDiscord,
                                                                       recorder: Recorder) -> None:
    async with answering(fake, recorder.dispatcher):
        # as a bot with the Message Content intent would get them: the words are there, the bot is not named
        await push_message(fake, f"<@&{EDITORS_ROLE_ID}> echo editors only", mentions=(), roles=(EDITORS_ROLE_ID,))
        await push_message(fake, "@everyone echo everyone", mentions=(), everyone=True)
        await push_message(fake, "@here echo here", mentions=(), everyone=True)
        await push_message(fake, f"<@&{GUILD_ID}> echo the everyone role", mentions=(), roles=(GUILD_ID,))
        await push_message(fake, "echo nobody named", mentions=())
        await push_message(fake, f"<@&{BOT_ROLE_ID}> echo a bot through the role", author=OTHER_BOT, bot=True,
                           mentions=(), roles=(BOT_ROLE_ID,))
        wanted = await push_message(fake, f"<@{BOT_ID}> echo wanted")
        await fake.wait_for(lambda: bool(replies(fake)))
    [body] = replies(fake)
    assert_reply_to(body, wanted)
    assert [i.args for i in recorder.seen] == ["wanted"]


async def test_a_role_mention_whose_words_discord_kept_back_says_how_to_ask(fake: FakeDiscord,
                                                                             recorder: Recorder) -> None:
    async with answering(fake, recorder.dispatcher):
        asked = await push_message(fake, "", mentions=(), roles=(BOT_ROLE_ID,))
        await fake.wait_for(lambda: bool(replies(fake)))
    [body] = replies(fake)
    assert_reply_to(body, asked)
    assert body["content"] == WITHHELD_REPLY.text and recorder.seen == []


async def test_every_message_in_a_dm_is_for_the_bot(fake: FakeDiscord, recorder: Recorder) -> None:
    async with answering(fake, recorder.dispatcher):
        await push_message(fake, "echo my own DM", author=BOT_ID, bot=True, mentions=(), channel_id=DM_CHANNEL,
                           dm=True)
        await push_message(fake, "echo another bot's DM", author=OTHER_BOT, bot=True, mentions=(),
                           channel_id=DM_CHANNEL, dm=True)
        await push_message(fake, "echo pinned", mentions=(), channel_id=DM_CHANNEL, dm=True, kind=6)
        plain = await push_message(fake, "echo no mention at all", mentions=(), channel_id=DM_CHANNEL, dm=True)
        await fake.wait_for(lambda: len(replies(fake, DM_CHANNEL)) == 1)
        bare = await push_message(fake, "", mentions=(), channel_id=DM_CHANNEL, dm=True)  # a sticker, say
        await fake.wait_for(lambda: len(replies(fake, DM_CHANNEL)) == 2)
    answer, help_answer = replies(fake, DM_CHANNEL)
    assert_reply_to(answer, plain)
    assert_reply_to(help_answer, bare)
    assert "/brief whosaid <topic>" in help_answer["content"]
    assert [(i.command, i.args, i.user, i.channel.key) for i in recorder.seen] == [
        ("echo", "no mention at all", READER, f"discord:{DM_CHANNEL}")]


async def test_a_question_in_a_dm_without_a_mention_is_answered(fake: FakeDiscord, seeded: Path,
                                                                tmp_path: Path) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch, answering(fake, dispatch, clock=lambda: SEED_NOW):
        asked = await push_message(fake, "who said what about Bucharest?", mentions=(), channel_id=DM_CHANNEL,
                                   dm=True)
        await fake.wait_for(lambda: bool(replies(fake, DM_CHANNEL)), timeout=30)
    [body] = replies(fake, DM_CHANNEL)
    assert_reply_to(body, asked)
    assert "Who said what about Bucharest" in body["content"] and "Izvestia" in body["content"]


@pytest.mark.parametrize("announced", [True, False], ids=["thread-create", "looked-up"])
async def test_a_mention_in_a_thread_is_answered_there_for_the_parent_channel(
        fake: FakeDiscord, recorder: Recorder, announced: bool, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    async with answering(fake, recorder.dispatcher):
        thread = await fake.add_thread(CHANNEL_ID, announce=announced)
        asked = await push_message(fake, f"<@{BOT_ID}> echo inside the thread", channel_id=thread)
        await fake.wait_for(lambda: bool(replies(fake, thread)))
    [body] = replies(fake, thread)
    assert_reply_to(body, asked)
    assert replies(fake) == []  # nothing in the parent channel itself
    assert [(i.args, i.channel) for i in recorder.seen] == [
        ("inside the thread", ChannelRef("discord", CHANNEL_ID))]
    # discord.py knew the announced thread; the other one was looked up once
    assert len(fake.calls("GET", rf"/channels/{thread}")) == (0 if announced else 1)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_a_thread_that_cannot_be_looked_up_answers_with_its_own_set_up(fake: FakeDiscord,
                                                                             recorder: Recorder) -> None:
    async with answering(fake, recorder.dispatcher):
        thread = await fake.add_thread(CHANNEL_ID, announce=False)
        fake.fail("GET", rf"/channels/{thread}", 403)
        await push_message(fake, f"<@{BOT_ID}> echo unknown place", channel_id=thread)
        await fake.wait_for(lambda: bool(replies(fake, thread)))
    assert [i.channel.key for i in recorder.seen] == [f"discord:{thread}"]


async def test_a_thread_answer_uses_the_parent_channels_set_up(fake: FakeDiscord, tmp_path: Path) -> None:
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    db = await Database.open(f"sqlite:///{tmp_path / 'threads.db'}")
    try:
        for n, place in enumerate(("pier", "tunnel", "market")):
            await add_story(db, place, text=f"The Korsholt council voted to rebuild the old {place}. Work starts in "
                            "spring and ends next year. The council said the cost was covered.",
                            title=f"Korsholt rebuilds its {place}", now=now - timedelta(hours=3, minutes=n))
        dispatch = build_dispatcher(CommandDeps(Config(), db, ManualClock(now)))
        parent = ChannelRef("discord", CHANNEL_ID)
        for change in ("schedule weekdays 07:30 tz Europe/Bucharest max 2", "length headlines"):
            done = await dispatch(dispatch.from_text(change, user=READER, channel=parent, can_manage=True, now=now))
            assert not done.error, done.text
        async with answering(fake, dispatch, clock=lambda: now):
            thread = await fake.add_thread(CHANNEL_ID)
            await push_message(fake, f"<@{BOT_ID}> schedule", channel_id=thread)
            await fake.wait_for(lambda: len(replies(fake, thread)) == 1, timeout=30)
            await push_message(fake, f"<@{BOT_ID}> brief", channel_id=thread)
            await fake.wait_for(lambda: len(replies(fake, thread)) == 2, timeout=30)
    finally:
        await db.close()
    shown, briefing = replies(fake, thread)
    assert "`weekdays 07:30` (Europe/Bucharest)" in shown["content"] and "Length: headlines" in shown["content"]
    assert "Next briefing: Tue 02 Jun 07:30 EEST" in shown["content"]  # the parent's zone
    stories = [e for e in briefing["embeds"] if e.get("title", "")[:1].isdigit()]
    assert [e["title"] for e in stories] == ["1. Korsholt rebuilds its pier", "2. Korsholt rebuilds its tunnel"]
    assert briefing["embeds"][-1]["title"] == "And 1 more"  # the parent's cap of 2
    assert [e.get("description") for e in stories] == ["1 outlet", "1 outlet"]  # headlines only
    assert "rebuild the old" not in json.dumps(briefing)
