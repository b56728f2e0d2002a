"""``@briefbot who said what about X``: an app_mention event answered in the mention's thread (privately when
``/brief`` would answer only the caller: help, errors, refusals)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from adapters.slack.question import MENTION, Question, encode_question
from adapters.slack.translate import SlackMention, mention_text, parse_mention, reply_messages, response_type
from bot.adapter import PostError
from bot.answered import AnsweredOnce as SharedAnsweredOnce
from bot.commands.base import DEFAULT_PREFIX, Dispatch, Reply
from bot.commands.mention import answer_mention
from bot.in_flight import AnswersInFlight
from bot.models import ChannelRef
from digests.render_slack import SlackMessage

log = logging.getLogger(__name__)


class PostInThread(Protocol):
    """SlackPoster.post_in_thread: messages in a thread; ``only_to`` a user id, for that user alone."""

    async def __call__(self, channel: ChannelRef, messages: Sequence[SlackMessage], thread_ts: str, *,
                       only_to: str = "") -> list[str]: ...


ERROR_REPLY = Reply("Something went wrong answering that; it has been logged.", ephemeral=True, error=True)
@dataclass
class AnsweredOnce(SharedAnsweredOnce):
    """A Slack message (channel, ts) is answered once, as a mention or in a DM, across redeliveries and restarts
    (bot/answered.py); the claim keeps the question (adapters/slack/question.py), so the next run can answer it
    should this one stop first (adapters/slack/left_unanswered.py). Shared by the mention and the direct-message
    handlers."""

    platform: str = "slack"

    async def first_time(self, channel: ChannelRef, question: Question, *, now: datetime) -> bool:
        return await self.claim_once(channel, question.message.ts, encode_question(question), now=now)


@dataclass
class MentionHandler:
    """One mention, start to finish: parse, answer through ``dispatch`` (read-only), post in the thread:
    publicly, or with chat.postEphemeral to the mention's author alone when ``/brief`` would show the reply
    only to the caller (``Reply.ephemeral`` or an error: help, usage errors, refusals).

    Bolt has acknowledged the event before this runs. Nothing here raises: a failure is logged with the
    channel and the adapter carries on. Each call counts in ``in_flight`` while it runs (a stopping adapter lets it
    finish)."""

    dispatch: Dispatch
    clock: Callable[[], datetime]
    post_in_thread: PostInThread
    command: str = DEFAULT_PREFIX  # [slack] command, which the answers name
    answered: AnsweredOnce = field(default_factory=AnsweredOnce)
    in_flight: AnswersInFlight = field(default_factory=AnswersInFlight)

    async def __call__(self, event: Mapping[str, Any], bot_user_id: str) -> None:
        with self.in_flight.tracking():
            await self._delivered(event, bot_user_id)

    async def _delivered(self, event: Mapping[str, Any], bot_user_id: str) -> None:
        mention = parse_mention(event)
        if mention is None:
            log.debug("slack: ignored an app_mention from a bot, an edit or an incomplete event")
            return
        channel = ChannelRef("slack", mention.channel_id)
        if not await self.answered.first_time(channel, Question(MENTION, mention), now=self.clock()):
            log.info("slack: mention %s in %s delivered again; already answered", mention.ts, mention.channel_id)
            return
        await self.answer(mention, bot_user_id)

    async def answer(self, mention: SlackMention, bot_user_id: str) -> None:
        """Answer a mention this run has claimed (delivered now, or left unanswered by a run that stopped), then
        mark it done."""
        channel = ChannelRef("slack", mention.channel_id)

        async def answer() -> Reply:
            return await answer_mention(self.dispatch, mention_text(mention.text, bot_user_id), user=mention.user_id,
                                        channel=channel, now=self.clock(), prefix=self.command)

        async def post(reply: Reply) -> None:
            only_to = mention.user_id if response_type(reply) == "ephemeral" else ""
            await self.post_in_thread(channel, reply_messages(reply), mention.thread_ts, only_to=only_to)

        await answer_and_post("a mention", channel, answer, post)
        await self.answered.answered(channel, mention.ts)  # not if cancelled mid-way: a later run takes it over


async def answer_and_post(what: str, channel: ChannelRef, answer: Callable[[], Awaitable[Reply]],
                          post: Callable[[Reply], Awaitable[None]]) -> None:
    """Answer a message addressed to the bot (``what`` it is, for the log) and post the answer; never raises: a
    failing answer is replaced by ERROR_REPLY, a failing post is logged with the channel."""
    try:
        reply = await answer()
    except Exception:
        log.exception("slack: answering %s in %s failed", what, channel.key)
        reply = ERROR_REPLY
    try:
        await post(reply)
    except PostError as exc:
        if exc.token_refused:  # the poster's line says only the code: the answer is lost, and why, once here
            log.warning("slack: the answer to %s in %s was dropped: %s", what, channel.key, exc.reason)
            return
        # the poster has logged the one line saying why (and, for a channel it cannot post to, what to do)
        log.debug("slack: the answer to %s in %s was not posted (%s, %d part(s) out): %s", what, channel.key,
                  exc.kind, len(exc.posted), exc.reason)
    except Exception:
        log.exception("slack: posting the answer to %s in %s failed", what, channel.key)
