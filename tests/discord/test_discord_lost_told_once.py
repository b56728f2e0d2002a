"""Discord lost (its token refused at log-in) while Slack goes on: the adapter's "stopped" line is the one ERROR; the
delivery's refusal line for the same reason, when a briefing to Discord then waits, is INFO, so an operator alerting on
ERROR is alerted once. A refusal the delivery found first keeps its ERROR and the stopped line after it is INFO."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_harness import Recorder, discord_config
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.adapter import Adapter
from bot.cli_adapters import AdapterTasks
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.token_refusals import TokenRefusals
from tests.channels.channel_fakes import add_story

T0 = datetime(2026, 7, 6, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("discord", CHANNEL_ID)
LOGGERS = ("bot.cli_adapters", "bot.delivery")


class SlackGoesOn:
    """Another adapter, running until cancelled."""

    name = "slack"

    async def run(self, dispatch: object) -> None:
        await asyncio.Event().wait()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'told.db'}")
    await ChannelStore(database).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(
        database,
        "s1",
        text="The Quillby lighthouse was relit after forty years. Its keeper climbed the stair at dusk.",
        title="Quillby lighthouse relit",
        now=SLOT - timedelta(hours=1),
    )
    yield database
    await database.close()


def errors_and_infos(caplog: pytest.LogCaptureFixture, reason: str) -> list[tuple[str, int]]:
    return [(r.name, r.levelno) for r in caplog.records if r.name in LOGGERS and reason in r.getMessage()]


@pytest.mark.parametrize("delivery_first", [False, True])
async def test_a_lost_discord_is_one_error_line(
    db: Database, fake: FakeDiscord, recorder: Recorder, caplog: pytest.LogCaptureFixture, delivery_first: bool
) -> None:
    fake.fail("GET", r"/users/@me$", 401, count=5)
    clock = ManualClock(SLOT)
    adapter = DiscordAdapter(discord_config(fake), clock=clock, guild_ready_timeout=0.05)
    delivery = Delivery(db, Config(discord=adapter._config), {"discord": adapter}, clock=clock)
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    adapters: list[Adapter] = [SlackGoesOn(), adapter]  # type: ignore[list-item]
    stop = asyncio.Event()
    with caplog.at_level(logging.INFO):
        if delivery_first:  # a post found the token refused before the adapter's run ended
            await delivery.deliver_due(channel, clock())
        running = AdapterTasks(adapters, recorder.dispatcher, stop, tokens=delivery.tokens)
        await asyncio.wait([running.tasks[1]])
        if not delivery_first:
            await delivery.deliver_due(channel, clock())
        await running.cancel()
    await adapter.close()
    assert not stop.is_set()  # Slack goes on
    reason = delivery.tokens.reason("discord")
    assert reason is not None and "$DISCORD_TOKEN" in reason
    told = errors_and_infos(caplog, reason)
    first, second = ("bot.delivery", "bot.cli_adapters") if delivery_first else ("bot.cli_adapters", "bot.delivery")
    assert told == [(first, logging.ERROR), (second, logging.INFO)]


def test_a_reason_refused_again_after_being_accepted_is_an_error_again(caplog: pytest.LogCaptureFixture) -> None:
    tokens = TokenRefusals()
    why = "Slack refused the bot token from $SLACK_BOT_TOKEN (chat.postMessage: token_revoked)"
    with caplog.at_level(logging.INFO, logger="bot.delivery"):
        tokens.refuse("slack", why, T0)
        tokens.accepted("slack")
        tokens.refuse("slack", why, SLOT)
    assert [r.levelno for r in caplog.records if why in r.getMessage()] == [logging.ERROR, logging.ERROR]
