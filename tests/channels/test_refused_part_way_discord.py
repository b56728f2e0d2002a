"""A Discord channel refusing a briefing part-way (403 Missing Access 50001, 404 Unknown Channel 10003 after parts 1
and 2): the stories of the parts that went out are not posted again as new; those of the refused parts come next."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

# the Discord test helpers are plain modules beside their tests (their conftest does the same)
_path = str(Path(__file__).parents[1] / "discord")
if _path not in sys.path:
    sys.path.insert(0, _path)

from discord_harness import discord_config  # noqa: E402
from fake_discord import CHANNEL_ID, FakeDiscord, running_fake_discord  # noqa: E402

from adapters.discord import DiscordAdapter  # noqa: E402
from bot.config import BriefingConfig, Config, SchedulerConfig  # noqa: E402
from bot.delivery import Delivery  # noqa: E402
from bot.models import ChannelRef  # noqa: E402
from bot.store.channels import ChannelDefaults, ChannelStore  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.ledger import DeliveryLedger  # noqa: E402
from digests.story_actions import parse_action_id  # noqa: E402
from tests.channels.channel_fakes import add_story  # noqa: E402

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
REF = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"
STORIES = 20  # five stories with buttons to a message: a briefing of four messages
VALLEYS = ("Orrin", "Tessel", "Harrowdene", "Mirefield", "Upper Casby")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with running_fake_discord() as server:
        yield server


def story_text(n: int) -> str:
    valley = VALLEYS[n % len(VALLEYS)]
    return (f"The water board of {valley} opened reservoir gate {n} after the spring rains. Its engineer, Lyle "
            f"Amber, said gate {n} would stay open for {n + 3} days. Farmers downstream moved their sheep uphill.")


async def deliver(db: Database, fake: FakeDiscord, config: Config, now: datetime) -> str:
    """One scheduler pass over the channel by a fresh adapter; the slot's outcome."""
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: now, guild_ready_timeout=0.05)
    try:
        channel = await ChannelStore(db).get(REF)
        assert channel is not None
        [outcome] = await Delivery(db, Config(briefing=config.briefing, scheduler=config.scheduler,
                                              discord=adapter._config), {"discord": adapter}).deliver_due(channel, now)
        return outcome.state
    finally:
        await adapter.close()


def shown(message: dict[str, Any]) -> list[str]:
    """The stories a posted message shows, read from the ids its story buttons carry back."""
    ids = []
    for row in message.get("components") or []:
        for button in row.get("components", []):
            parsed = parse_action_id(str(button.get("custom_id", "")))
            if parsed is not None and parsed[0] == "story":
                ids.append(parsed[1])
    return ids


@pytest.mark.parametrize(("status", "code"), [(403, 50001), (404, 10003)])
async def test_stories_of_the_parts_that_went_out_are_not_posted_again(
        db: Database, fake: FakeDiscord, status: int, code: int) -> None:
    config = Config(briefing=BriefingConfig(max_stories=STORIES, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"))
    await ChannelStore(db).ensure(REF, ChannelDefaults("every 1h", "UTC"), now=T0)
    for n in range(STORIES):
        await add_story(db, f"gate{n}", text=story_text(n), title=f"Reservoir gate {n} opened",
                        now=T0 + timedelta(minutes=30, seconds=n))
    fake.fail("POST", MESSAGES, status, code=code, skip=2)  # parts 1 and 2 out, then the channel refuses the bot

    assert await deliver(db, fake, config, T0 + timedelta(hours=1)) == "failed"
    first = list(fake.messages[CHANNEL_ID])
    went_out = [s for m in first for s in shown(m)]
    assert len(first) == 2 and went_out and len(set(went_out)) == len(went_out)
    ledger = DeliveryLedger(db)
    [failed] = await ledger.entries(REF.key)
    assert failed.state == "failed" and failed.message_ids == tuple(str(m["id"]) for m in first)
    not_out = [s for s in failed.story_ids if s not in went_out]
    assert not_out  # the refused parts held stories too

    await add_story(db, "gate-new", text=story_text(77), title="Reservoir gates all closed again",
                    now=T0 + timedelta(hours=1, minutes=30))
    assert await deliver(db, fake, config, T0 + timedelta(hours=2)) == "delivered"
    delivered = [e for e in await ledger.entries(REF.key) if e.state == "delivered"]
    assert len(delivered) == 1
    # none of parts 1 and 2 again; every story of the refused parts, and the new one
    assert sorted(delivered[0].story_ids) == sorted([*not_out, "gate-new"])
    second = [s for m in fake.messages[CHANNEL_ID][2:] for s in shown(m)]
    assert sorted(second) == sorted([*not_out, "gate-new"])
    assert await ledger.delivered_story_ids(REF.key) == {f"gate{n}" for n in range(STORIES)} | {"gate-new"}
