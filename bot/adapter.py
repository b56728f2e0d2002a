"""The seam every chat platform provides: run (receive commands) and post (deliver briefings)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from bot.commands.base import Dispatch
from bot.models import Briefing, ChannelRef

PostFailure = Literal["retryable", "permanent"]


class PostError(Exception):
    """Posting failed. ``retryable``: try the same slot later (429, 5xx, timeout, outage).
    ``permanent``: this channel cannot be posted to (not in channel, missing access): log, tell the
    configurer, carry on with other channels.

    ``posted`` lists message ids that did go out before the failure (for a multi-message briefing).
    """

    def __init__(self, channel: ChannelRef, kind: PostFailure, reason: str,
                 posted: Sequence[str] = ()) -> None:
        super().__init__(f"{channel.key}: {reason}")
        self.channel = channel
        self.kind = kind
        self.reason = reason
        self.posted = tuple(posted)


class Adapter(Protocol):
    """A chat platform, translated. It never ranks, filters or summarises."""

    name: str  # "slack", "discord", "console"

    async def run(self, dispatch: Dispatch) -> None:
        """Receive commands until cancelled, answering each through ``dispatch``."""
        ...

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        """Post a briefing (split as the platform needs); returns message ids.

        ``key`` identifies the delivery slot: adapters use it to make a retried post idempotent
        where the platform allows (Discord nonce); raises PostError.
        """
        ...

    async def notify(self, channel: ChannelRef, text: str) -> None:
        """Post a short plain notice (a source failing or recovering, a set-up problem)."""
        ...

    async def close(self) -> None:
        ...
