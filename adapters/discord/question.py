"""A Discord message for the bot as kept with its claim in the store (JSON): what answering it needs, so a run that
did not receive it (the next one, after a restart) can answer it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import discord

from adapters.discord.addressed import is_direct, mentions_user

VERSION = 1  # of the JSON below: a question of another version is not answered from


@dataclass(frozen=True)
class DiscordQuestion:
    """One message addressed to the bot: where (channel, its server, a thread's parent when known), by whom, what."""

    channel: str  # the channel's (or thread's, or DM's) id
    message: str  # the message's id
    guild: str | None  # its server's id; None in a DM
    author: str  # the asker's user id
    content: str  # the message text as Discord sent it (mention markup included)
    dm: bool  # in a direct-message channel with the bot
    parent: str | None  # a thread's parent channel, when the client knew the thread; None otherwise
    mentions_me: bool  # it mentions the bot user itself (not only its role)

    def asked_at(self) -> datetime | None:
        """When the message was written: a Discord id (snowflake) carries its creation time; None if it is no id."""
        try:
            return discord.utils.snowflake_time(int(self.message))
        except (ValueError, OverflowError, OSError):
            return None


def question_of(message: discord.Message, bot_id: int) -> DiscordQuestion:
    """The question a message for the bot asks."""
    channel = message.channel
    parent = getattr(channel, "parent_id", None) if isinstance(channel, discord.Thread) else None
    guild = message.guild.id if message.guild is not None else getattr(channel, "guild_id", None)
    return DiscordQuestion(channel=str(channel.id), message=str(message.id),
                           guild=None if guild is None else str(guild), author=str(message.author.id),
                           content=message.content, dm=is_direct(message),
                           parent=None if parent is None else str(parent), mentions_me=mentions_user(message, bot_id))


def encode_question(question: DiscordQuestion) -> str:
    """ASCII JSON: a lone surrogate the gateway's JSON may carry (``"\\ud83d"``, half an emoji) stays an escape,
    which SQLite and PostgreSQL store, where as a character it would fail the claim (not UTF-8)."""
    return json.dumps({"v": VERSION, **asdict(question)}, ensure_ascii=True, separators=(",", ":"))


def decode_question(text: str | None) -> DiscordQuestion | None:
    """The question kept as ``text``; None when there is none, or it is not one this version wrote."""
    if not text:
        return None
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
        return None
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return None
    ids = ("channel", "message", "author")
    optional_ids = ("guild", "parent")
    if not all(_snowflake(data.get(k)) for k in ids) or not all(
            data.get(k) is None or _snowflake(data.get(k)) for k in optional_ids):
        return None
    if not isinstance(data.get("content"), str) or not isinstance(data.get("dm"), bool) or not isinstance(
            data.get("mentions_me"), bool):
        return None
    return DiscordQuestion(channel=data["channel"], message=data["message"], guild=data.get("guild"),
                           author=data["author"], content=data["content"], dm=data["dm"], parent=data.get("parent"),
                           mentions_me=data["mentions_me"])


def _snowflake(value: object) -> bool:
    return isinstance(value, str) and value.isdigit() and len(value) <= 20
