"""The Discord app adapter hands back a 429's Retry-After as the answer that gave it said (counted from that answer,
as the delivery counts it from when the post failed), never grown by the waits before it: pinned here against the
local Discord. The other way a 429 reaches the delivery (discord.py's HTTPException once its own 5 tries are spent:
the last answer's Retry-After header, read as it is) is pinned in test_discord_post.py
(``test_a_rate_limit_hands_its_retry_after_to_the_ledger``)."""

from __future__ import annotations

from discord_harness import NOW, discord_config, real_briefing
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.adapter import PostError
from bot.models import ChannelRef

CHANNEL = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


async def failed_post(adapter: DiscordAdapter) -> PostError:
    try:
        await adapter.post(CHANNEL, real_briefing(2), key="slot-1")
    except PostError as exc:
        return exc
    raise AssertionError("the post went out")


async def test_a_rate_limit_past_the_clients_bound_is_handed_back_as_the_429_said(fake: FakeDiscord) -> None:
    """discord.py raises RateLimited on the 429 itself when its wait is longer than the bound the bot's client sets
    (``MAX_RATELIMIT_WAIT``, 30 s; test_discord_ratelimit_bound.py): the wait is the answer's, from that answer."""
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, guild_ready_timeout=0.05)
    fake.fail("POST", MESSAGES, 429, retry_after=90.0)
    try:
        error = await failed_post(adapter)
    finally:
        await adapter.close()
    assert (error.kind, error.retry_after) == ("retryable", 90.0)
    assert len(fake.calls("POST", MESSAGES)) == 1  # handed back at once: nothing waited in the process

