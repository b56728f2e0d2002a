"""Where people talk to the bot: the channels an adapter reads recent history of at start, to answer what it missed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from bot.models import ChannelRef

# how far back a claim (bot/store/answered.py) makes its channel one where people talk to the bot; the store keeps
# claims about a day, so in practice: the channels someone asked the bot in during the last day
TALKED_WITHIN = timedelta(days=3)


class ChannelsTalkedIn(Protocol):
    """The channels of a platform where people talk to the bot, and which of their messages some run claimed."""

    async def talked_in(self, platform: str, *, since: datetime) -> list[ChannelRef]:
        """``platform``'s channels set up in the store, and those with a message claimed for an answer since
        ``since`` (a DM, a thread): most recently asked in first, then the set-up ones, newest first. Raises when
        the store cannot be read."""
        ...

    async def claimed(self, channel: ChannelRef, messages: Sequence[str]) -> set[str]:
        """Those of ``messages`` (the platform's ids) that some run claimed in ``channel``, answered or not. Raises
        when the store cannot be read."""
        ...


@runtime_checkable
class ReadsHistory(Protocol):
    """An adapter that answers at start what was sent while no run was connected; the composition root hands it the
    channels to read before ``run``."""

    talked_in: ChannelsTalkedIn | None
