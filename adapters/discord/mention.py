"""``@briefbot who said what about X``: a message that mentions the bot, answered with a reply to it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

import aiohttp
import discord

from adapters.discord.post import send_kwargs
from adapters.discord.translate import failure_reason, mention_text
from bot.commands.base import Dispatch, Reply
from bot.commands.mention import answer_mention
from bot.models import ChannelRef
from digests.render_discord import Message

log = logging.getLogger(__name__)

ERROR_REPLY = Reply("Something went wrong answering that; it has been logged.", ephemeral=True, error=True)
# what a person writes; joins, pins, boosts and the like also carry mentions but are not questions
PERSON_MESSAGES = (discord.MessageType.default, discord.MessageType.reply)
NO_PINGS = discord.AllowedMentions.none()


class MentionHandler:
    """``on_message``: a person's message that mentions the bot user runs as a read-only ``/brief``.

    Discord sends the content of a message that mentions the bot (and of a DM) without the privileged
    Message Content intent; every other message arrives with empty content and is ignored here."""

    def __init__(self, client: discord.Client, *, clock: Callable[[], datetime],
                 render: Callable[[Reply], list[Message]]) -> None:
        self._client = client
        self._clock = clock
        self._render = render
        self.dispatch: Dispatch | None = None  # set when the adapter runs

    def wants(self, message: discord.Message) -> bool:
        me = self._client.user
        return (me is not None and self.dispatch is not None and not message.author.bot
                and message.webhook_id is None and message.type in PERSON_MESSAGES
                and any(user.id == me.id for user in message.mentions))

    async def __call__(self, message: discord.Message) -> None:
        if not self.wants(message):
            return
        assert self.dispatch is not None
        channel = ChannelRef("discord", str(message.channel.id))
        try:
            reply = await answer_mention(self.dispatch, mention_text(message.content), user=str(message.author.id),
                                         channel=channel, now=self._clock())
        except Exception:
            log.exception("discord: answering a mention in %s failed", channel.key)
            reply = ERROR_REPLY
        await self._reply(message, channel, reply)

    async def _reply(self, message: discord.Message, channel: ChannelRef, reply: Reply) -> None:
        """Every part as a reply to the mention; nobody is pinged, not even its author."""
        sent = 0
        try:
            for part in self._render(reply):
                await message.reply(**send_kwargs(part), allowed_mentions=NO_PINGS, mention_author=False)
                sent += 1
        except discord.HTTPException as exc:
            level = logging.ERROR if exc.status == 403 else logging.WARNING
            log.log(level, "discord: could not answer a mention in %s (%d part(s) out): %s%s", channel.key, sent,
                    failure_reason(exc.status, exc.code, exc.text),
                    "; a reply also needs Read Message History" if exc.status == 403 else "")
        except (TimeoutError, discord.RateLimited, aiohttp.ClientError, OSError) as exc:
            log.warning("discord: could not answer a mention in %s (%d part(s) out): %s", channel.key, sent,
                        type(exc).__name__)
        except Exception:
            log.exception("discord: answering a mention in %s failed", channel.key)
