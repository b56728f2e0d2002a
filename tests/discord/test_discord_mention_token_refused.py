"""A bot token Discord refuses mid-run (401) while the bot answers a mention: the one line says it is the token, names
the variable the token came from (the config's ``token_env``, not always $DISCORD_TOKEN) and what to do, at ERROR."""

from __future__ import annotations

import logging

import pytest
from discord_harness import NOW, TOKEN, Recorder, discord_config, start, stop
from discord_logs import Seen
from fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from mention_messages import push_message

from adapters.discord import DiscordAdapter
from bot.config_model import Secret

MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


async def test_a_mention_reply_refused_401_names_the_token_variable_and_the_fix(
    fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = DiscordAdapter(discord_config(fake, token=Secret("BRIEFBOT_DISCORD_TOKEN", TOKEN)), clock=lambda: NOW,
                             guild_ready_timeout=0.05)
    seen = Seen("could not answer a mention")
    logging.getLogger("adapters.discord").addHandler(seen)
    task = await start(adapter, fake, Recorder().dispatcher)
    try:
        fake.fail("POST", MESSAGES, 401, code=0)
        await push_message(fake, f"<@{BOT_ID}> noop")
        await seen.event.wait()
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)
    told = [r for r in caplog.records if "could not answer a mention" in r.getMessage()]
    assert len(told) == 1 and told[0].levelno == logging.ERROR
    line = told[0].getMessage()
    assert "refused the bot token from $BRIEFBOT_DISCORD_TOKEN (HTTP 401" in line and "Reset Token" in line
    assert "$DISCORD_TOKEN" not in line
