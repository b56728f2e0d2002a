"""A stopped bot leaves no discord.py heartbeat thread behind: each gateway connection starts a keep-alive thread that
sends a heartbeat into the event loop every interval; one still running after the loop closed fails there (and
under pytest is reported against whatever test runs then). Closing the adapter (as `briefbot run` does at SIGTERM:
run() cancelled, then close(); or close() alone) stops every such thread it started, a sharded client's too, and
so does closing it after a gateway that said HELLO and never READY stopped the start (its socket closed under
discord.py, whose close then skipped the connection and left its thread beating)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import pytest
from discord.gateway import KeepAliveHandler
from discord_harness import NOW, Recorder, discord_config
from fake_discord import FakeDiscord, running_fake_discord
from fake_gateway_faults import FlakyGateway

from adapters.discord import DiscordAdapter


def keep_alives() -> set[KeepAliveHandler]:
    return {t for t in threading.enumerate() if isinstance(t, KeepAliveHandler) and t.is_alive()}


@pytest.mark.parametrize("sharded", [False, True])
@pytest.mark.parametrize("cancelled_first", [False, True])
async def test_closing_the_adapter_stops_discord_py_heartbeat_threads(
    fake: FakeDiscord, recorder: Recorder, sharded: bool, cancelled_first: bool
) -> None:
    before = keep_alives()
    adapter = DiscordAdapter(discord_config(fake, sharded=sharded), clock=lambda: NOW, guild_ready_timeout=0.05)
    task = asyncio.create_task(adapter.run(recorder.dispatcher))
    try:
        await asyncio.wait_for(adapter.caught_up.wait(), 10)
        started = keep_alives() - before
        if cancelled_first:  # `briefbot run` at SIGTERM: its tasks cancelled, then each adapter closed
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        await adapter.close()
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    for thread in started:
        thread.join(5)  # a hang guard: a stopped thread ends at once
    assert len(started) == 1
    assert [t for t in started if t.is_alive()] == []


@pytest.fixture
async def flaky() -> AsyncIterator[FlakyGateway]:
    async with running_fake_discord(FlakyGateway) as server:
        assert isinstance(server, FlakyGateway)
        yield server


async def no_wait(_seconds: float) -> None:
    return None


async def test_a_start_stopped_by_a_gateway_that_never_says_ready_leaves_no_heartbeat_thread(
    flaky: FlakyGateway
) -> None:
    before = keep_alives()
    adapter = DiscordAdapter(discord_config(flaky), clock=lambda: NOW, sleep=no_wait, guild_ready_timeout=0.05,
                             handshake_timeout=0.05)
    flaky.faults.append("unready")  # HELLO (the heartbeat thread starts), then IDENTIFY never answered
    try:
        with pytest.raises(Exception, match=r"no READY or RESUMED within 0\.05 s"):
            await asyncio.wait_for(adapter.run(Recorder().dispatcher), 5)
        started = keep_alives() - before
    finally:
        await adapter.close()
    for thread in started:
        thread.join(5)  # a hang guard: a stopped thread ends at once
    assert len(started) == 1
    assert [t for t in started if t.is_alive()] == []
