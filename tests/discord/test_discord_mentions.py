"""``@briefbot ...`` end to end: MESSAGE_CREATE on the local gateway, answered with a reply that pings nobody."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from discord_harness import NOW, Recorder, discord_config, start, stop
from fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from mention_messages import READER, assert_reply_to, push_message, replies

from adapters.discord import DiscordAdapter
from adapters.discord.translate import mention_text
from bot.commands.base import Dispatch
from bot.models import ChannelRef
from tests.slack.mention_store import SEED_NOW, real_dispatcher, seed_store  # the same seeded store as Slack's

OTHER_BOT = "900000000000000077"
DM_CHANNEL = "900000000000000088"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store(tmp_path_factory.mktemp("discord-mentions"))


@pytest.fixture
async def running(fake: FakeDiscord) -> AsyncIterator[list[tuple[DiscordAdapter, Any]]]:
    started: list[tuple[DiscordAdapter, Any]] = []
    yield started
    for adapter, task in started:
        await stop(task, adapter)


async def run(started: list[tuple[DiscordAdapter, Any]], fake: FakeDiscord, dispatch: Dispatch, *,
              clock: Any = lambda: NOW) -> DiscordAdapter:
    adapter = DiscordAdapter(discord_config(fake), clock=clock, guild_ready_timeout=0.05)
    started.append((adapter, await start(adapter, fake, dispatch)))
    return adapter


async def test_a_question_gets_one_reply_naming_the_speakers(fake: FakeDiscord, running: Any, seeded: Path,
                                                             tmp_path: Path) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        await run(running, fake, dispatch, clock=lambda: SEED_NOW)
        asked = await push_message(fake, f"<@{BOT_ID}> who said what about Bucharest?")
        await fake.wait_for(lambda: bool(replies(fake)), timeout=30)
        [body] = replies(fake)
        assert_reply_to(body, asked)
        assert "Who said what about Bucharest" in body["content"]
        assert "Izvestia" in body["content"] and "unnamed Russian embassy spokesperson" in body["content"]


async def test_a_verb_runs_that_verb(fake: FakeDiscord, running: Any, seeded: Path, tmp_path: Path) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        await run(running, fake, dispatch, clock=lambda: SEED_NOW)
        asked = await push_message(fake, f"<@!{BOT_ID}> whosaid Bucharest since Monday")
        await fake.wait_for(lambda: bool(replies(fake)), timeout=30)
        [body] = replies(fake)
        assert_reply_to(body, asked)
        assert "Who said what about Bucharest since Mon 16 Nov 2026" in body["content"]


async def test_set_up_verbs_are_refused_and_others_run_read_only(fake: FakeDiscord, running: Any,
                                                                 recorder: Recorder) -> None:
    await run(running, fake, recorder.dispatcher)
    refused = await push_message(fake, f"<@{BOT_ID}> subscribe NATO")
    await fake.wait_for(lambda: len(replies(fake)) == 1)
    await push_message(fake, f"<@{BOT_ID}> echo hello there")
    await fake.wait_for(lambda: len(replies(fake)) == 2)
    first, second = replies(fake)
    assert_reply_to(first, refused)
    assert "`/brief subscribe …`" in first["content"]
    assert [(i.command, i.args, i.user, i.channel.key, i.can_manage, i.now) for i in recorder.seen] == [
        ("echo", "hello there", READER, f"discord:{CHANNEL_ID}", False, NOW)]
    assert "echo" in second["content"]


async def test_bots_system_messages_and_other_messages_are_ignored(fake: FakeDiscord, running: Any,
                                                                   recorder: Recorder) -> None:
    await run(running, fake, recorder.dispatcher)
    await push_message(fake, f"<@{BOT_ID}> echo from myself", author=BOT_ID, bot=True, mentions=())
    await push_message(fake, f"<@{BOT_ID}> echo from another bot", author=OTHER_BOT, bot=True)
    await push_message(fake, "", mentions=())  # a message for someone else: no content without the intent
    await push_message(fake, f"<@{BOT_ID}> echo pinned", kind=6)  # a system message (a pin notice)
    wanted = await push_message(fake, f"<@{BOT_ID}> echo wanted")
    await fake.wait_for(lambda: bool(replies(fake)))
    [body] = replies(fake)
    assert_reply_to(body, wanted)
    assert [i.args for i in recorder.seen] == ["wanted"]


async def test_an_empty_mention_gets_the_help_and_a_long_one_a_short_answer(fake: FakeDiscord, running: Any,
                                                                           recorder: Recorder) -> None:
    await run(running, fake, recorder.dispatcher)
    await push_message(fake, f"<@{BOT_ID}>")
    await fake.wait_for(lambda: len(replies(fake)) == 1)
    await push_message(fake, f"<@{BOT_ID}> @everyone <#{CHANNEL_ID}> <:wave:123456>")
    await fake.wait_for(lambda: len(replies(fake)) == 2)
    await push_message(fake, f"<@{BOT_ID}> echo " + "Bucharest " * 400)
    await fake.wait_for(lambda: len(replies(fake)) == 3)
    help_one, help_two, long_one = replies(fake)
    assert "/brief whosaid <topic>" in help_one["content"] and help_two["content"] == help_one["content"]
    assert "too long" in long_one["content"] and recorder.seen == []


async def test_a_mention_in_a_direct_message_is_answered_there(fake: FakeDiscord, running: Any,
                                                               recorder: Recorder) -> None:
    await run(running, fake, recorder.dispatcher)
    asked = await push_message(fake, f"<@{BOT_ID}> echo in private", channel_id=DM_CHANNEL, dm=True)
    await fake.wait_for(lambda: bool(replies(fake, DM_CHANNEL)))
    [body] = replies(fake, DM_CHANNEL)
    assert_reply_to(body, asked)
    assert recorder.seen[0].channel.key == f"discord:{DM_CHANNEL}"


async def test_a_channel_the_bot_cannot_post_to_is_one_log_line(fake: FakeDiscord, running: Any,
                                                                recorder: Recorder,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    await run(running, fake, recorder.dispatcher)
    fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", 403)
    await push_message(fake, f"<@{BOT_ID}> echo locked out")
    await fake.wait_for(lambda: len(replies(fake)) == 1)
    await push_message(fake, f"<@{BOT_ID}> echo let in")
    await fake.wait_for(lambda: len(replies(fake)) == 2)
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING
                and r.name.startswith("adapters.")]
    assert len(problems) == 1 and f"discord:{CHANNEL_ID}" in problems[0] and "Read Message History" in problems[0]
    assert [i.args for i in recorder.seen] == ["locked out", "let in"]


async def test_a_server_error_while_answering_is_logged_and_the_bot_carries_on(
        fake: FakeDiscord, running: Any, recorder: Recorder, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    await run(running, fake, recorder.dispatcher)
    fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", 400)  # a refusal discord.py does not retry
    await push_message(fake, f"<@{BOT_ID}> echo refused")
    await fake.wait_for(lambda: len(replies(fake)) == 1)
    await push_message(fake, f"<@{BOT_ID}> echo accepted")
    await fake.wait_for(lambda: len(replies(fake)) == 2)
    logged = [r.getMessage() for r in caplog.records if r.name == "adapters.discord.mention"]
    assert len(logged) == 1 and f"discord:{CHANNEL_ID}" in logged[0]


def test_the_client_asks_for_message_events_but_not_their_content(fake: FakeDiscord) -> None:
    intents = DiscordAdapter(discord_config(fake), clock=lambda: NOW).client.intents
    assert intents.guilds and intents.guild_messages and intents.dm_messages
    assert not intents.message_content and not intents.members and not intents.presences


@pytest.mark.parametrize(("content", "words"), [
    (f"<@{BOT_ID}> who said what about Bucharest?", "who said what about Bucharest?"),
    (f"<@!{BOT_ID}> whosaid NATO", "whosaid NATO"),
    ("<@&55> @here <#66> <a:spin:77> <t:1700000000:R> </brief help:88> hi", "hi"),
    ("what did <@123> say about **NATO**", "what did say about **NATO**"),
])
def test_mention_text_keeps_the_words(content: str, words: str) -> None:
    assert " ".join(mention_text(content).split()) == words


@pytest.mark.parametrize("content", ["<" * 50_000, "</" + "a" * 50_000, "</a:" * 10_000, "<@!" * 10_000 + "1>",
                                     "<t:" + "9" * 5000, "\x00<@1>"])
def test_hostile_content_is_read_without_failing(content: str) -> None:
    assert isinstance(mention_text(content), str)


async def test_showing_the_channels_sources_runs_and_changing_them_is_refused(fake: FakeDiscord, running: Any,
                                                                              seeded: Path, tmp_path: Path) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        here = ChannelRef("discord", CHANNEL_ID)
        followed = await dispatch(dispatch.from_text("sources add https://feeds.example/wire.xml", user=READER,
                                                     channel=here, can_manage=True, now=SEED_NOW))
        assert not followed.error, followed.text
        await run(running, fake, dispatch, clock=lambda: SEED_NOW)
        asked = [await push_message(fake, f"<@{BOT_ID}> {text}") for text in (
            "sources list", "sources export", "sources add https://feeds.example/other.xml", "Sources LIST")]
        await fake.wait_for(lambda: len(replies(fake)) == 4, timeout=30)
    # each mention is answered as soon as its answer is ready: a refusal overtakes a listing
    by_mention = {str(b["message_reference"]["message_id"]): b for b in replies(fake)}
    for message_id in asked:
        assert_reply_to(by_mention[message_id], message_id)
    listed, exported, refused, listed_again = (by_mention[m]["content"] for m in asked)
    assert listed.startswith("Sources:\n• https://feeds.example/wire.xml — last fetch never")
    assert "opml" in exported and 'xmlUrl="https://feeds.example/wire.xml"' in exported
    assert "`/brief sources …`" in refused
    assert listed_again == listed  # nothing was added by the refused mention
