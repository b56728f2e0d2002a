"""A mention's text as a command: a known verb runs, anything else is asked whole, set-up changes are refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher
from bot.commands.mention import answer_mention, mention_invocation
from bot.models import ChannelRef

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
])
def test_verb_or_ask(text: str, verb: str, args: str) -> None:
    found = read(text)
    assert isinstance(found, Invocation)
    assert (found.command, found.args, found.user, found.channel, found.now, found.can_manage) == (
        verb, args, "U1", CHANNEL, NOW, False)


@pytest.mark.parametrize("text", ["subscribe NATO", "Subscribe", "schedule daily 08:00"])
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


@pytest.mark.parametrize("text", [
    "\x00", "\u202e whosaid", "whosaid\x00Riga", "`" * 50, "help " * 1000, "<" * 100_000, "ask",
    "subscribe\u00a0NATO", "WHOSAID", "whosaid", "-" * 3000,
])
def test_odd_text_never_raises(text: str) -> None:
    found = read(text)
    assert isinstance(found, Invocation | Reply)
    if isinstance(found, Invocation):
        assert len(found.args) <= 2000 and not found.can_manage
