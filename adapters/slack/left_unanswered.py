"""Mentions and DMs that a run claimed but stopped before answering: bolt acknowledged them at once, so Slack does
not deliver them again; the next run answers each once when it starts, from the question kept with the claim, if it
is recent."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from adapters.slack.direct_message import DirectMessageHandler
from adapters.slack.mention import AnsweredOnce, MentionHandler
from adapters.slack.question import MENTION, Question, decode_question
from bot.answered import KeptQuestions, UndoneClaim, answer_left_undone

log = logging.getLogger(__name__)

# a question claimed (or last taken over) longer ago than this is not answered by the next run, only marked done:
# an answer that late is noise in the channel (docs/SLACK.md, "Answered once")
ANSWER_WITHIN = timedelta(hours=1)


@dataclass
class LeftUnanswered:
    """The pass a Slack adapter makes when it starts, once connected: every claim in a Slack channel that another
    run made and never marked done is taken over (the store's compare-and-set: should a redelivery of the message
    come at the same time, one of the two answers it) and answered through the handler a live event goes to, one
    after the other; one claimed more than ``within`` ago is marked done unanswered. A claim kept without a
    question is left as it is (a redelivery can still take it over). Once ``stop`` is called no further claim is
    taken over (the one being answered is finished; the rest stay for the next run). Nothing here raises: a failure
    is logged."""

    answered: AnsweredOnce
    mentions: MentionHandler
    direct: DirectMessageHandler
    clock: Callable[[], datetime]
    within: timedelta = ANSWER_WITHIN
    stopping: bool = False

    def stop(self) -> None:
        """The adapter is stopping: take over no further claim."""
        self.stopping = True

    async def answer_all(self, bot_user_id: str) -> int:
        """Deal with each claim left undone; how many were answered."""

        async def answer(question: Question) -> None:
            handler = self.mentions if question.kind == MENTION else self.direct
            await handler.answer(question.message, bot_user_id)

        questions = KeptQuestions(_question_of, kind=_kind, answer=answer,
                                  unreadable="they are answered only if Slack delivers them again",
                                  unkept="left for a redelivery")
        return await answer_left_undone(self.answered, questions, now=self.clock, within=self.within,
                                        stopped=lambda: self.stopping, log=log)


def _kind(question: Question) -> str:
    return question.kind


def _question_of(claim: UndoneClaim) -> Question | None:
    """The question kept with ``claim``, if there is one and it is of that very message."""
    question = decode_question(claim.question)
    if question is None or (question.message.channel_id, question.message.ts) != (claim.channel.id, claim.message):
        return None
    return question
