"""Mentions and DMs that a run claimed but stopped before answering: the gateway does not deliver a message again
to a new session, so the next run answers each once when it is ready, from the question kept with the claim, if it
is recent."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from adapters.discord.mention import MentionHandler
from adapters.discord.question import DiscordQuestion, decode_question
from bot.answered import KeptQuestions, UndoneClaim, answer_left_undone

log = logging.getLogger(__name__)

# a question claimed (or last taken over) longer ago than this is not answered by the next run, only marked done:
# an answer that late is noise in the channel (docs/DISCORD.md, "Answered once"); as Slack's
ANSWER_WITHIN = timedelta(hours=1)


@dataclass
class LeftUnanswered:
    """The pass a Discord adapter makes once READY (its identity known): every claim in a Discord channel that another
    run made and never marked done is taken over (the store's compare-and-set: of two takers one wins) and answered
    through ``mentions.answer``, the path a live message takes, one after the other; one claimed (or written) more
    than ``within`` ago is marked done unanswered. A claim without a question this version can read is left as it is.
    Nothing here raises: a failure is logged. Each claim it deals with counts in ``mentions.in_flight`` (a stopping
    adapter lets it finish); once ``stop`` is called it takes over no further claim."""

    mentions: MentionHandler
    clock: Callable[[], datetime]
    within: timedelta = ANSWER_WITHIN
    _stopped: bool = field(default=False, init=False)

    def stop(self) -> None:
        """Take over no further claim: the one being answered finishes; the rest are left for the next run."""
        self._stopped = True

    async def answer_all(self) -> int:
        """Deal with each claim left undone; how many were answered."""
        questions = KeptQuestions(_question_of, kind=_kind, answer=self.mentions.answer,
                                  unreadable="they stay unanswered", unkept="left as it is", remember=True)
        return await answer_left_undone(self.mentions.answered, questions, now=self.clock, within=self.within,
                                        stopped=lambda: self._stopped, log=log, each=self.mentions.in_flight.tracking)


def _kind(question: DiscordQuestion) -> str:
    return "direct message" if question.dm else "mention"


def _question_of(claim: UndoneClaim) -> DiscordQuestion | None:
    """The question kept with ``claim``, if there is one and it is of that very message."""
    question = decode_question(claim.question)
    if question is None or (question.channel, question.message) != (claim.channel.id, claim.message):
        return None
    return question
