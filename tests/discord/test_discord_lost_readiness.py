"""Discord lost (PlatformLost: its token refused at log-in) while another adapter may go on: the health check is not
ready (503) with the reason under the adapter's name, the adapter "closed", as a bot token refused while posting
makes it; a delivery to Discord afterwards keeps its slot and tells the reason once, not twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_harness import Recorder, discord_config
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.adapter import PlatformLost
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck
from bot.metrics import prometheus_text
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import add_story

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("discord", CHANNEL_ID)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'lost.db'}")
    await ChannelStore(database).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(
        database,
        "s1",
        text="The Brennock canal lock reopened after a winter of repairs. Barges queued at dawn.",
        title="Brennock canal lock reopens",
        now=SLOT - timedelta(hours=1),
    )
    yield database
    await database.close()


async def test_a_lost_discord_makes_readiness_fail_with_its_reason(
    db: Database, fake: FakeDiscord, recorder: Recorder
) -> None:
    fake.fail("GET", r"/users/@me$", 401, count=5)
    clock = ManualClock(SLOT)
    adapter = DiscordAdapter(discord_config(fake), clock=clock, guild_ready_timeout=0.05)
    delivery = Delivery(db, Config(discord=adapter._config), {"discord": adapter}, clock=clock)
    check = HealthCheck.for_store(db, Scheduler(delivery, clock), [adapter], clock)
    try:
        with pytest.raises(PlatformLost) as lost:
            await asyncio.create_task(adapter.run(recorder.dispatcher))
        ready, report = await check.readiness()
        channel = await ChannelStore(db).get(REF)
        assert channel is not None
        outcomes = [o.state for o in await delivery.deliver_due(channel, clock())]
        ready_after, report_after = await check.readiness()
    finally:
        await adapter.close()
    reason = f"discord: {lost.value}"
    assert not ready and report["status"] == "unavailable"
    assert report["adapters"] == {"discord": "closed"} and reason in report["reasons"]
    metrics = prometheus_text(ready, report)
    assert "briefbot_ready 0" in metrics and 'briefbot_adapter_state{adapter="discord",state="closed"} 1' in metrics
    assert outcomes == ["retry"]  # a refused platform: the slot waits, as for a token refused while posting
    assert not ready_after and report_after["reasons"].count(reason) == 1
