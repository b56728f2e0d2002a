"""The command layer: verbs and options from free text, generated help, permissions, failures."""

from __future__ import annotations

import pytest

from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher, UsageError, help_text, parse_options, split_verb
from bot.models import ChannelRef

CHANNEL = ChannelRef("slack", "C1")


async def echo(inv: Invocation) -> Reply:
    return Reply(repr(sorted(inv.options.items())))


async def broken(inv: Invocation) -> Reply:
    raise RuntimeError("boom")


BRIEF = Command("brief", "a briefing", echo, options=(
    Option("topic", "topic", rest=True), Option("since", "since", keyword=True)))
SUBSCRIBE = Command("subscribe", "subscribe", echo, options=(Option("topic", "topic", required=True),),
                    manages_channel=True)
COMMANDS = [BRIEF, SUBSCRIBE, Command("crash", "fails", broken)]


@pytest.mark.parametrize(
    ("text", "verb", "args"),
    [
        ("", "brief", ""),
        ("subscribe NATO", "subscribe", "NATO"),
        ("SUBSCRIBE NATO", "subscribe", "NATO"),
        ("Bucharest since 3d", "brief", "Bucharest since 3d"),
    ],
)
def test_split_verb(text: str, verb: str, args: str) -> None:
    assert split_verb(text, ["brief", "subscribe"]) == (verb, args)


def test_parse_options_keywords_and_rest() -> None:
    assert parse_options(BRIEF.options, "Bucharest summit since 3d") == {"topic": "Bucharest summit", "since": "3d"}
    assert parse_options(BRIEF.options, "since 24h") == {"since": "24h"}
    with pytest.raises(UsageError, match="missing <topic>"):
        parse_options(SUBSCRIBE.options, "")


async def test_dispatch_routes_and_refuses_without_permission() -> None:
    dispatch = Dispatcher(COMMANDS)
    ok = await dispatch(dispatch.from_text("Bucharest since 3d", user="U1", channel=CHANNEL))
    assert "Bucharest" in ok.text and not ok.error
    refused = await dispatch(dispatch.from_text("subscribe NATO", user="U1", channel=CHANNEL, can_manage=False))
    assert refused.error and refused.ephemeral and "permission" in refused.text
    allowed = await dispatch(dispatch.from_text("subscribe NATO", user="U1", channel=CHANNEL, can_manage=True))
    assert "NATO" in allowed.text and not allowed.error


async def test_malformed_and_failing_commands_get_clear_ephemeral_replies() -> None:
    dispatch = Dispatcher(COMMANDS)
    usage = await dispatch(Invocation("subscribe", "", "U1", CHANNEL, can_manage=True))
    assert usage.error and "Usage: `/brief subscribe <topic>`" in usage.text
    unknown = await dispatch(Invocation("frobnicate", "", "U1", CHANNEL))
    assert unknown.error and "Unknown command" in unknown.text and "/brief subscribe" in unknown.text
    crash = await dispatch(Invocation("crash", "", "U1", CHANNEL))
    assert crash.error and "boom" not in crash.text
    huge = await dispatch(Invocation("brief", "x" * 10_000, "U1", CHANNEL))
    assert huge.error and "too long" in huge.text


async def test_replies_name_the_slash_command_the_platform_registered() -> None:
    dispatch = Dispatcher(COMMANDS)
    usage = await dispatch(Invocation("subscribe", "", "U1", CHANNEL, can_manage=True, prefix="/news"))
    assert usage.text.endswith("Usage: `/news subscribe <topic>`")
    unknown = await dispatch(Invocation("frobnicate", "", "U1", CHANNEL, prefix="/news"))
    assert "• `/news subscribe <topic>`" in unknown.text and "/brief" not in unknown.text
    seen = await dispatch(dispatch.from_text("Riga since 3d", user="U1", channel=CHANNEL, prefix="/news"))
    assert seen.text == "[('since', '3d'), ('topic', 'Riga')]"  # the handler got its options, whatever the name


def test_help_is_generated_from_the_command_list() -> None:
    text = help_text(COMMANDS)
    assert "/brief brief [<topic>] [since <since>]" in text
    assert "/brief subscribe <topic>" in text
