"""The channel whose set-up a message's channel uses: a thread's parent channel, any other channel itself."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import aiohttp
import discord

if TYPE_CHECKING:
    from discord.abc import MessageableChannel

log = logging.getLogger(__name__)


async def home_channel_id(client: discord.Client, message: discord.Message) -> str:
    """A thread (public, private or a forum post) has no set-up of its own: its parent's applies.

    discord.py knows a thread from GUILD_CREATE or THREAD_CREATE; a server channel it has not been told of is
    looked up (GET /channels/{id}) and, if that fails, taken as a channel of its own."""
    return await home_channel_of(client, message.channel)


async def home_channel_of(client: discord.Client, channel: MessageableChannel) -> str:
    """``home_channel_id`` for a channel object: a message's, or one made from its id (a question kept in the
    store: the client's cached channel, else a PartialMessageable with the server's id, looked up as above)."""
    if isinstance(channel, discord.Thread):
        return str(channel.parent_id)
    own_id = channel.id
    if isinstance(channel, discord.PartialMessageable) and channel.guild_id is not None:
        try:
            fetched = await client.fetch_channel(channel.id)
        except (discord.HTTPException, discord.RateLimited, discord.InvalidData, aiohttp.ClientError, OSError,
                TimeoutError) as exc:
            log.info("discord: could not tell whether %s is a thread (%s); using its own set-up", own_id,
                     type(exc).__name__)
            return str(own_id)
        if isinstance(fetched, discord.Thread):
            return str(fetched.parent_id)
    return str(own_id)
