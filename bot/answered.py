"""Messages addressed to the bot, each answered once: the claim an adapter makes before answering one (with the
question, so the next run can answer it should this run stop first), and the mark it sets once the answer is out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.models import ChannelRef


@dataclass(frozen=True)
class UndoneClaim:
    """A claim another run made and never marked done: with one run per store, that run stopped before answering."""

    channel: ChannelRef
    message: str  # the platform's id of the message
    owner: str  # the run that claimed it
    claimed_at: datetime  # when it was claimed (or last taken over)
    question: str | None  # what the adapter kept with its claim to answer it (opaque here), None if nothing


class AnsweredMessages(Protocol):
    """Who answers a message: the first run of the bot to claim it, unless that run stopped before its answer was
    out, in which case the next run answers it: when given the message again, or at its start from the question
    kept with the claim (bot/store/answered.py keeps the claims in the store, each with the run that made it). One
    instance per run: its claims are that run's."""

    async def claim(self, channel: ChannelRef, message: str, *, now: datetime, question: str | None = None) -> bool:
        """True when the caller is to answer ``message`` (the platform's id of it) in ``channel``: nobody claimed
        it yet, or another run did and never marked it done (that run died before answering: it is taken over).
        False once this run claimed it, or any run marked it done. ``question``: what the caller needs to answer
        it (kept with the claim until done, for ``left_undone``). Raises when the claims cannot be read or
        written."""
        ...

    async def done(self, channel: ChannelRef, message: str) -> None:
        """The answer to ``message`` was posted, or its post failed for good (or was given up): no later claim
        answers it again. Raises when the mark cannot be written."""
        ...

    async def left_undone(self, platform: str) -> list[UndoneClaim]:
        """The claims in ``platform``'s channels that other runs made and never marked done, oldest first. Raises
        when the claims cannot be read."""
        ...

    async def take_over(self, claim: UndoneClaim, *, now: datetime) -> bool:
        """True when ``claim`` is now this run's to answer: it was still its owner's and not done (of two takers,
        only one wins). Raises when the claims cannot be read or written."""
        ...


@runtime_checkable
class RemembersAnswers(Protocol):
    """An adapter that answers messages; the composition root hands it AnsweredMessages before ``run``."""

    answered_messages: AnsweredMessages | None
