"""Discord refusing the bot's intents (gateway close 4014) is bot-wide as a refused token is (the platform shown
refused, its slots waiting), but what /readyz, the channel and the delivery's lines say is the intents refusal with
its fix, never a token one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_harness import Recorder, discord_config
from fake_discord import CHANNEL_ID, FakeDiscord, running_fake_discord
from test_discord_token_refused import refusing

from adapters.discord import DiscordAdapter
from adapters.discord.refused import INTENTS_FIX
from bot.adapter import PlatformLost
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story

T0 = datetime(2026, 6, 8, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("discord", CHANNEL_ID)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'intents.db'}")
    await ChannelStore(database).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(
        database,
        "s1",
        text="The Tallowmere footbridge reopened after its spring inspection. Cyclists crossed at noon.",
        title="Tallowmere footbridge reopens",
        now=SLOT - timedelta(hours=1),
    )
    yield database
    await database.close()


async def test_refused_intents_are_what_readiness_the_channel_and_the_delivery_lines_say(
    db: Database, recorder: Recorder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(FakeDiscord, "_gateway", refusing(4014))
    clock = ManualClock(SLOT)
    async with running_fake_discord() as fake:
        adapter = DiscordAdapter(discord_config(fake), clock=clock, guild_ready_timeout=0.05)
        delivery = Delivery(db, Config(discord=adapter._config), {"discord": adapter}, clock=clock)
        check = HealthCheck.for_store(db, Scheduler(delivery, clock), [adapter], clock)
        try:
            with pytest.raises(PlatformLost) as lost:
                await asyncio.create_task(adapter.run(recorder.dispatcher))
            channel = await ChannelStore(db).get(REF)
            assert channel is not None
            with caplog.at_level(logging.INFO, logger="bot.delivery"):
                outcomes = [o.state for o in await delivery.deliver_due(channel, clock())]
                await delivery.notices.notify(ChannelRef("discord", "U-ivo", is_user=True), "A note for Ivo.")
            ready, report = await check.readiness()
            stored = await ChannelStore(db).get(REF)
        finally:
            await adapter.close()
    assert "4014" in str(lost.value) and INTENTS_FIX in str(lost.value)
    assert outcomes == ["retry"]  # bot-wide: the slot waits, as for a refused token
    assert not ready and report["adapters"] == {"discord": "closed"}
    assert [r for r in report["reasons"] if r.startswith("discord")] == [f"discord: {lost.value}"]
    assert stored is not None and stored.last_error == str(lost.value)
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.delivery"]
    assert len(lines) == 3, lines  # the refusal told once, the slot's retry, the notice held back
    assert INTENTS_FIX in lines[0]
    assert all("intents" in line and "token" not in line for line in lines), lines
