"""The real delivery and ledger on the local Discord: a retry past the nonce window, a channel refusing the bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_harness import discord_config
from fake_discord import CHANNEL_ID, FORUM_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
PLACES = ("Varnholm", "Ostrava Bay", "Kelby", "Dunmere", "Little Ashford", "Porthwen", "Saltcombe", "Greyhaven",
          "Marrow Point", "Tillbury", "Eastwick Sound", "Fennick")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'delivery.db'}")
    yield database
    await database.close()


async def due_channel(db: Database, ref: ChannelRef) -> None:
    """A channel due at 08:00 with twelve harbour stories: a briefing of two messages at least."""
    store = ChannelStore(db)
    await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await store.subscribe(ref, "harbour", user="cli", now=T0)
    for i, place in enumerate(PLACES):
        text = (f"The harbour board of {place} voted on new moorings for the fishing fleet. Its chair, Ada Pell "
                f"{i}, said the harbour would reopen in {i + 2} weeks. Traders in {place} welcomed the plan.")
        await add_story(db, f"harbour-{i}", text=text, title=f"{place} harbour to reopen",
                        now=T0 + timedelta(hours=7, minutes=i))


def adapter_for(fake: FakeDiscord, **overrides: object) -> DiscordAdapter:
    return DiscordAdapter(discord_config(fake, **overrides), clock=lambda: SLOT, guild_ready_timeout=0.05)


async def deliver(db: Database, fake: FakeDiscord, ref: ChannelRef, now: datetime, **overrides: object) -> str:
    """One pass of the scheduler over the channel, by a fresh adapter (a restart between passes); the outcome."""
    adapter = adapter_for(fake, **overrides)
    try:
        channel = await ChannelStore(db).get(ref)
        assert channel is not None
        [outcome] = await Delivery(db, Config(discord=adapter._config), {"discord": adapter}).deliver_due(channel, now)
        return outcome.state
    finally:
        await adapter.close()


async def test_a_retry_past_the_nonce_window_posts_each_part_once(db: Database, fake: FakeDiscord) -> None:
    ref = ChannelRef("discord", CHANNEL_ID)
    await due_channel(db, ref)
    fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", 429, skip=1, count=5, retry_after=0.001)
    assert await deliver(db, fake, ref, SLOT) == "retry"
    [entry] = await DeliveryLedger(db).entries(ref.key)
    assert entry.message_ids == (fake.messages[CHANNEL_ID][0]["id"],)  # the ledger has part 1
    fake.advance(fake.nonce_window + 60)  # the retry comes minutes later: Discord forgot the nonces
    assert await deliver(db, fake, ref, SLOT + timedelta(minutes=30)) == "delivered"
    [entry] = await DeliveryLedger(db).entries(ref.key)
    ids = [m["id"] for m in fake.messages[CHANNEL_ID]]
    assert len(ids) >= 2 and len(set(ids)) == len(ids)
    assert list(entry.message_ids) == ids  # every part once, in order
    titles = [e["title"] for m in fake.messages[CHANNEL_ID] for e in m["embeds"] if "harbour to reopen" in e["title"]]
    assert len(titles) == len(set(titles)) >= 2  # no story twice


async def test_a_forum_retry_opens_no_second_post(db: Database, fake: FakeDiscord) -> None:
    ref = ChannelRef("discord", FORUM_ID)
    await due_channel(db, ref)
    fake.fail("POST", r"/channels/\d+/messages", 429, count=5, retry_after=0.001)  # part 2, in the post's thread
    assert await deliver(db, fake, ref, SLOT, thread_per_briefing=True) == "retry"
    fake.advance(fake.nonce_window + 60)
    assert await deliver(db, fake, ref, SLOT + timedelta(minutes=30), thread_per_briefing=True) == "delivered"
    assert len(fake.calls("POST", rf"/channels/{FORUM_ID}/threads")) == 1  # one forum post, not 2
    [entry] = await DeliveryLedger(db).entries(ref.key)
    thread = entry.message_ids[0]
    assert list(entry.message_ids) == [m["id"] for m in fake.messages[thread]]


async def test_a_channel_refusing_the_bot_gets_no_notice_posted_in_it(db: Database, fake: FakeDiscord) -> None:
    ref = ChannelRef("discord", CHANNEL_ID)
    await due_channel(db, ref)
    fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", 404, count=10)  # 10003 Unknown Channel: removed
    assert await deliver(db, fake, ref, SLOT) == "failed"
    assert len(fake.calls("POST", rf"/channels/{CHANNEL_ID}/messages")) == 1  # the briefing; no notice after it
