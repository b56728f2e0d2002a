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
from bot.answered import UndoneClaim, minutes

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
        claims = self.answered.claims
        if claims is None:
            return 0
        try:
            undone = await claims.left_undone("slack")
        except Exception as exc:
            log.warning("slack: could not read the messages a run that stopped left unanswered (%s: %s); they are "
                        "answered only if Slack delivers them again", type(exc).__name__, str(exc)[:200])
            return 0
        answered = 0
        for claim in undone:
            if self.stopping:
                break
            answered += await self._one(claim, bot_user_id)
        return answered

    async def _one(self, claim: UndoneClaim, bot_user_id: str) -> bool:
        where = f"message {claim.message} in {claim.channel.key}"
        question = _question_of(claim)
        if question is None:
            log.info("slack: %s was left unanswered by a run that stopped, with no question kept to answer it "
                     "from; left for a redelivery", where)
            return False
        age = await self.answered.take_over(claim, asked=question.asked_at(), now=self.clock(), within=self.within)
        if age is None:
            return False
        log.info("slack: answering a %s left unanswered by a run that stopped: %s, claimed %s ago", question.kind,
                 where, minutes(age))
        if question.kind == MENTION:
            await self.mentions.answer(question.message, bot_user_id)
        else:
            await self.direct.answer(question.message, bot_user_id)
        return True


def _question_of(claim: UndoneClaim) -> Question | None:
    """The question kept with ``claim``, if there is one and it is of that very message."""
    question = decode_question(claim.question)
    if question is None or (question.message.channel_id, question.message.ts) != (claim.channel.id, claim.message):
        return None
    return question
