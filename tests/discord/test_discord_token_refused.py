"""Discord refusing the bot's token (reset mid-run: the gateway closes 4004, and again on reconnecting; 401 at log-in)
or its intents (4013, 4014) ends the adapter's run with PlatformLost, whose reason names the setting and the fix, and
leaves the client closed (the health report's "closed")."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web
from discord_harness import NOW, Recorder, discord_config, start
from fake_discord import CHANNEL_ID, FakeDiscord, running_fake_discord

from adapters.discord import DiscordAdapter
from bot.adapter import PlatformLost, PostError
from bot.health import adapter_state
from bot.models import ChannelRef


def refusing(code: int, *, after: int = 0) -> object:
    """A gateway handler: the first ``after`` connections are the fake's own, later ones are closed with ``code``
    once the client identifies or resumes."""
    own = FakeDiscord._gateway
    seen = [0]

    async def gateway(self: FakeDiscord, request: web.Request) -> web.WebSocketResponse:
        seen[0] += 1
        if seen[0] <= after:
            return await own(self, request)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45000}})
        async for frame in ws:
            if frame.json()["op"] in (2, 6):
                await ws.close(code=code, message=b"refused")
                break
        return ws

    return gateway


async def run_until_refused(fake: FakeDiscord, recorder: Recorder, *, drop: bool) -> tuple[DiscordAdapter, str]:
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, guild_ready_timeout=0.05)
    task = (
        await start(adapter, fake, recorder.dispatcher)
        if drop
        else asyncio.create_task(adapter.run(recorder.dispatcher))
    )
    try:
        if drop:  # a session that worked, then a reconnect the gateway refuses
            assert fake.connection is not None
            await fake.connection.close(code=1001)
        with pytest.raises(PlatformLost) as lost:
            await task
        with pytest.raises(PostError) as failed:  # a delivery to Discord then fails as one, for the ledger
            await adapter.notify(ChannelRef("discord", CHANNEL_ID), "The Orrin ferry runs again.")
        assert (failed.value.kind, failed.value.reason) == ("permanent", str(lost.value))
        return adapter, str(lost.value)
    finally:
        await adapter.close()


async def test_a_token_reset_mid_run_names_the_variable_and_closes_the_client(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FakeDiscord, "_gateway", refusing(4004, after=1))
    async with running_fake_discord() as fake:
        adapter, reason = await run_until_refused(fake, recorder, drop=True)
    assert "$DISCORD_TOKEN" in reason and "Developer Portal" in reason and "4004" in reason
    assert "Shard ID" not in reason
    assert adapter_state(adapter) == "closed"


@pytest.mark.parametrize(("code", "says"), [(4014, "disallowed"), (4013, "invalid")])
async def test_refused_intents_say_which_intents(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch, code: int, says: str
) -> None:
    monkeypatch.setattr(FakeDiscord, "_gateway", refusing(code))
    async with running_fake_discord() as fake:
        adapter, reason = await run_until_refused(fake, recorder, drop=False)
    assert str(code) in reason and says in reason
    assert "Guilds, Guild Messages and Direct Messages" in reason and "Privileged Gateway Intents" in reason
    assert adapter_state(adapter) == "closed"


async def test_a_token_refused_at_log_in_names_the_variable(fake: FakeDiscord, recorder: Recorder) -> None:
    fake.fail("GET", r"/users/@me$", 401, count=5)
    adapter, reason = await run_until_refused(fake, recorder, drop=False)
    assert "$DISCORD_TOKEN" in reason and "Developer Portal" in reason and "Improper token" not in reason
    assert adapter_state(adapter) == "closed"
