"""Discord replacing the bot's session again and again (op 9 INVALID_SESSION, not resumable: a new IDENTIFY; op 7
RECONNECT: a RESUME) while a scheduled briefing is being posted: the bot reconnects each time, says nothing of it at
WARNING or above (discord.py's own INFO lines only, a few per reconnection), stays ready, and the briefing goes out
once, its slot delivered in the ledger, nothing posted again at the next tick. Nothing sleeps: discord.py's 5 s pause
before a new IDENTIFY (``Client.before_identify_hook``, its documented extension point) is made instant."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_harness import Recorder, discord_config, start, stop
from fake_discord import CHANNEL_ID, running_fake_discord
from fake_gateway_faults import FlakyGateway

from adapters.discord import DiscordAdapter
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import adapter_state
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"
STORMS = 3


@pytest.fixture
async def flaky() -> AsyncIterator[FlakyGateway]:
    async with running_fake_discord(FlakyGateway) as server:
        assert isinstance(server, FlakyGateway)
        yield server


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'storm.db'}")
    await ChannelStore(database).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(database, "s1", text="The Varrow ferry resumed its night crossings after a month of repairs.",
                    title="Varrow ferry back on nights", now=SLOT - timedelta(hours=1))
    yield database
    await database.close()


async def test_sessions_replaced_repeatedly_mid_post_lose_nothing_and_log_no_warning(
    flaky: FlakyGateway, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(SLOT)
    adapter = DiscordAdapter(discord_config(flaky), clock=clock, guild_ready_timeout=0.05)
    delivery = Delivery(db, Config(discord=adapter._config), {"discord": adapter}, clock=clock)
    identified: list[bool] = []

    async def no_pause(shard_id: int | None, *, initial: bool = False) -> None:
        identified.append(initial)

    adapter.client.before_identify_hook = no_pause  # type: ignore[method-assign]
    task = await start(adapter, flaky, Recorder().dispatcher)
    states = []
    try:
        await asyncio.wait_for(adapter.client.wait_until_ready(), 5)
        caplog.set_level(logging.INFO)
        caplog.clear()  # the lines of starting up (discord.py's "PyNaCl is not installed" among them)
        flaky.hold("POST", MESSAGES)  # the briefing's post waits while the sessions are replaced
        channel = await ChannelStore(db).get(REF)
        assert channel is not None
        delivering = asyncio.create_task(delivery.deliver_due(channel, clock()))
        await flaky.wait_for(lambda: bool(flaky.held))
        for round_ in range(1, STORMS + 1):
            await flaky.invalidate_session(resumable=False)
            await flaky.wait_for(lambda n=round_: flaky.identifies == 1 + n)  # type: ignore[misc]
            await flaky.wait_ready()
            await flaky.force_reconnect()
            await flaky.wait_for(lambda n=round_: flaky.resumes == n)  # type: ignore[misc]
            await flaky.wait_ready()
            states.append(adapter_state(adapter))
        flaky.release()
        outcomes = [o.state for o in await asyncio.wait_for(delivering, 5)]
        again = [o.state for o in await delivery.deliver_due(channel, clock())]
        await flaky.push_command("noop", {})  # the last session still carries commands
        await flaky.wait_for(lambda: bool(flaky.calls("POST", r"/interactions/\d+/[^/]+/callback")))
    finally:
        await stop(task, adapter)
    assert outcomes == ["delivered"] and states == ["ready"] * STORMS and identified == [True] + [False] * STORMS
    assert "delivered" not in again and len(flaky.messages[CHANNEL_ID]) == 1
    assert "Varrow ferry back on nights" in str(flaky.messages[CHANNEL_ID][0]["embeds"])
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.state == "delivered" and not await DeliveryLedger(db).unfinished()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert [r.getMessage() for r in caplog.records if r.name.startswith("adapters.discord")] == []
    library = [r for r in caplog.records if r.name.startswith("discord")]
    # discord.py's own INFO lines: per op 9 "session has been invalidated" and "has connected to Gateway", per op 7
    # "has successfully RESUMED session"; nothing of briefbot's
    assert all(r.levelno == logging.INFO for r in library) and len(library) == 3 * STORMS
