"""A mention's reply Discord will not take for now (a rate limit past the 30 s the bot waits, its REST API out of
reach): one WARNING saying what failed in words, and what to do, not a bare exception name ("RateLimited")."""

from __future__ import annotations

import logging

import pytest
from discord_harness import NOW, Recorder, discord_config, start, stop
from discord_logs import Seen
from fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from mention_messages import push_message

from adapters.discord import DiscordAdapter

MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


async def test_a_mention_reply_rate_limited_past_the_bound_says_how_long_and_what_to_do(
    fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, guild_ready_timeout=0.05)
    seen = Seen("could not answer a mention")
    logging.getLogger("adapters.discord").addHandler(seen)
    task = await start(adapter, fake, Recorder().dispatcher)
    try:
        fake.fail("POST", MESSAGES, 429, retry_after=600.0)
        await push_message(fake, f"<@{BOT_ID}> noop")
        await seen.event.wait()
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)
    told = [r for r in caplog.records if "could not answer a mention" in r.getMessage()]
    assert [r.levelno for r in told] == [logging.WARNING]
    assert told[0].getMessage() == (
        f"discord: could not answer a mention in discord:{CHANNEL_ID} (0 part(s) out): Discord rate limited the "
        "reply for 600 s, longer than the bot waits (30 s); it is not sent, ask again after that")
