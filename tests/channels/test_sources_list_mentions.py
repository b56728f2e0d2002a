"""A source's last error in ``/brief sources list`` may carry a server's words: every mention form in it (@everyone,
@here, @channel, ``<!channel>``, ``<!here>``, ``<@123>``, ``<#C1>``) is defused on Slack and Discord, while the rest
of it (an environment variable's name such as ``FEED_TOKEN``) stays as written."""

from __future__ import annotations

import re

import pytest

from adapters.discord.client import reply_messages as discord_messages
from adapters.slack.translate import reply_messages as slack_messages
from bot.answer.mentions import defused
from bot.answer.plain import ZWSP
from bot.commands.base import Reply
from bot.config import Config
from bot.store.db import Database
from bot.store.sources import SourceStore
from tests.channels.test_channels_commands import NOW, Bot

WIRE = "https://feeds.test/wire.xml"
MENTIONS = ("@everyone", "@here", "@channel", "<!channel>", "<!here>", "<@123>", "<#C1>")
# written for this test: a server's reason phrase that names every kind of mention, beside our own words
ERROR = "HTTP 503 " + " ".join(MENTIONS) + " call @Everyone; FEED_TOKEN_2 is unset"
LIVE = re.compile(r"@(?:everyone|here|channel)|<[!@#]", re.IGNORECASE)  # what Slack or Discord would read


@pytest.fixture
def bot(db: Database, config: Config) -> Bot:
    return Bot(db, config)


async def listed(bot: Bot) -> Reply:
    await bot.say(f"sources add {WIRE}")
    await SourceStore(bot.db).record_failure(WIRE, kind="feed", now=NOW, error=ERROR)
    return await bot.say("sources list", manager=False)


async def test_the_last_error_has_every_mention_defused_and_the_rest_as_written(bot: Bot) -> None:
    text = (await listed(bot)).text
    assert LIVE.search(text) is None, text
    shown = ("HTTP 503 @" + ZWSP + "everyone @" + ZWSP + "here @" + ZWSP + "channel <" + ZWSP + "!channel> <" + ZWSP
             + "!here> <" + ZWSP + "@123> <" + ZWSP + "#C1> call @" + ZWSP + "Everyone; FEED_TOKEN_2 is unset")
    assert f"last error: {shown}" in text, text


async def test_slack_shows_the_last_error_with_no_live_mention(bot: Bot) -> None:
    [message] = slack_messages(await listed(bot))
    shown = [message.text, *(str(block["text"]["text"]) for block in message.blocks)]
    for text in shown:
        assert LIVE.search(text) is None and "FEED_TOKEN_2 is unset" in text, text


async def test_discord_shows_the_last_error_with_no_live_mention(bot: Bot) -> None:
    [message] = discord_messages(await listed(bot))
    content = str(message["content"])
    assert LIVE.search(content) is None and "FEED_TOKEN_2 is unset" in content, content


@pytest.mark.parametrize("text", ["not polled: environment variable WIRE_UNSET_KEY is not set",
                                  "https://feeds.test/a_b.xml: HTTP 401 Unauthorized", "mail ops@example.test",
                                  "a <b> tag, 3 < 4 and a lone @ sign"])
def test_text_with_no_mention_is_left_as_it_is(text: str) -> None:
    assert defused(text) == text
