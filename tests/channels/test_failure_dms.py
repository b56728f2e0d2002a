"""A briefing that fails for good reaches the people who set the channel up from chat, by DM, on the local
Discord (subscribed through ``/brief subscribe`` over the gateway) and the local Slack."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

# the Slack and Discord test helpers are plain modules beside their tests (their conftests do the same)
for _folder in ("slack", "discord"):
    _path = str(Path(__file__).parents[1] / _folder)
    if _path not in sys.path:
        sys.path.insert(0, _path)

from discord_harness import discord_config, start, stop  # noqa: E402
from fake_discord import CHANNEL_ID, FakeDiscord, running_fake_discord  # noqa: E402
from fake_slack import FakeSlack  # noqa: E402
from slack_helpers import slack_config  # noqa: E402

from adapters.discord import DiscordAdapter  # noqa: E402
from adapters.slack import build_slack_adapter  # noqa: E402
from bot.commands import build_dispatcher  # noqa: E402
from bot.commands.deps import CommandDeps  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.delivery import Delivery  # noqa: E402
from bot.models import ChannelRef  # noqa: E402
from bot.store.channels import ChannelDefaults, ChannelStore  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.ledger import DeliveryLedger  # noqa: E402
from tests.channels.channel_fakes import add_story  # noqa: E402

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
MANAGE_CHANNELS = 1 << 4
REFUSES_DMS = "900000000000000041"  # a Discord user who turned off DMs from server members
WANTS_DMS = "900000000000000042"
HARBOUR = ("The harbour council met to discuss repairs to the old quay. Officials said work on the harbour "
           "would start next month. Residents asked for more parking.")


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord() as server:
        yield server


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    server = FakeSlack(clock=lambda: T0.timestamp())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def due_channel(db: Database, ref: ChannelRef) -> None:
    await ChannelStore(db).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(db, "harbour", text=HARBOUR, title="Harbour repairs", now=T0 + timedelta(hours=7))


async def subscribe_from_discord(server: FakeDiscord, user: str, topic: str) -> None:
    inter = await server.push_command("subscribe", {"topic": topic}, user_id=user, permissions=MANAGE_CHANNELS)
    await server.wait_for(lambda: bool(server.calls("POST", rf"/interactions/{inter}/[^/]+/callback")))


async def test_a_discord_channel_failing_for_good_dms_whoever_subscribed_it_from_chat(
        db: Database, config: Config, discord_fake: FakeDiscord) -> None:
    config = Config(briefing=config.briefing, scheduler=config.scheduler, discord=discord_config(discord_fake))
    ref = ChannelRef("discord", CHANNEL_ID)
    await due_channel(db, ref)
    adapter = DiscordAdapter(config.discord, clock=lambda: T0, guild_ready_timeout=0.05)
    task = await start(adapter, discord_fake, build_dispatcher(CommandDeps(config, db, lambda: T0)))
    try:
        await subscribe_from_discord(discord_fake, REFUSES_DMS, "quay")
        await subscribe_from_discord(discord_fake, WANTS_DMS, "harbour")
        await ChannelStore(db).subscribe(ref, "bridge", user="cli", now=T0)  # the operator's terminal: no DM
        discord_fake.dms_closed.add(REFUSES_DMS)
        discord_fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", 403, count=10)  # access taken away

        channel = await ChannelStore(db).get(ref)
        assert channel is not None and set(channel.topics) == {"quay", "harbour", "bridge"}
        outcomes = await Delivery(db, config, {"discord": adapter}).deliver_due(channel, SLOT)
    finally:
        await stop(task, adapter)

    assert [o.state for o in outcomes] == ["failed"]
    assert [e.state for e in await DeliveryLedger(db).entries(ref.key)] == ["failed"]
    assert CHANNEL_ID not in discord_fake.messages  # neither the briefing nor the notice got in
    opened = [r.body["recipient_id"] for r in discord_fake.calls("POST", "/users/@me/channels")]
    assert opened == [int(REFUSES_DMS), int(WANTS_DMS)]  # one refusing DMs does not stop the next
    assert discord_fake.messages.get(discord_fake.dms[REFUSES_DMS], []) == []
    [note] = discord_fake.messages[discord_fake.dms[WANTS_DMS]]
    assert note["content"].startswith(f"I could not post the briefing for discord:{CHANNEL_ID}: missing access")
    assert "View Channel, Send Messages and Embed Links" in note["content"]
    stored = await ChannelStore(db).get(ref)
    assert stored is not None and stored.last_error is not None and "missing access" in stored.last_error


async def test_a_slack_channel_failing_for_good_dms_whoever_subscribed_it(
        db: Database, config: Config, slack: FakeSlack) -> None:
    config = Config(briefing=config.briefing, scheduler=config.scheduler, slack=slack_config(slack))
    ref = ChannelRef("slack", "C0BRIEFS")
    await due_channel(db, ref)
    store = ChannelStore(db)
    await store.subscribe(ref, "harbour", user="U0ALICE", now=T0)  # as /brief subscribe stores its user
    await store.subscribe(ref, "bridge", user="cli", now=T0)
    slack.not_in_channel.add("C0BRIEFS")
    adapter = build_slack_adapter(config.slack, clock=lambda: SLOT)
    try:
        channel = await store.get(ref)
        assert channel is not None
        outcomes = await Delivery(db, config, {"slack": adapter}).deliver_due(channel, SLOT)
    finally:
        await adapter.close()

    assert [o.state for o in outcomes] == ["failed"]
    assert [m for m in slack.messages if m["channel"] == "C0BRIEFS"] == []
    assert list(slack.dms) == ["U0ALICE"]
    [note] = [m for m in slack.messages if m["channel"] == slack.dms["U0ALICE"]]
    assert note["text"].startswith("I could not post the briefing for slack:C0BRIEFS: not_in_channel")
    assert ("chat.postMessage", "not_in_channel") in slack.rejected
