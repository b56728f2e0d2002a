"""The bot's discord.py client waits out a 429's Retry-After in-process only up to ``MAX_RATELIMIT_WAIT`` (30 s); a
longer one is raised at once and handed to the delivery ledger, which retries from Discord's answer, so a channel's
delivery is never held for it. End to end against the local Discord; discord.py's sleeps move a ManualClock instead
of the wall clock (nothing sleeps), and what it waited is recorded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from discord_clocked import ClockedAsyncio, clocked_http
from discord_harness import NOW, AdapterFactory, Recorder, discord_config, real_briefing, start, stop
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from adapters.discord.check import DiscordCheck
from adapters.discord.client import MAX_RATELIMIT_WAIT
from bot.adapter import PostError
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 7, 7, 0, 0, tzinfo=UTC)  # far ahead of the wall clock
SLOT = T0 + timedelta(hours=8)
CHANNEL = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(SLOT)


@pytest.fixture
def waits(clock: ManualClock, monkeypatch: pytest.MonkeyPatch) -> ClockedAsyncio:
    return clocked_http(clock, monkeypatch)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'discord_retry.db'}")
    yield database
    await database.close()


def test_the_bots_client_has_the_bound(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    """Set by the adapter itself (discord.py has no bound by default), at discord.py's own minimum."""
    assert MAX_RATELIMIT_WAIT == 30.0
    assert make_adapter().client.http.max_ratelimit_timeout == MAX_RATELIMIT_WAIT


@pytest.mark.parametrize("retry_after", [0.5, 29.0, MAX_RATELIMIT_WAIT])
async def test_a_retry_after_within_the_bound_is_waited_out_and_the_post_goes_out(
        fake: FakeDiscord, make_adapter: AdapterFactory, waits: ClockedAsyncio, retry_after: float) -> None:
    fake.fail("POST", MESSAGES, 429, retry_after=retry_after)
    ids = await make_adapter().post(CHANNEL, real_briefing(1), key="slot-1")
    assert waits.slept == [retry_after]  # discord.py waited it out in-process, once
    assert len(fake.calls("POST", MESSAGES)) == 2  # the 429, then the post that went out
    assert ids == [m["id"] for m in fake.messages[CHANNEL_ID]] and len(ids) == 1


@pytest.mark.parametrize("retry_after", [MAX_RATELIMIT_WAIT + 1, 600.0])
async def test_a_retry_after_past_the_bound_is_handed_back_at_once(
        fake: FakeDiscord, make_adapter: AdapterFactory, waits: ClockedAsyncio, retry_after: float) -> None:
    fake.fail("POST", MESSAGES, 429, retry_after=retry_after)
    with pytest.raises(PostError) as failed:
        await make_adapter().post(CHANNEL, real_briefing(1), key="slot-1")
    assert (failed.value.kind, failed.value.retry_after) == ("retryable", retry_after)
    assert waits.slept == []  # nothing waited in the process: the post is not held
    assert len(fake.calls("POST", MESSAGES)) == 1 and CHANNEL_ID not in fake.messages


async def test_a_long_rate_limit_at_login_is_handed_back_too(
        fake: FakeDiscord, make_adapter: AdapterFactory, waits: ClockedAsyncio) -> None:
    fake.fail("GET", "/users/@me", 429, retry_after=600.0)
    with pytest.raises(PostError) as failed:
        await make_adapter().post(CHANNEL, real_briefing(1), key="slot-1")
    assert (failed.value.kind, failed.value.retry_after, waits.slept) == ("retryable", 600.0, [])
    assert "rate limited for 600s" in failed.value.reason


async def test_a_long_rate_limit_on_the_command_sync_leaves_the_bot_running(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder, waits: ClockedAsyncio,
        caplog: pytest.LogCaptureFixture) -> None:
    fake.fail("PUT", r"/applications/\d+/guilds/\d+/commands", 429, retry_after=600.0)
    adapter = make_adapter()
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("echo", {"text": "still answering"})
        await fake.wait_for(lambda: bool(fake.calls("POST", rf"/interactions/{inter}/[^/]+/callback")))
    finally:
        await stop(task, adapter)
    assert waits.slept == [] and fake.identifies == 1
    assert "could not sync /brief: rate limited for 600 s" in caplog.text


@pytest.mark.parametrize(("sharded", "path"), [(False, "/users/@me"), (True, "/users/@me"),
                                               (True, "/gateway/bot")])
async def test_a_long_rate_limit_on_the_way_to_the_gateway_is_waited_out_and_the_bot_connects(
        fake: FakeDiscord, recorder: Recorder, waits: ClockedAsyncio, sharded: bool, path: str) -> None:
    """Logging in, and asking where the gateway is (sharded): nothing waits on the gateway session, so the adapter
    waits the 429 out and tries again rather than leave the run without commands."""
    fake.fail("GET", path, 429, retry_after=600.0)
    adapter = DiscordAdapter(discord_config(fake, sharded=sharded), clock=lambda: NOW, guild_ready_timeout=0.05,
                             sleep=waits.sleep)
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        inter = await fake.push_command("echo", {"text": "connected after all"})
        await fake.wait_for(lambda: bool(fake.calls("POST", rf"/interactions/{inter}/[^/]+/callback")))
    finally:
        await stop(task, adapter)
    assert waits.slept == [600.0] and len(fake.calls("GET", path)) == 2 and fake.identifies == 1


@pytest.mark.parametrize(("method", "path", "check"), [
    ("GET", "/users/@me", "discord auth"), ("GET", "/users/@me/guilds", "discord servers")])
async def test_briefbot_check_reports_a_long_rate_limit_without_waiting(
        fake: FakeDiscord, waits: ClockedAsyncio, method: str, path: str, check: str) -> None:
    fake.fail(method, path, 429, retry_after=600.0)
    results = await DiscordCheck(discord_config(fake)).connect()
    [limited] = [r for r in results if r.check == check]
    assert (limited.status, waits.slept) == ("fail", [])
    assert "rate limited" in limited.detail and "600 s" in limited.detail


async def test_a_600_s_rate_limit_puts_the_ledgers_retry_at_the_clock_plus_600_s(
        fake: FakeDiscord, db: Database, clock: ManualClock, waits: ClockedAsyncio) -> None:
    outcome, adapter = await deliver(fake, db, clock, retry_after=600.0)
    assert outcome.state == "retry" and waits.slept == [] and clock() == SLOT
    entry = await DeliveryLedger(db).get(CHANNEL.key, SLOT)
    assert entry is not None and entry.retry_at == SLOT + timedelta(seconds=600)
    assert CHANNEL_ID not in fake.messages
    # at the retry, Discord takes it: the slot is delivered once
    await adapter.close()
    clock.set(SLOT + timedelta(seconds=600))
    retried, adapter = await deliver(fake, db, clock)
    await adapter.close()
    assert retried.state == "delivered" and len(fake.messages[CHANNEL_ID]) == 1


async def test_a_short_rate_limit_is_waited_out_and_the_slot_delivered(
        fake: FakeDiscord, db: Database, clock: ManualClock, waits: ClockedAsyncio) -> None:
    outcome, adapter = await deliver(fake, db, clock, retry_after=5.0)
    await adapter.close()
    assert outcome.state == "delivered" and waits.slept == [5.0] and clock() == SLOT + timedelta(seconds=5)
    entry = await DeliveryLedger(db).get(CHANNEL.key, SLOT)
    assert entry is not None and entry.state == "delivered" and len(fake.messages[CHANNEL_ID]) == 1


async def deliver(fake: FakeDiscord, db: Database, clock: ManualClock, *,
                  retry_after: float | None = None) -> tuple[Any, DiscordAdapter]:
    """The channel's due slot through the real Delivery and the real adapter (a 429 with ``retry_after`` first)."""
    config = Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"), discord=discord_config(fake))
    channels = ChannelStore(db)
    if await channels.get(CHANNEL) is None:
        await channels.ensure(CHANNEL, ChannelDefaults("daily 08:00", "UTC"), now=T0)
        await add_story(db, "s1", text="The ferry to Lindqvist Island runs again. Its new pier opened at dawn.",
                        title="Lindqvist ferry returns", now=SLOT - timedelta(hours=1))
    if retry_after is not None:
        fake.fail("POST", MESSAGES, 429, retry_after=retry_after)
    adapter = DiscordAdapter(config.discord, clock=lambda: NOW, guild_ready_timeout=0.05)
    channel = await channels.get(CHANNEL)
    assert channel is not None
    try:
        outcomes = await Delivery(db, config, {"discord": adapter}, clock=clock).deliver_due(channel, clock())
    except BaseException:
        await adapter.close()
        raise
    [outcome] = outcomes
    return outcome, adapter
