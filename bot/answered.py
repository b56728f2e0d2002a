"""Messages addressed to the bot, each answered once: the claim an adapter makes before answering one, and the
mark it sets once the answer is out."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.models import ChannelRef


class AnsweredMessages(Protocol):
    """Who answers a message: the first run of the bot to claim it, unless that run stopped before its answer was
    out, in which case the next run to be given the message answers it (bot/store/answered.py keeps the claims in
    the store, each with the run that made it). One instance per run: its claims are that run's."""

    async def claim(self, channel: ChannelRef, message: str, *, now: datetime) -> bool:
        """True when the caller is to answer ``message`` (the platform's id of it) in ``channel``: nobody claimed
        it yet, or another run did and never marked it done (that run died before answering: it is taken over).
        False once this run claimed it, or any run marked it done. Raises when the claims cannot be read or
        written."""
        ...

    async def done(self, channel: ChannelRef, message: str) -> None:
        """The answer to ``message`` was posted, or its post failed for good: no later claim answers it again.
        Raises when the mark cannot be written."""
        ...


@runtime_checkable
class RemembersAnswers(Protocol):
    """An adapter that answers messages; the composition root hands it AnsweredMessages before ``run``."""

    answered_messages: AnsweredMessages | None
