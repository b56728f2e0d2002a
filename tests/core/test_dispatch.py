"""The command layer: verbs and options from free text, generated help, permissions, failures."""

from __future__ import annotations

import pytest

from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher, UsageError, help_text, parse_options, split_verb, tidy_args, usage
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
        ("subscribe.", "subscribe", ""),  # a verb closed by a full stop
        ("brief subscribe NATO", "subscribe", "NATO"),  # "brief" typed before a verb (the slash left out)
        ("brief Bucharest", "brief", "Bucharest"),
        ("brief brief Bucharest", "brief", "brief Bucharest"),
        ("Bucharest.", "brief", "Bucharest."),  # a topic keeps its full stop here; tidy_args drops it later
    ],
)
def test_split_verb(text: str, verb: str, args: str) -> None:
    assert split_verb(text, ["brief", "subscribe"]) == (verb, args)


def test_parse_options_keywords_and_rest() -> None:
    assert parse_options(BRIEF.options, "Bucharest summit since 3d") == {"topic": "Bucharest summit", "since": "3d"}
    assert parse_options(BRIEF.options, "since 24h") == {"since": "24h"}
    with pytest.raises(UsageError, match="Missing <topic>"):
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
    assert "/brief [<topic>] [since <since>]" in text and "/brief brief" not in text  # the verb people omit
    assert "/brief subscribe <topic>" in text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("“cod quota” -sport", '"cod quota" -sport'),
        ("what’s new on Lisport?", "what's new on Lisport"),
        ("story 2?", "story 2"),  # a question mark or an exclamation mark closing the text is dropped too
        ("Bucharest?!", "Bucharest"),
        ("Lisport ?", "Lisport"),
        ("Yahoo! Japan", "Yahoo! Japan"),  # ... not one inside it
        ("why? 2", "why? 2"),
        ("«Port Averley»", '"Port Averley"'),
        ("story 2.", "story 2"),
        ("Lisport.", "Lisport"),
        ("U.S.", "U.S."),  # an abbreviation keeps its full stop
        ("wait...", "wait..."),
        ("https://feeds.test/x.xml", "https://feeds.test/x.xml"),
        (" . ", ""),
    ],
)
def test_typed_text_is_read_with_plain_quotes_and_without_a_closing_full_stop(typed: str, read: str) -> None:
    assert tidy_args(typed) == read


async def test_curly_quotes_and_a_closing_full_stop_reach_the_handler_plain() -> None:
    dispatch = Dispatcher(COMMANDS)
    seen = await dispatch(dispatch.from_text("“Port Averley” since 3d.", user="U1", channel=CHANNEL))
    assert seen.text == """[('since', '3d'), ('topic', '"Port Averley"')]"""


def test_usage_shows_what_an_option_takes() -> None:
    length = Command("length", "how much", echo, options=(Option("length", "full, short or headlines",
                                                                 shown="full | short | headlines"),))
    schedule = Command("schedule", "when", echo, options=(
        Option("spec", "spec", rest=True), Option("tz", "zone", keyword=True, shown="<zone>")))
    assert usage(length) == "length [full | short | headlines]"
    assert usage(schedule) == "schedule [<spec>] [tz <zone>]"
    assert usage(BRIEF) == "[<topic>] [since <since>]"
