"""What a user typed, echoed back in a command's reply, shows as text on Slack and Discord: no link, bold, spoiler,
code-span break-out, mention or broadcast made from it."""

from __future__ import annotations

import re

import pytest

from benchmarks.reliability_render import assert_discord_safe, assert_slack_safe, strings
from bot.answer.plain import ZWSP, echoed, echoed_code
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef
from bot.store.db import Database
from digests.render_discord import render_text_messages
from digests.render_slack import markdown_to_mrkdwn, render_text
from tests.channels.test_channels_commands import NOW

CHAN = ChannelRef("slack", "C0E40")
HOSTILE = ["[click](https://evil.example)", "**bold**", "a`b", "<https://evil.example|click>", "<!channel>",
           "@everyone", "||spoiler||"]
# each command's words around the typed text (subscribe before unsubscribe so both confirmations are reached)
COMMANDS = ["subscribe {}", "unsubscribe {}", "unsubscribe {}", "subscribe NATO, {}", "subscribe NATO, {}",
            "brief {}", "whosaid {}", "ask who said what about {}", "ask what did {} say", "ask what's new on {}",
            "sources add {}", "sources add https://feeds.test/{}", "sources remove https://feeds.test/{}",
            "schedule {}", "schedule daily 08:00 tz {}", "languages {}", "why {}", "story {}", "mute {}",
            "unmute {}", "track {}"]

_MD_LINK = re.compile(r"(?<!\\)\]\((?:<)?https?://evil")  # a masked link, its "]" not escaped
_MD_BOLD = re.compile(r"(?<!\\)\*\*bold")
_MD_SPOILER = re.compile(r"(?<!\\)\|\|spoiler")


async def _replies(db: Database, config: Config, typed: str) -> list[tuple[str, Reply]]:
    clock = ManualClock(NOW)
    dispatcher = build_dispatcher(CommandDeps(config, db, clock, None))
    out = []
    for pattern in COMMANDS:
        said = pattern.format(typed)
        inv = dispatcher.from_text(said, user="U1", channel=CHAN, can_manage=True, now=clock())
        out.append((said, await dispatcher(inv)))
    return out


def _assert_discord_inert(said: str, text: str) -> None:
    for content in render_text_messages(text):
        assert_discord_safe(content, content=True)
        assert not _MD_LINK.search(content), (said, content)
        assert not _MD_BOLD.search(content), (said, content)
        assert not _MD_SPOILER.search(content), (said, content)
        assert "a`b" not in content, (said, content)  # the typed backtick would close (or open) a code span


def _assert_slack_inert(said: str, text: str) -> None:
    for message in render_text(text):
        for shown in strings(message.blocks):
            assert_slack_safe(shown)
            assert "<https://evil" not in shown, (said, shown)
            assert "*bold*" not in shown, (said, shown)
            assert "a`b" not in shown, (said, shown)


@pytest.mark.parametrize("typed", HOSTILE)
async def test_typed_text_echoed_in_replies_is_inert(db: Database, config: Config, typed: str) -> None:
    echoing, word = 0, max(re.findall(r"[a-z]+", typed), key=len)
    for said, reply in await _replies(db, config, typed):
        assert reply.text, said
        _assert_discord_inert(said, reply.text)
        _assert_slack_inert(said, reply.text)
        echoing += word in reply.text
    assert echoing >= 3 or len(word) < 4  # the replies do repeat what was typed: the checks were not vacuous


def test_echoed_shows_what_was_typed_on_both() -> None:
    typed = "[click](https://evil.example) **x** <!channel> ||s||"
    mrkdwn = markdown_to_mrkdwn(f"about {echoed(typed)}")
    assert "https://evil.example" in mrkdwn and "<" not in mrkdwn.replace("&lt;", "")
    assert "click" in mrkdwn and "**" not in mrkdwn  # bold markers shown as look-alikes, not bold
    assert echoed("@everyone") == "@" + ZWSP + "everyone"


def test_echoed_code_keeps_a_plain_topic_in_a_code_span() -> None:
    assert echoed_code("NATO -sport") == "`NATO -sport`"
    assert echoed_code("a`b") == "“a\\`b”"  # not in a code span: there the backslash would show
    assert echoed_code("x" * 300, 80) == f"`{'x' * 80}`"
