"""Whether the bot can post where a set-up command was typed (channel, group DM, DM), asked of conversations.info."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.post import slack_error

log = logging.getLogger(__name__)

# conversations.info errors that mean the bot cannot see the channel the command came from: a private channel, a
# group DM or a DM between people it is not in (Slack answers channel_not_found for those)
HIDDEN_ERRORS = frozenset({"channel_not_found"})


def invite_problem(bot_name: str) -> str:
    """The sentence a set-up reply adds when the bot is not in the channel (Invocation.post_problem)."""
    return f"the bot is not in this channel: invite it with `/invite @{bot_name}`"


def direct_message_problem() -> str:
    """The same for a direct message between people, the bot not among them (nobody can invite a bot into one)."""
    return ("the bot is not in this direct message and cannot be added to one: set the briefing up in a channel it "
            "is in, or in the bot's own DM (its Messages tab)")


@dataclass
class ChannelAccess:
    """``post_problem(channel id)``: why the bot cannot post there, or None when it can or it is unknown (no
    channels:read / groups:read / im:read scope, Slack unreachable). Asked afresh at each set-up command (not cached),
    so an invite shows at the next one. A DM (an id starting with D) is looked up too: ``/brief`` works in a DM between
    two people, which a bot token cannot see (``channel_not_found``) and the bot cannot post in; the bot's own DM with
    the person answers ``is_im`` and is fine."""

    client: AsyncWebClient
    bot_name: str = "briefbot"

    async def post_problem(self, channel_id: str) -> str | None:
        if not channel_id:
            return None
        return await self._look_up(channel_id)

    async def _look_up(self, channel_id: str) -> str | None:
        try:
            response = await self.client.conversations_info(channel=channel_id)
        except SlackApiError as exc:
            error = slack_error(exc)
            if error in HIDDEN_ERRORS:
                return direct_message_problem() if channel_id.startswith("D") else invite_problem(self.bot_name)
            log.info("slack: conversations.info for %s failed (%s); not saying whether the bot is in it",
                     channel_id, error)
            return None
        except (TimeoutError, aiohttp.ClientError) as exc:
            log.info("slack: conversations.info for %s failed: %s", channel_id, type(exc).__name__)
            return None
        channel: Any = response.get("channel")
        if not isinstance(channel, dict) or channel.get("is_im") or "is_member" not in channel:
            return None
        return None if channel.get("is_member") else invite_problem(self.bot_name)
