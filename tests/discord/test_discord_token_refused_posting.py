"""A bot token Discord refuses while posting (401) is a bot-wide condition: one line naming $DISCORD_TOKEN and the
fix, the briefing kept and retried, no failure notice sent through the refused token; once the token works the
briefing goes out. Time is a ManualClock; nothing sleeps."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_harness import discord_config
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("discord", CHANNEL_ID)
MESSAGES = r"/channels/\d+/messages"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'token.db'}")
    store = ChannelStore(database)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await store.subscribe(REF, "lighthouse", user="4242", now=T0)  # a configurer a notice would go to by DM
    await add_story(
        database,
        "s1",
        text="The Porthwen lighthouse keeper retired after forty winters. A new lamp arrives in spring.",
        title="Porthwen lighthouse keeper retires",
        now=SLOT - timedelta(hours=1),
    )
    yield database
    await database.close()


async def test_a_refused_token_is_told_once_no_notice_and_the_briefing_waits(
    db: Database, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    clock = ManualClock(SLOT)
    adapter = DiscordAdapter(discord_config(fake), clock=clock, guild_ready_timeout=0.05)
    delivery = Delivery(db, Config(discord=adapter._config), {"discord": adapter}, clock=clock)
    fake.fail("POST", MESSAGES, 401, count=2, code=0)
    try:
        states = []
        for _ in range(3):  # refused, refused again, then the token works
            channel = await ChannelStore(db).get(REF)
            assert channel is not None
            states += [o.state for o in await delivery.deliver_due(channel, clock())]
            if states[-1] == "retry":
                stored = await ChannelStore(db).get(REF)
                assert stored is not None and stored.last_error is not None
                assert stored.last_error.startswith("Discord refused the bot token from $DISCORD_TOKEN (HTTP 401")
                assert delivery.tokens.reason("discord") == stored.last_error
            clock.advance(timedelta(hours=1))
    finally:
        await adapter.close()
    assert states == ["retry", "retry", "delivered"]
    assert len(fake.calls("POST", MESSAGES)) == 3  # the briefing's tries only: no notice to the channel or by DM
    assert fake.calls("POST", r"/users/@me/channels") == []
    told = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(told) == 1 and "$DISCORD_TOKEN" in told[0] and "Reset Token" in told[0], told
    assert "were told" not in caplog.text
    assert [e.state for e in await DeliveryLedger(db).entries(REF.key)] == ["delivered"]
    stored = await ChannelStore(db).get(REF)
    assert stored is not None and stored.last_error is None and delivery.tokens.reason("discord") is None
