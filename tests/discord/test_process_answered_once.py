"""`briefbot run` with Discord over a store where a run that died left a mention claimed and unanswered: the new
process answers it once when READY, answers a live mention too, and records both done in the store (the composition
root hands the adapter the store's claims); and SIGTERM while an answer is in flight lets it finish first."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from fake_discord import BOT_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from mention_messages import READER, push_message

from adapters.discord.question import DiscordQuestion, encode_question
from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.db import Database
from tests.discord import test_process_e2e as whole  # by package path: tests/slack has a module of the same name

pytestmark = pytest.mark.slow

DIED = "run-that-died"


@dataclass
class Bot:
    """A `briefbot run -v` process and every line it has logged so far."""

    proc: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            async with self.changed:
                self.lines.append(line.decode(errors="replace"))
                self.changed.notify_all()

    async def logged(self, text: str, timeout: float = 60) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: any(text in line for line in self.lines)), timeout)


def replies_to(fake: FakeDiscord, message_id: str) -> list[dict[str, Any]]:
    return [r.body for r in fake.calls("POST", rf"/channels/{CHANNEL_ID}/messages")
            if str((r.body.get("message_reference") or {}).get("message_id")) == message_id]


async def test_run_answers_what_a_dead_run_left_and_records_its_answers(fake: FakeDiscord, tmp_path: Path) -> None:
    config, store = tmp_path / "briefbot.toml", tmp_path / "store.db"
    whole.write_config(config, fake, store)
    ago = datetime.now(UTC) - timedelta(minutes=10)  # the process's clock is the real one
    left = DiscordQuestion(CHANNEL_ID, str(discord.utils.time_snowflake(ago)), GUILD_ID, READER,
                           f"<@{BOT_ID}> topics", False, None, True)
    channel = ChannelRef("discord", CHANNEL_ID)
    db = await Database.open(f"sqlite:///{store}")
    try:  # the dead run claimed it when it was written
        assert await AnsweredStore(db, owner=DIED).claim(channel, left.message, now=ago,
                                                         question=encode_question(left))
    finally:
        await db.close()

    proc = await asyncio.create_subprocess_exec(*whole.briefbot(), "run", "-v", "--config", str(config),
                                                env=whole.child_env(), stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT)
    bot = Bot(proc)
    reading = asyncio.create_task(bot.read())
    try:
        await bot.logged(f"discord: message {left.message} in {channel.key} answered", timeout=90)
        live = await push_message(fake, f"<@{BOT_ID}> topics")
        await bot.logged(f"discord: message {live} in {channel.key} answered")
    finally:
        proc.terminate()
        await asyncio.wait_for(proc.wait(), 30)
        await asyncio.wait_for(reading, 30)
    log = "".join(bot.lines)
    assert "answering a mention left unanswered by a run that stopped" in log, log[-3000:]
    assert len(replies_to(fake, left.message)) == 1 and len(replies_to(fake, live)) == 1
    db = await Database.open(f"sqlite:///{store}")
    try:
        later = AnsweredStore(db)  # the next run: nothing left undone, and neither message is its to answer
        assert await later.left_undone("discord") == []
        for message in (left.message, live):
            assert not await later.claim(channel, message, now=datetime.now(UTC))
    finally:
        await db.close()


async def test_a_mention_whose_answer_is_in_flight_at_sigterm_is_finished_before_the_process_exits(
        fake: FakeDiscord, tmp_path: Path) -> None:
    """A normal stop (SIGTERM, as a deploy sends) while Discord is slow to take an answer in: the run reads no more
    from the gateway, lets the answer finish (the local Discord holds its post until the run says it waits for it),
    marks the mention done and exits 0; the next run finds nothing left undone."""
    config, store = tmp_path / "briefbot.toml", tmp_path / "store.db"
    whole.write_config(config, fake, store)
    proc = await asyncio.create_subprocess_exec(*whole.briefbot(), "run", "-v", "--config", str(config),
                                                env=whole.child_env(), stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT)
    bot = Bot(proc)
    reading = asyncio.create_task(bot.read())
    channel = ChannelRef("discord", CHANNEL_ID)
    try:
        await bot.logged("briefbot running with", timeout=90)
        await fake.wait_ready(timeout=90)
        fake.hold("POST", rf"/channels/{CHANNEL_ID}/messages")
        asked = await push_message(fake, f"<@{BOT_ID}> topics")
        await fake.wait_for(lambda: len(fake.held) == 1, timeout=60)  # the answer is being posted
        proc.terminate()
        await bot.logged("discord: stopped taking messages; letting 1 answer(s) in flight finish")
        assert proc.returncode is None and fake.messages.get(CHANNEL_ID, []) == []
        fake.release()
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        fake.release()
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await asyncio.wait_for(reading, 30)
    log = "".join(bot.lines)
    assert f"discord: message {asked} in {channel.key} answered" in log, log[-3000:]
    assert "cut off" not in log
    assert len(replies_to(fake, asked)) == 1 and len(fake.messages[CHANNEL_ID]) == 1
    db = await Database.open(f"sqlite:///{store}")
    try:
        later = AnsweredStore(db)  # the next run: nothing left undone, and the message is not its to answer
        assert await later.left_undone("discord") == []
        assert not await later.claim(channel, asked, now=datetime.now(UTC))
    finally:
        await db.close()
