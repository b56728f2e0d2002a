"""Discord's REST answering 500, 502 or a short 429 on the way to the gateway at start (``GET /gateway/bot`` for a
sharded bot, ``GET /users/@me`` to log in): discord.py retries a 5xx itself (five tries, waiting 1, 3, 5, 7, 9 s) and
waits out a Retry-After up to its bound; a brief failure is mended that way and the bot connects, one that lasts stops
run() with briefbot's line naming the outage. discord.py's waits move a ManualClock (nothing sleeps)."""

from __future__ import annotations

import asyncio

import pytest
from discord_clocked import ClockedAsyncio, clocked_http
from discord_harness import NOW, Recorder, discord_config, start, stop
from fake_discord import FakeDiscord

from adapters.discord import DiscordAdapter
from bot.clock import ManualClock

RETRY_WAITS = [1, 3, 5, 7, 9]  # discord.py's waits between its five tries of a 500, 502, 504 or 524


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> ClockedAsyncio:
    return clocked_http(ManualClock(NOW), monkeypatch)


def make(fake: FakeDiscord, *, sharded: bool = True) -> DiscordAdapter:
    return DiscordAdapter(discord_config(fake, sharded=sharded), clock=lambda: NOW, guild_ready_timeout=0.05)


async def stopped_with(adapter: DiscordAdapter) -> str:
    try:
        with pytest.raises(Exception) as stopped:
            await asyncio.wait_for(adapter.run(Recorder().dispatcher), 5)
    finally:
        await adapter.close()
    return str(stopped.value)


@pytest.mark.parametrize("status", [500, 502])
async def test_gateway_bot_failing_through_discord_py_s_retries_stops_run_naming_the_outage(
    fake: FakeDiscord, waits: ClockedAsyncio, status: int
) -> None:
    fake.fail("GET", "/gateway/bot", status, count=5)
    reason = await stopped_with(make(fake))
    assert reason.startswith(f"could not reach Discord's gateway (GET /gateway/bot: HTTP {status})")
    assert "token" not in reason.lower() and waits.slept == RETRY_WAITS
    assert len(fake.calls("GET", "/gateway/bot")) == 5 and fake.identifies == 0


@pytest.mark.parametrize(("status", "retry_after", "slept"), [(502, None, [1, 3]), (500, None, [1, 3]),
                                                               (429, 5.0, [5.0, 5.0])])
async def test_gateway_bot_failing_briefly_is_mended_and_the_bot_connects(
    fake: FakeDiscord, waits: ClockedAsyncio, status: int, retry_after: float | None, slept: list[float]
) -> None:
    fake.fail("GET", "/gateway/bot", status, count=2, **({"retry_after": retry_after} if retry_after else {}))
    adapter = make(fake)
    recorder = Recorder()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("echo", {"text": "connected after all"})
        await fake.wait_for(lambda: any(i.command == "echo" for i in recorder.seen))
    finally:
        await stop(task, adapter)
    assert waits.slept == slept and len(fake.calls("GET", "/gateway/bot")) == 3 and fake.identifies == 1


async def test_users_me_failing_through_discord_py_s_retries_stops_run_naming_the_outage(
    fake: FakeDiscord, waits: ClockedAsyncio
) -> None:
    fake.fail("GET", r"/users/@me$", 500, count=5)
    reason = await stopped_with(make(fake, sharded=False))
    assert reason.startswith("could not reach Discord's API to log in (GET /users/@me: HTTP 500)")
    assert "token" not in reason.lower() and waits.slept == RETRY_WAITS
