"""Whether this run is to answer a Discord message for the bot: once, whatever the gateway replays (a RESUME
sends again what the session had not acknowledged) and across restarts, through the store's claims."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from adapters.discord.question import DiscordQuestion, encode_question
from bot.answered import AnsweredOnce as SharedAnsweredOnce
from bot.models import ChannelRef


def channel_ref(channel_id: str) -> ChannelRef:
    return ChannelRef("discord", channel_id)


@dataclass
class AnsweredOnce(SharedAnsweredOnce):
    """A Discord message (channel, message id) is answered once, whatever the gateway replays and across restarts
    (bot/answered.py); the claim keeps the question (adapters/discord/question.py), so the next run can answer it
    should this one stop first (adapters/discord/left_unanswered.py)."""

    platform: str = "discord"

    async def first_time(self, question: DiscordQuestion, *, now: datetime) -> bool:
        return await self.claim_once(channel_ref(question.channel), question.message, encode_question(question),
                                     now=now)
