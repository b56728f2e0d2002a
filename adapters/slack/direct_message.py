"""A message typed in the app's Messages tab (a ``message.im`` event): answered like a mention, in the DM, where
set-up verbs run for the person with the permission ``/brief`` gets there."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from adapters.slack.mention import AnsweredOnce, PostInThread, answer_and_post
from adapters.slack.question import DIRECT_MESSAGE, Question
from adapters.slack.translate import SlackMention, mention_text, parse_direct_message, reply_messages
from bot.commands.base import DEFAULT_PREFIX, Dispatch, Reply
from bot.commands.mention import answer_mention
from bot.in_flight import AnswersInFlight
from bot.models import ChannelRef
from digests.render_slack import SlackMessage

log = logging.getLogger(__name__)

PostMessages = Callable[[ChannelRef, Sequence[SlackMessage]], Awaitable[list[str]]]
ManagerLookup = Callable[[str, str], Awaitable[bool]]  # (user id, channel id): app.ManagerCheck


@dataclass
class DirectMessageHandler:
    """One message in a DM with the bot, start to finish: parse, answer through ``dispatch`` as a mention, post.

    The DM is the person's own briefing channel, so a set-up verb (``subscribe NATO``, ``schedule weekdays
    07:30``) runs there; whether the person may is ``managers`` (the slash command's rule: for a DM,
    conversations.info says it is theirs), asked only when the command may change the set-up.

    Every answer is an ordinary message (help and errors too: nobody else reads a DM, and a private
    ``chat.postEphemeral`` would vanish on reload); in the DM itself, or in the thread the person wrote in. A
    briefing too long for one message goes on in the thread of its first part, as a scheduled one does.
    Bolt has acknowledged the event before this runs. Nothing here raises. Each call counts in ``in_flight`` while
    it runs (a stopping adapter lets it finish)."""

    dispatch: Dispatch
    clock: Callable[[], datetime]
    managers: ManagerLookup
    post_messages: PostMessages
    post_in_thread: PostInThread
    command: str = DEFAULT_PREFIX  # [slack] command, which the answers name
    answered: AnsweredOnce = field(default_factory=AnsweredOnce)
    in_flight: AnswersInFlight = field(default_factory=AnswersInFlight)

    async def __call__(self, event: Mapping[str, Any], bot_user_id: str) -> None:
        with self.in_flight.tracking():
            await self._delivered(event, bot_user_id)

    async def _delivered(self, event: Mapping[str, Any], bot_user_id: str) -> None:
        message = parse_direct_message(event)
        if message is None:
            log.debug("slack: ignored a message event outside a DM, from a bot, an edit or of another subtype")
            return
        channel = ChannelRef("slack", message.channel_id)
        if not await self.answered.first_time(channel, Question(DIRECT_MESSAGE, message), now=self.clock()):
            log.info("slack: message %s in %s delivered again; already answered", message.ts, message.channel_id)
            return
        await self.answer(message, bot_user_id)

    async def answer(self, message: SlackMention, bot_user_id: str) -> None:
        """Answer a message in a DM this run has claimed (delivered now, or left unanswered by a run that stopped),
        then mark it done."""
        channel = ChannelRef("slack", message.channel_id)

        async def answer() -> Reply:
            return await answer_mention(self.dispatch, mention_text(message.text, bot_user_id),
                                        user=message.user_id, channel=channel, now=self.clock(), prefix=self.command,
                                        may_manage=partial(self.managers, message.user_id, message.channel_id))

        async def post(reply: Reply) -> None:
            messages = reply_messages(reply)
            if message.thread_ts:
                await self.post_in_thread(channel, messages, message.thread_ts)
            else:
                await self.post_messages(channel, messages)

        await answer_and_post("a direct message", channel, answer, post)
        await self.answered.answered(channel, message.ts)  # not if cancelled mid-way: a later run takes it over
