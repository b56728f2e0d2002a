"""Whether this run is to answer a Discord message for the bot: once, whatever the gateway replays (a RESUME
sends again what the session had not acknowledged) and across restarts, through the store's claims."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from adapters.discord.question import DiscordQuestion, encode_question
from bot.answered import AnsweredMessages
from bot.models import ChannelRef

log = logging.getLogger(__name__)

REMEMBERED = 512  # messages recently claimed, checked before the store


def channel_ref(channel_id: str) -> ChannelRef:
    return ChannelRef("discord", channel_id)


@dataclass
class RecentMessages:
    """The messages (channel, id) this process took up lately: a replay while the first answer is being worked out
    is dropped here without a store round trip."""

    size: int = REMEMBERED
    _seen: OrderedDict[tuple[str, str], None] = field(default_factory=OrderedDict)

    def first_time(self, key: tuple[str, str]) -> bool:
        """True the first time ``key`` is seen (and remembers it), False after."""
        if key in self._seen:
            return False
        self._seen[key] = None
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True


@dataclass
class AnsweredOnce:
    """A message is this run's to answer when this process did not take it up lately (RecentMessages) and ``claims``
    (the store's, one owner per run, kept a day) lets it claim the message: nobody claimed it, or a run that died
    before answering did (taken over). The claim keeps the question (adapters/discord/question.py) so that the next
    run can answer it should this one stop first (adapters/discord/left_unanswered.py); ``answered`` marks it done.
    When the store cannot be reached the message is answered anyway, logged: maybe twice, never lost."""

    claims: AnsweredMessages | None = None
    recent: RecentMessages = field(default_factory=RecentMessages)

    async def first_time(self, question: DiscordQuestion, *, now: datetime) -> bool:
        channel = channel_ref(question.channel)
        if not self.recent.first_time((channel.key, question.message)):
            return False
        if self.claims is None:
            return True
        try:
            return await self.claims.claim(channel, question.message, now=now, question=encode_question(question))
        except Exception as exc:
            log.warning("discord: could not record message %s in %s as answered (%s: %s); answering it anyway",
                        question.message, channel.key, type(exc).__name__, str(exc)[:200])
            return True

    async def answered(self, channel: ChannelRef, message: str) -> None:
        """The answer to ``message`` is out (or was given up for good): no later delivery or run answers it."""
        if self.claims is None:
            return
        try:
            await self.claims.done(channel, message)
        except Exception as exc:
            log.warning("discord: could not mark message %s in %s done (%s: %s); a later run could answer it "
                        "again", message, channel.key, type(exc).__name__, str(exc)[:200])
            return
        log.debug("discord: message %s in %s answered", message, channel.key)
