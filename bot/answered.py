"""Messages addressed to the bot, each answered once: the claim an adapter makes before answering one (with the
question, so the next run can answer it should this run stop first), and the mark it sets once the answer is out."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, Protocol, TypeVar, runtime_checkable

from bot.models import ChannelRef

log = logging.getLogger(__name__)


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


REMEMBERED = 512  # messages an adapter took up lately, checked before the store (a replay costs no round trip)


@dataclass
class RecentMessages:
    """The messages (channel key, message id) this process took up lately, however many times or as however many
    events the platform delivers one."""

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
    """Whether a message is this run's to answer: not if this process took it up lately (RecentMessages), nor if
    ``claims`` (the store's, one owner per run) says this run claimed it already or some run answered it; yes if
    nobody claimed it, or the run that did died before answering (taken over). ``answered`` marks it done once its
    answer is out. When the store cannot be reached the message is answered anyway, logged: maybe twice, never lost.
    Each platform's adapter wraps it with its own message ids and question encoding."""

    claims: AnsweredMessages | None = None
    recent: RecentMessages = field(default_factory=RecentMessages)
    platform: str = ""  # for the log lines: "slack", "discord"

    async def claim_once(self, channel: ChannelRef, message: str, question: str, *, now: datetime) -> bool:
        """True when this run is to answer ``message`` (``question``: what the next run needs to answer it)."""
        if not self.recent.first_time((channel.key, message)):
            return False
        if self.claims is None:
            return True
        try:
            return await self.claims.claim(channel, message, now=now, question=question)
        except Exception as exc:
            log.warning("%s: could not record message %s in %s as answered (%s: %s); answering it anyway",
                        self.platform, message, channel.key, type(exc).__name__, str(exc)[:200])
            return True

    async def answered(self, channel: ChannelRef, message: str) -> None:
        """The answer to ``message`` is out (or was given up for good): no later delivery or run answers it."""
        if self.claims is not None:
            try:
                await self.claims.done(channel, message)
            except Exception as exc:
                log.warning("%s: could not mark message %s in %s done (%s: %s); a later run could answer it again",
                            self.platform, message, channel.key, type(exc).__name__, str(exc)[:200])
                return
        log.debug("%s: message %s in %s answered", self.platform, message, channel.key)

    async def take_over(self, claim: UndoneClaim, *, asked: datetime | None, now: datetime, within: timedelta,
                        remember: bool = False) -> timedelta | None:
        """Take over ``claim``, left undone by a run that stopped, for this run to answer: its age when it is to be
        answered now; None when another taker won it, the store failed (logged), or it is older than ``within`` (then
        marked done unanswered). The age counts from the earlier of the claim and ``asked`` (the message's own time):
        a take-over renews claimed_at, so a question each run stops on (or a run that keeps restarting) would
        otherwise be answered again at every start, for ever. ``remember``: a replay in this process after the
        take-over is a repeat, dropped without asking the store."""
        if self.claims is None:
            return None
        where = f"message {claim.message} in {claim.channel.key}"
        try:
            if not await self.claims.take_over(claim, now=now):
                log.debug("%s: %s is being answered already (another taker won it)", self.platform, where)
                return None
        except Exception as exc:
            log.warning("%s: could not take over %s, left unanswered by a run that stopped (%s: %s)", self.platform,
                        where, type(exc).__name__, str(exc)[:200])
            return None
        if remember:
            self.recent.first_time((claim.channel.key, claim.message))
        age = now - (claim.claimed_at if asked is None else min(claim.claimed_at, asked))
        if age > within:
            log.warning("%s: %s was left unanswered by a run that stopped %s ago; not answered now (more than %s "
                        "late), marked done", self.platform, where, minutes(age), minutes(within))
            await self.answered(claim.channel, claim.message)
            return None
        return age


class KeptQuestion(Protocol):
    """A question an adapter kept with its claim, read back: enough to answer the message it is of."""

    def asked_at(self) -> datetime | None:
        """When the message was written, if its id tells; None otherwise."""
        ...


QuestionT = TypeVar("QuestionT", bound=KeptQuestion)


@dataclass(frozen=True)
class KeptQuestions(Generic[QuestionT]):
    """How one platform's adapter reads and answers the questions kept with the claims a run that stopped left
    undone, and what its log lines say becomes of those it cannot answer."""

    read: Callable[[UndoneClaim], QuestionT | None]  # the question kept with a claim, if it is of that very message
    kind: Callable[[QuestionT], str]  # "mention", "direct message": for the log
    answer: Callable[[QuestionT], Awaitable[None]]  # through the path a live message takes
    unreadable: str  # what becomes of the claims when they cannot be read ("they stay unanswered")
    unkept: str  # what becomes of a claim kept without a question it can read ("left as it is")
    remember: bool = False  # a replay in this process after a take-over is a repeat (AnsweredOnce.take_over)


async def answer_left_undone(once: AnsweredOnce, questions: KeptQuestions[QuestionT], *, now: Callable[[], datetime],
                             within: timedelta, stopped: Callable[[], bool], log: logging.Logger,
                             each: Callable[[], AbstractContextManager[object]] = nullcontext) -> int:
    """The pass an adapter makes at its start over the claims in its platform's channels that another run made and
    never marked done: each is taken over (the store's compare-and-set: of two takers one wins) and answered from
    the question kept with it, one after the other; one claimed more than ``within`` ago is marked done unanswered;
    one without a question ``questions`` can read is left as it is. Each claim is dealt with inside ``each()`` (an
    adapter's count of answers in flight); once ``stopped()`` no further claim is taken over. Logged to ``log`` (the
    adapter's). Nothing here raises: a failure is logged. How many were answered."""
    if once.claims is None:
        return 0
    try:
        undone = await once.claims.left_undone(once.platform)
    except Exception as exc:
        log.warning("%s: could not read the messages a run that stopped left unanswered (%s: %s); %s", once.platform,
                    type(exc).__name__, str(exc)[:200], questions.unreadable)
        return 0
    answered = 0
    for claim in undone:
        if stopped():
            break
        with each():
            try:
                answered += await _answer_one(once, questions, claim, now=now, within=within, log=log)
            except Exception as exc:  # one claim's store error or failed answer: the others are still answered
                log.warning("%s: could not answer message %s in %s left unanswered by a run that stopped (%s: %s)",
                            once.platform, claim.message, claim.channel.key, type(exc).__name__, str(exc)[:200])
    return answered


async def _answer_one(once: AnsweredOnce, questions: KeptQuestions[QuestionT], claim: UndoneClaim, *,
                      now: Callable[[], datetime], within: timedelta, log: logging.Logger) -> bool:
    where = f"message {claim.message} in {claim.channel.key}"
    question = questions.read(claim)
    if question is None:
        log.info("%s: %s was left unanswered by a run that stopped, with no question kept to answer it from; %s",
                 once.platform, where, questions.unkept)
        return False
    age = await once.take_over(claim, asked=question.asked_at(), now=now(), within=within,
                              remember=questions.remember)
    if age is None:
        return False
    log.info("%s: answering a %s left unanswered by a run that stopped: %s, claimed %s ago", once.platform,
             questions.kind(question), where, minutes(age))
    await questions.answer(question)
    return True


def minutes(span: timedelta) -> str:
    """``61 min``: a span as whole minutes, for the log."""
    return f"{max(0, int(span.total_seconds() // 60))} min"
