"""``@briefbot who said what about X``: a message for the bot (a mention of it or of its role, a DM), answered
with a reply to it in the same channel or thread; in a DM set-up verbs run too."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import aiohttp
import discord

from adapters.discord.addressed import addressed_to
from adapters.discord.answered_once import AnsweredOnce, channel_ref
from adapters.discord.gateway_watch import cause
from adapters.discord.home_channel import home_channel_of
from adapters.discord.post import send_kwargs
from adapters.discord.question import DiscordQuestion, encode_question, question_of
from adapters.discord.translate import can_manage, failure_reason, mention_text
from adapters.discord.typing_indicator import LAST_CALL_WAIT, typing_while
from bot.commands.base import Dispatch, Reply
from bot.commands.mention import answer_mention
from bot.in_flight import AnswersInFlight
from bot.models import ChannelRef
from digests.render_discord import Message

if TYPE_CHECKING:
    from discord.abc import MessageableChannel

log = logging.getLogger(__name__)

ERROR_REPLY = Reply("Something went wrong answering that; it has been logged.", ephemeral=True, error=True)
# a mention of the bot's role whose text Discord kept back (it gives the text to a bot without the Message
# Content intent when the bot itself is mentioned): the markup of a mention is always in a message's text
WITHHELD_REPLY = Reply("Discord did not give me the words of that message. Mention the bot itself (pick "
                       "**briefbot**, the app, not the role of the same name) or type `/brief ask …`.",
                       ephemeral=True, error=True)
# what a person writes; joins, pins, boosts and the like also carry mentions but are not questions
PERSON_MESSAGES = (discord.MessageType.default, discord.MessageType.reply)
NO_PINGS = discord.AllowedMentions.none()
ANSWERING_CHANNELS = (discord.TextChannel, discord.Thread, discord.VoiceChannel, discord.StageChannel,
                      discord.DMChannel)


class MentionHandler:
    """``on_message``: a person's message for the bot runs as a read-only ``/brief``: one that mentions the bot
    user or the role Discord made for it in the server, and every message in a DM with it. A thread's mention
    is answered in the thread with its parent channel's set-up. "briefbot is typing…" shows meanwhile.

    A DM with the bot is the person's own briefing channel: there set-up verbs run as ``/brief`` does in it,
    with the same permission (``translate.can_manage`` with no server: the person in it may).

    Discord sends the content of a message that mentions the bot, and of a DM, without the privileged Message
    Content intent; every other message arrives with empty content and mentions nobody: it is ignored.

    Each message is answered once (``answered``: claimed in the store before the answer, marked done after), however
    often the gateway delivers it; ``answer`` also answers a question a run that stopped left unanswered.

    Each call counts in ``in_flight`` while it runs (a stopping adapter lets it finish, bounded). Once ``stopping``,
    a new message is claimed and not answered: the next run answers it at its start (left_unanswered.py), as the
    gateway does not deliver it again to a new session."""

    def __init__(self, client: discord.Client, *, clock: Callable[[], datetime],
                 render: Callable[[Reply], list[Message]], typing_wait: float = LAST_CALL_WAIT,
                 admins: Sequence[str] = (), answered: AnsweredOnce | None = None,
                 token_env: str = "DISCORD_TOKEN") -> None:
        self._client = client
        self._token_env = token_env  # the variable the bot token came from, named when Discord refuses it (401)
        self.answered = answered or AnsweredOnce()
        self._admins = tuple(admins)
        self._clock = clock
        self._render = render
        self._typing_wait = typing_wait
        self.dispatch: Dispatch | None = None  # set when the adapter runs
        self.in_flight = AnswersInFlight()  # the answers running, waited for at stop
        self.stopping = False  # set at stop: new messages are left for the next run

    def wants(self, message: discord.Message) -> bool:
        me = self._client.user
        return (me is not None and self.dispatch is not None and not message.author.bot
                and message.webhook_id is None and message.type in PERSON_MESSAGES
                and addressed_to(message, me.id))

    async def __call__(self, message: discord.Message) -> None:
        if not self.wants(message):
            return
        with self.in_flight.tracking():
            await self._take(message)

    async def _take(self, message: discord.Message) -> None:
        assert self._client.user is not None
        question = question_of(message, self._client.user.id)
        if self.stopping:
            await self._leave_for_next_run(question)
            return
        if not await self.answered.first_time(question, now=self._clock()):
            log.info("discord: message %s in discord:%s delivered again; answered already or being answered",
                     question.message, question.channel)
            return
        await self.answer(question, message.channel)

    async def answer(self, question: DiscordQuestion, channel: MessageableChannel | None = None) -> None:
        """Answer a question this run has claimed (delivered now, or left unanswered by a run that stopped) in
        ``channel`` (by default the one the client knows by its id), then mark it done: not if cancelled mid-way,
        so that the next run answers it."""
        assert self.dispatch is not None
        where = channel_ref(question.channel)
        here = channel if channel is not None else self._channel_of(question)
        async with typing_while(here, where.key, last_call_wait=self._typing_wait):
            reply = await self._answer(question, here, self.dispatch, where)
        await self._reply(question, here, where, reply)
        await self.answered.answered(where, question.message)

    async def _leave_for_next_run(self, question: DiscordQuestion) -> None:
        """Claim a message that came in once stopping, with its question, and leave it undone: the next run answers it
        at its start. Without the store (none, or out of reach) it goes unanswered, logged."""
        where = channel_ref(question.channel)
        if not self.answered.recent.first_time((where.key, question.message)):
            return
        claims = self.answered.claims
        what = f"message {question.message} in {where.key} came in while stopping"
        if claims is None:
            log.warning("discord: %s; not answered (no store to leave it to the next run)", what)
            return
        try:
            if await claims.claim(where, question.message, now=self._clock(), question=encode_question(question)):
                log.info("discord: %s; left for the next run to answer at its start", what)
        except Exception as exc:
            log.warning("discord: %s; not answered, and it could not be left to the next run (%s: %s)", what,
                        type(exc).__name__, str(exc)[:200])

    def _channel_of(self, question: DiscordQuestion) -> MessageableChannel:
        """The channel a kept question was asked in: as the client knows it since READY, else by its id."""
        known = self._client.get_channel(int(question.channel))
        if isinstance(known, ANSWERING_CHANNELS):
            return known
        guild = int(question.guild) if question.guild is not None else None
        return self._client.get_partial_messageable(int(question.channel), guild_id=guild)

    async def _answer(self, question: DiscordQuestion, channel: MessageableChannel, dispatch: Dispatch,
                      where: ChannelRef) -> Reply:
        if not question.content and not question.dm and not question.mentions_me:
            return WITHHELD_REPLY
        user = question.author

        async def may_manage() -> bool:  # no server, so no permissions: the slash command's rule in a DM
            return can_manage(None, user, self._admins)

        try:
            home = question.parent or await home_channel_of(self._client, channel)
            return await answer_mention(dispatch, mention_text(question.content), user=user,
                                        channel=ChannelRef("discord", home), now=self._clock(),
                                        may_manage=may_manage if question.dm else None)
        except Exception:
            log.exception("discord: answering a mention in %s failed", where.key)
            return ERROR_REPLY

    async def _reply(self, question: DiscordQuestion, here: MessageableChannel, channel: ChannelRef,
                     reply: Reply) -> None:
        """Every part as a reply to the mention; nobody is pinged, not even its author."""
        sent = 0
        to = discord.MessageReference(message_id=int(question.message), channel_id=int(question.channel),
                                      guild_id=int(question.guild) if question.guild is not None else None)
        try:
            for part in self._render(reply):
                await here.send(**send_kwargs(part), reference=to, allowed_mentions=NO_PINGS, mention_author=False)
                sent += 1
        except discord.HTTPException as exc:
            level = logging.ERROR if exc.status in (401, 403) else logging.WARNING  # the token, a permission: to fix
            log.log(level, "discord: could not answer a mention in %s (%d part(s) out): %s%s", channel.key, sent,
                    failure_reason(exc.status, exc.code, exc.text, token_env=self._token_env),
                    "; a reply also needs Read Message History" if exc.status == 403 else "")
        except discord.RateLimited as exc:  # a Retry-After past the client's bound: raised with nothing waited
            bound = self._client.http.max_ratelimit_timeout
            log.warning("discord: could not answer a mention in %s (%d part(s) out): Discord rate limited the reply "
                        "for %.0f s, longer than the bot waits (%s); it is not sent, ask again after that",
                        channel.key, sent, exc.retry_after, f"{bound:g} s" if bound is not None else "its bound")
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            log.warning("discord: could not answer a mention in %s (%d part(s) out): Discord out of reach (%s); it "
                        "is not sent: check the network, a proxy, or https://discordstatus.com", channel.key, sent,
                        cause(exc) if str(exc).strip() else f"{type(exc).__name__}: no answer in time")
        except Exception:
            log.exception("discord: answering a mention in %s failed", channel.key)
