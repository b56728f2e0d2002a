"""Whether a Discord message is for the bot: a DM with it, a mention of it, or a mention of its own role."""

from __future__ import annotations

import discord


def is_direct(message: discord.Message) -> bool:
    """A message in a direct-message channel with the bot (Discord sends no guild id with one)."""
    return isinstance(message.channel, discord.DMChannel)


def mentions_user(message: discord.Message, bot_id: int) -> bool:
    return any(user.id == bot_id for user in message.mentions)


def mentions_own_role(message: discord.Message, bot_id: int) -> bool:
    """A mention of the role Discord made for the bot in this server (same name; autocomplete often picks it).
    @everyone, @here and every other role, the bot's other roles included, are not mentions of the bot."""
    return any(role.tags is not None and role.tags.bot_id == bot_id for role in message.role_mentions)


def addressed_to(message: discord.Message, bot_id: int) -> bool:
    """Whether the message asks the bot something: every DM with it, and a mention of it or its own role."""
    return is_direct(message) or mentions_user(message, bot_id) or mentions_own_role(message, bot_id)
