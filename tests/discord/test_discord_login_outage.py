"""Discord's REST API out of reach when the bot logs in at start (``GET /users/@me`` answered 5xx, or no connection):
run() stops with briefbot's own line naming the outage, as for the gateway out of reach at start, not discord.py's
"503 Service Unavailable (error code: 0)" and not as a token problem. 503 is raised by discord.py at once (500, 502
and 504 it retries itself with real waits first, then raises the same way)."""

from __future__ import annotations

import asyncio
import socket

import pytest
from discord_harness import NOW, Recorder, discord_config
from fake_discord import FakeDiscord

from adapters.discord import DiscordAdapter
from bot.health import adapter_problem


async def stopped_with(adapter: DiscordAdapter) -> str:
    try:
        with pytest.raises(Exception) as stopped:
            await asyncio.wait_for(adapter.run(Recorder().dispatcher), 5)
    finally:
        await adapter.close()
    return str(stopped.value)


async def test_users_me_answering_503_at_start_stops_run_naming_the_outage(fake: FakeDiscord) -> None:
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, guild_ready_timeout=0.05)
    fake.fail("GET", r"/users/@me$", 503)
    reason = await stopped_with(adapter)
    assert reason.startswith("could not reach Discord's API to log in (GET /users/@me: HTTP 503)")
    assert "discordstatus.com" in reason and "token" not in reason.lower() and "error code" not in reason
    assert adapter_problem(adapter) is None and fake.calls("PUT", r"/applications/.*/commands") == []


async def test_discord_api_refusing_connections_at_start_stops_run_naming_the_outage(fake: FakeDiscord) -> None:
    with socket.socket() as probe:  # a port just let go: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = discord_config(fake, api_base_url=f"http://127.0.0.1:{port}/api/v10")
    adapter = DiscordAdapter(config, clock=lambda: NOW, guild_ready_timeout=0.05)
    reason = await stopped_with(adapter)
    assert reason.startswith("could not reach Discord's API to log in (ClientConnectorError: Cannot connect to host")
    assert "token" not in reason.lower()
