"""`briefbot run` with Discord answers at start a mention sent while no run was connected: the composition root hands
the adapter the channels where people talk to the bot, and it reads their last hour of history."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from discord_history import Written, history_message
from fake_discord import BOT_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from mention_messages import READER

from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.discord import test_process_e2e as whole  # by package path: tests/slack has a module of the same name
from tests.discord.test_process_answered_once import Bot, replies_to

pytestmark = pytest.mark.slow


async def test_run_answers_a_mention_sent_while_no_run_was_connected(fake: FakeDiscord, tmp_path: Path) -> None:
    config, store = tmp_path / "briefbot.toml", tmp_path / "store.db"
    whole.write_config(config, fake, store)
    now = datetime.now(UTC)  # the process's clock is the real one
    channel = ChannelRef("discord", CHANNEL_ID)
    db = await Database.open(f"sqlite:///{store}")
    try:
        await ChannelStore(db).ensure(channel, ChannelDefaults("daily 08:00", "UTC"), now=now - timedelta(days=2))
    finally:
        await db.close()
    fake.ids_from(now)
    asked = Written().id_at(now - timedelta(minutes=10))
    fake.messages[CHANNEL_ID] = [history_message(
        asked, CHANNEL_ID, f"<@{BOT_ID}> topics", author=fake.user(READER, f"user{READER}"), guild_id=GUILD_ID,
        mentions=[fake.user(BOT_ID, "briefbot", bot=True)])]

    proc = await asyncio.create_subprocess_exec(*whole.briefbot(), "run", "-v", "--config", str(config),
                                                env=whole.child_env(), stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT)
    bot = Bot(proc)
    reading = asyncio.create_task(bot.read())
    try:
        await bot.logged(f"discord: message {asked} in {channel.key} answered", timeout=90)
        await bot.logged("caught up on messages sent while no run was connected: 1 channel(s) read (0 unreadable)")
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 30)
        await asyncio.wait_for(reading, 30)
    log = "".join(bot.lines)
    assert "answering a mention sent while no run was connected" in log, log[-3000:]
    assert len(replies_to(fake, asked)) == 1
    db = await Database.open(f"sqlite:///{store}")
    try:
        assert not await AnsweredStore(db).claim(channel, asked, now=datetime.now(UTC))  # done: nobody answers again
    finally:
        await db.close()
