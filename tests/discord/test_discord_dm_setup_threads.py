"""Set-up typed to the bot (not ``/brief``) runs only in a DM with it: there, with ``thread_per_briefing``, the reply
says exactly what ``/brief subscribe`` says in a DM (no thread or permission warning: a DM holds no threads and has no
server permissions), and the briefing goes whole into the DM, no thread asked for. In a server channel a mention
changes nothing (tests/discord/test_discord_dm_setup.py), so it has no set-up reply to warn in."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from discord_harness import discord_config, real_briefing, start, stop
from fake_discord import FakeDiscord
from mention_messages import push_message, replies

from adapters.discord import DiscordAdapter
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef
from bot.store.db import Database
from digests.render_discord import render_discord

TYPER, SLASHER = "77", "78"
TYPED_DM, SLASH_DM = "900000000000000081", "900000000000000082"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def slash_answer(fake: FakeDiscord, inter: str) -> str | None:
    """The text ``/brief`` answered with, through the interaction (at once, or as a follow-up)."""
    for call in fake.calls("POST", rf"/interactions/{inter}/[^/]+/callback"):
        if call.body["type"] == 4:
            return str(call.body["data"].get("content") or "")
    follow: list[dict[str, Any]] = [c.body for c in fake.calls("POST", rf"/webhooks/\d+/tok{inter}")]
    return str(follow[0].get("content") or "") if follow else None


async def test_typed_and_slash_set_up_in_a_dm_answer_alike_and_the_briefing_goes_whole_into_the_dm(
        fake: FakeDiscord, tmp_path: Path) -> None:
    fake.dms.update({TYPER: TYPED_DM, SLASHER: SLASH_DM})
    briefing = real_briefing(40)
    db = await Database.open(f"sqlite:///{tmp_path / 'dm-threads.db'}")
    adapter = DiscordAdapter(discord_config(fake, thread_per_briefing=True), clock=lambda: NOW,
                             guild_ready_timeout=0.05)
    try:
        task = await start(adapter, fake, build_dispatcher(CommandDeps(Config(), db, ManualClock(NOW))))
        try:
            await push_message(fake, "subscribe harbour", author=TYPER, mentions=(), channel_id=TYPED_DM, dm=True)
            inter = await fake.push_command("subscribe", {"topic": "harbour"}, user_id=SLASHER, dm_channel=SLASH_DM)
            await fake.wait_for(lambda: bool(replies(fake, TYPED_DM)) and slash_answer(fake, inter) is not None,
                                timeout=30)
            ids = await adapter.post(ChannelRef("discord", TYPED_DM), briefing, key="dm-slot")
        finally:
            await stop(task, adapter)
    finally:
        await db.close()
    typed = replies(fake, TYPED_DM)[0]["content"]
    assert "harbour" in typed, typed
    assert typed == slash_answer(fake, inter)  # the same reply both ways
    assert "Warning" not in typed
    posted = [m["id"] for m in fake.messages[TYPED_DM] if m.get("embeds")]
    assert ids == posted and len(ids) == len(render_discord(briefing)) > 1
    assert fake.calls("POST", rf"/channels/{TYPED_DM}/messages/\d+/threads") == []
