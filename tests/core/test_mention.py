"""A mention's text as a command: a known verb runs, anything else is asked whole, set-up changes are refused."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.commands import build_commands
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.commands.mention import answer_mention, mention_invocation
from bot.config import Config
from bot.models import ChannelRef
from bot.store.db import Database

CHANNEL = ChannelRef("slack", "C1")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


async def echo(inv: Invocation) -> Reply:
    return Reply(f"{inv.command}|{inv.args}|{sorted(inv.options.items())}|{inv.can_manage}")


COMMANDS = [
    Command("brief", "a briefing", echo, (Option("topic", "topic", rest=True),)),
    Command("whosaid", "who said", echo, (Option("topic", "topic", required=True, rest=True),
                                          Option("since", "since", keyword=True))),
    Command("ask", "ask", echo, (Option("question", "q", required=True, rest=True),)),
    Command("subscribe", "subscribe", echo, (Option("topic", "topic", required=True, rest=True),),
            manages_channel=True),
    Command("schedule", "schedule", echo, (Option("spec", "spec", rest=True),), manages_with_args=True),
    Command("sources", "sources", echo, (Option("action", "action", required=True), Option("target", "t", rest=True)),
            manages_with_args=True, read_only_actions=frozenset({"list", "export"})),
    Command("help", "help", echo),
]


def read(text: str) -> Invocation | Reply:
    return mention_invocation(text, COMMANDS, user="U1", channel=CHANNEL, now=NOW, prefix="/news")


@pytest.mark.parametrize(("text", "verb", "args"), [
    ("who said what about Bucharest?", "ask", "who said what about Bucharest?"),
    ("whosaid Bucharest since Monday", "whosaid", "Bucharest since Monday"),
    ("  WhoSaid   Bucharest\n since  Monday ", "whosaid", "Bucharest since Monday"),
    (", whosaid Riga", "whosaid", "Riga"),
    (": help?", "help", ""),
    ("brief NATO", "brief", "NATO"),
    ("NATO", "ask", "NATO"),
    ("ask what did Rutte say", "ask", "what did Rutte say"),
    ("", "help", ""),
    (" \n\t ,: ", "help", ""),
    ("schedule", "schedule", ""),  # showing the schedule changes nothing
    ("sources list", "sources", "list"),  # a declared read-only action, with or without more words
    ("Sources EXPORT", "sources", "EXPORT"),
    ("sources list https://feeds.example/x.xml", "sources", "list https://feeds.example/x.xml"),
    ("/news whosaid Riga", "whosaid", "Riga"),  # the slash command typed as a message: its prefix is dropped
    ("/NEWS", "help", ""),
    ("/newsroom Riga", "ask", "/newsroom Riga"),  # another word that only starts like it is kept
])
def test_verb_or_ask(text: str, verb: str, args: str) -> None:
    found = read(text)
    assert isinstance(found, Invocation)
    assert (found.command, found.args, found.user, found.channel, found.now, found.can_manage) == (
        verb, args, "U1", CHANNEL, NOW, False)


@pytest.mark.parametrize("text", ["subscribe NATO", "Subscribe", "schedule daily 08:00",
                                  "sources add https://feeds.example/x.xml", "sources import <opml/>",
                                  "sources remove list", "sources listing", "sources bogus"])
def test_set_up_changes_are_refused_with_the_command_to_type(text: str) -> None:
    found = read(text)
    assert isinstance(found, Reply) and found.error
    verb = text.split()[0].lower()
    assert f"`/news {verb} …`" in found.text


def test_too_long_is_answered_without_running_anything() -> None:
    found = read("whosaid " + "x" * 3000)
    assert isinstance(found, Reply) and found.error and "too long" in found.text


def test_a_command_list_without_ask_or_help_answers_with_the_help() -> None:
    found = mention_invocation("who said what", COMMANDS[:2], user="U1", channel=CHANNEL, now=NOW)
    assert isinstance(found, Reply) and "/brief whosaid" in found.text


async def test_answer_mention_goes_through_the_dispatcher() -> None:
    dispatch = Dispatcher(COMMANDS)
    reply = await answer_mention(dispatch, "whosaid Riga since 3d", user="U1", channel=CHANNEL, now=NOW)
    assert reply.text == "whosaid|Riga since 3d|[('since', '3d'), ('topic', 'Riga')]|False"
    refused = await answer_mention(dispatch, "subscribe NATO", user="U1", channel=CHANNEL, now=NOW)
    assert "/brief subscribe" in refused.text


async def test_a_mention_names_and_drops_the_platforms_own_command() -> None:
    found = mention_invocation("/news whosaid Riga", COMMANDS, user="U1", channel=CHANNEL, now=NOW, prefix="/news")
    assert isinstance(found, Invocation) and (found.command, found.args, found.prefix) == ("whosaid", "Riga", "/news")
    refused = mention_invocation("subscribe NATO", COMMANDS, user="U1", channel=CHANNEL, now=NOW, prefix="/news")
    assert isinstance(refused, Reply) and "Type `/news subscribe …` for that." in refused.text
    listed = mention_invocation("who said what", COMMANDS[:2], user="U1", channel=CHANNEL, now=NOW, prefix="/news")
    assert isinstance(listed, Reply) and "`/news whosaid <topic>" in listed.text and "/brief" not in listed.text


async def test_in_ones_own_dm_set_up_verbs_run_with_the_permission_asked_only_for_a_change() -> None:
    dispatch = Dispatcher(COMMANDS)
    asked: list[str] = []

    def check(allowed: bool) -> Callable[[], Awaitable[bool]]:
        async def may_manage() -> bool:
            asked.append("asked")
            return allowed
        return may_manage

    async def answer(text: str, allowed: bool = True) -> Reply:
        return await answer_mention(dispatch, text, user="U1", channel=CHANNEL, now=NOW, prefix="/news",
                                    may_manage=check(allowed))

    assert (await answer("subscribe NATO")).text == "subscribe|NATO|[('topic', 'NATO')]|True"
    assert (await answer("schedule daily 08:00")).text.endswith("|True")
    assert len(asked) == 2
    assert (await answer("schedule")).text.endswith("|False")  # showing: no permission asked for
    assert (await answer("sources list")).text.endswith("|False")
    assert (await answer("who said what about Riga?")).text.startswith("ask|")
    assert len(asked) == 2
    refused = await answer("subscribe NATO", allowed=False)  # not theirs: the dispatcher's own refusal
    assert refused.error and "Nothing was changed" in refused.text and "A mention" not in refused.text
    found = mention_invocation("subscribe NATO", COMMANDS, user="U1", channel=CHANNEL, now=NOW, own_channel=True)
    assert isinstance(found, Invocation) and not found.can_manage  # filled in by answer_mention alone


@pytest.mark.parametrize("text", [
    "\x00", "\u202e whosaid", "whosaid\x00Riga", "`" * 50, "help " * 1000, "<" * 100_000, "ask",
    "subscribe\u00a0NATO", "WHOSAID", "whosaid", "-" * 3000,
])
def test_odd_text_never_raises(text: str) -> None:
    found = read(text)
    assert isinstance(found, Invocation | Reply)
    if isinstance(found, Invocation):
        assert len(found.args) <= 2000 and not found.can_manage


@pytest.mark.parametrize(("command", "args", "changes"), [
    (COMMANDS[3], "", True),  # subscribe: always a set-up verb
    (COMMANDS[4], "", False), (COMMANDS[4], "daily 08:00", True),  # schedule: shows without arguments
    (COMMANDS[5], "", False), (COMMANDS[5], "list", False), (COMMANDS[5], " EXPORT ", False),
    (COMMANDS[5], "add https://feeds.example/x.xml", True), (COMMANDS[5], "export-all", True),
    (COMMANDS[0], "NATO", False),  # brief never changes anything
])
def test_may_change_setup_reads_the_commands_declaration(command: Command, args: str, changes: bool) -> None:
    assert command.may_change_setup(args) is changes


async def test_the_production_commands_let_mentions_show_but_never_change(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'mention.db'}")
    try:
        commands = {c.name: c for c in build_commands(CommandDeps(Config(), db, lambda: NOW))}
    finally:
        await db.close()
    shows = ["sources list", "sources export", "schedule", "alerts", "length", "mute", "track", "topics",
             "whosaid Riga", "story 3", "help"]
    changes = ["sources add https://feeds.example/x.xml", "sources remove https://feeds.example/x.xml",
               "sources import https://feeds.example/list.opml", "schedule daily 08:00", "alerts 3", "length short",
               "mute 3", "track 3", "unmute 3", "untrack 3", "subscribe NATO", "unsubscribe NATO", "pause",
               "resume"]
    for text in shows + changes:
        verb, _, args = text.partition(" ")
        assert commands[verb].may_change_setup(args) is (text in changes), text
        found = mention_invocation(text, list(commands.values()), user="U1", channel=CHANNEL, now=NOW)
        assert isinstance(found, Invocation) is (text in shows), text


STORY_COMMANDS = [*COMMANDS, Command("why", "why", echo, (Option("story", "story", required=True, rest=True),)),
                  Command("story", "story", echo, (Option("story", "story", required=True, rest=True),))]


@pytest.mark.parametrize(("text", "verb", "args"), [
    ("why is the bridge closed?", "ask", "why is the bridge closed?"),  # a question, not a story named "is ..."
    ("Why did the ferry stop", "ask", "Why did the ferry stop"),
    ("why isn't the tram running?", "ask", "why isn't the tram running?"),
    ("Story about the bridge", "ask", "Story about the bridge"),  # the question/topic path: what's new on it
    ("story on Merrin", "ask", "story on Merrin"),
    ("why 2", "why", "2"),  # a number, an id or headline words: the story verb
    ("why #2?", "why", "#2?"),
    ("story s-1a2b3c", "story", "s-1a2b3c"),
    ("story harbour fire", "story", "harbour fire"),
])
def test_why_or_story_then_a_question_is_asked(text: str, verb: str, args: str) -> None:
    found = mention_invocation(text, STORY_COMMANDS, user="U1", channel=CHANNEL, now=NOW)
    assert isinstance(found, Invocation) and (found.command, found.args) == (verb, args)
