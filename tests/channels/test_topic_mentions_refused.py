"""A channel or person mention typed as a topic (Discord ``<#123>`` / ``<@42>``, Slack ``#general``) is refused with a
hint, on both platforms (the check is the core's), instead of being followed or searched as words; and a set-up
reply warns when the platform said the bot cannot post in the channel (``Invocation.post_problem``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.config import Config
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
HINT = "topics are words in the news, not channels or people mentions"


class Bot:
    def __init__(self, db: Database, config: Config, channel: ChannelRef) -> None:
        self.db = db
        self.channel = channel
        self.dispatcher: Dispatcher = build_dispatcher(CommandDeps(config, db, ManualClock(NOW), None))

    async def say(self, text: str, *, post_problem: str | None = None) -> Reply:
        inv = self.dispatcher.from_text(text, user="U1", channel=self.channel, can_manage=True, now=NOW)
        return await self.dispatcher(replace(inv, post_problem=post_problem))


@pytest.mark.parametrize(("platform", "typed"), [
    ("discord", "<#123456789012345678>"), ("discord", "<@42>"), ("discord", "<@!42> NATO"),
    ("slack", "#general"), ("slack", "<#C0123|general>"), ("slack", "<@U042>"),
])
async def test_subscribing_to_a_mention_is_refused_with_a_hint(db: Database, config: Config, platform: str,
                                                               typed: str) -> None:
    bot = Bot(db, config, ChannelRef(platform, "C1"))
    reply = await bot.say(f"subscribe {typed}")
    assert reply.error and reply.ephemeral and HINT in reply.text
    assert await ChannelStore(db).get(bot.channel) is None or not (await ChannelStore(db).get(bot.channel)).topics


@pytest.mark.parametrize("typed", ["<@42> NATO", "#general", "<#123>"])
async def test_whosaid_a_mention_is_refused_with_a_hint(db: Database, config: Config, typed: str) -> None:
    reply = await Bot(db, config, ChannelRef("discord", "C1")).say(f"whosaid {typed}")
    assert reply.error and HINT in reply.text


async def test_a_word_with_a_symbol_inside_is_still_a_topic(db: Database, config: Config) -> None:
    reply = await Bot(db, config, ChannelRef("slack", "C1")).say("subscribe C#")
    assert not reply.error and reply.text.startswith("Subscribed to `C#`")


async def test_set_up_where_the_bot_cannot_post_is_taken_with_a_warning(db: Database, config: Config) -> None:
    bot = Bot(db, config, ChannelRef("discord", "C1"))
    problem = "the bot may not post briefings here: give it View Channel in this channel"
    subscribed = await bot.say("subscribe NATO", post_problem=problem)
    assert not subscribed.error and subscribed.text.startswith("Subscribed to `NATO`")
    assert problem in subscribed.text
    scheduled = await bot.say("schedule daily 08:00", post_problem=problem)
    assert not scheduled.error and scheduled.text.startswith("Schedule set") and problem in scheduled.text
    plain = await bot.say("subscribe Russia")
    assert "may not post" not in plain.text
