"""Messages for the bot as the local Discord sends them (MESSAGE_CREATE), the adapter that answers them, and
the replies it posted."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from discord_harness import NOW, discord_config, start, stop
from fake_discord import BOT_ID, CHANNEL_ID, GUILD_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.commands.base import Dispatch

READER = "42"


@asynccontextmanager
async def answering(fake: FakeDiscord, dispatch: Dispatch, *, clock: Callable[[], datetime] = lambda: NOW,
                    typing_wait: float = 1.0) -> AsyncIterator[DiscordAdapter]:
    """The real adapter, connected to the local gateway and answering through ``dispatch``, until the end."""
    adapter = DiscordAdapter(discord_config(fake), clock=clock, typing_wait=typing_wait, guild_ready_timeout=0.05)
    task = await start(adapter, fake, dispatch)
    try:
        yield adapter
    finally:
        await stop(task, adapter)


async def push_message(fake: FakeDiscord, content: str, *, author: str = READER, bot: bool = False,
                       mentions: Sequence[str] = (BOT_ID,), roles: Sequence[str] = (), everyone: bool = False,
                       channel_id: str = CHANNEL_ID, dm: bool = False, kind: int = 0,
                       message_id: str | None = None) -> str:
    """Dispatch MESSAGE_CREATE as Discord sends it to a bot without the Message Content intent: the content
    is there because the message mentions the bot (or is a DM). ``roles``: the role ids it mentions;
    ``everyone``: it pings @everyone or @here; ``message_id``: that of a message sent before (the gateway delivering
    it again), by default a new one. Returns the message id."""
    message_id = message_id or fake.new_id()
    data: dict[str, Any] = {
        "id": message_id, "channel_id": channel_id, "type": kind, "content": content,
        "author": fake.user(author, f"user{author}", bot=bot), "timestamp": "2025-03-01T09:30:00+00:00",
        "edited_timestamp": None, "tts": False, "mention_everyone": everyone, "mention_roles": list(roles),
        "mentions": [fake.user(m, "briefbot" if m == BOT_ID else f"user{m}", bot=m == BOT_ID) for m in mentions],
        "attachments": [], "embeds": [], "components": [], "pinned": False, "flags": 0, "nonce": None}
    if not dm:
        data.update(guild_id=GUILD_ID, member={"roles": [], "joined_at": "2025-01-01T00:00:00+00:00",
                                               "deaf": False, "mute": False, "flags": 0})
    await fake.dispatch("MESSAGE_CREATE", data)
    return message_id


def replies(fake: FakeDiscord, channel_id: str = CHANNEL_ID) -> list[dict[str, Any]]:
    return [r.body for r in fake.calls("POST", rf"/channels/{channel_id}/messages")]


def assert_reply_to(body: dict[str, Any], message_id: str) -> None:
    assert str(body["message_reference"]["message_id"]) == message_id
    assert body["allowed_mentions"] == {"parse": [], "replied_user": False}  # not even the asker is pinged
