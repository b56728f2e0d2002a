"""Mentions and DMs sent while no run was connected: the gateway does not replay them to a new session, so once READY
the adapter reads the last hour of the channels where people talk to the bot and answers, once, each message for the
bot that no run claimed and the bot has not replied to."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import aiohttp
import discord

from adapters.discord.left_unanswered import ANSWER_WITHIN
from adapters.discord.mention import ANSWERING_CHANNELS, MentionHandler
from adapters.discord.question import question_of
from bot.answered import minutes
from bot.models import ChannelRef
from bot.talked_in import TALKED_WITHIN, ChannelsTalkedIn

if TYPE_CHECKING:
    from discord.abc import MessageableChannel

log = logging.getLogger(__name__)

MAX_CHANNELS = 50  # channels read per start, the most recently asked in first
MAX_MESSAGES = 500  # messages read per channel: up to 5 requests of 100, oldest first from ANSWER_WITHIN ago
FIX_ACCESS = ("grant the bot View Channel and Read Message History there, or invite it again with the link "
              "`briefbot discord invite-url` prints")


@dataclass
class Tally:
    """What one catch-up did, for its log line (and tests)."""

    channels: int = 0  # channels whose history was read
    unreadable: int = 0  # channels Discord (or the store) did not let it read
    answered: int = 0
    replied: int = 0  # a message for the bot that a message of the bot in the history replies to already
    claimed: int = 0  # a message for the bot that some run claimed (answered it, or is answering it)
    edited: int = 0  # a message for the bot edited since it was sent (see ``_pick``)
    too_old: int = 0  # older than ``within`` by the time its turn came
    left: int = 0  # not reached: the adapter was stopping
    full: int = 0  # channels with more than ``max_messages`` in the hour: the newer ones were not read


@dataclass
class MissedMentions:
    """The pass a Discord adapter makes once READY, after LeftUnanswered's: the history since ``within`` ago of the
    channels ``talked_in`` lists (at most ``max_channels``; Discord's 403/404 on one is logged and it is skipped) is
    read, and each message the live path would answer (``mentions.wants``: a person's mention of the bot or of its
    own role, every person's message in a DM) that is not edited, that no message of the bot replies to, and that no
    run claimed, is answered through ``mentions``' claim-then-answer path, oldest first, each counting in
    ``mentions.in_flight``. Once ``stop`` is called (or the handler is stopping) it answers no further message; the
    ones it had not reached are read again by the next run. Nothing here raises: a failure is logged."""

    client: discord.Client
    mentions: MentionHandler
    talked_in: ChannelsTalkedIn
    clock: Callable[[], datetime]
    within: timedelta = ANSWER_WITHIN
    max_channels: int = MAX_CHANNELS
    max_messages: int = MAX_MESSAGES
    _stopped: bool = field(default=False, init=False)

    def stop(self) -> None:
        """Answer no further message: the one being answered finishes; the rest are the next run's to read."""
        self._stopped = True

    @property
    def stopped(self) -> bool:
        return self._stopped or self.mentions.stopping

    async def answer_all(self) -> Tally:
        """Read the channels, then answer what was missed; what it did."""
        tally = Tally()
        me = self.client.user
        if me is None or self.mentions.dispatch is None:
            return tally
        now = self.clock()
        try:
            channels = await self.talked_in.talked_in("discord", since=now - TALKED_WITHIN)
        except Exception as exc:
            log.warning("discord: could not read from the store where people talk to the bot (%s: %s); mentions "
                        "sent while no run was connected are not looked for", type(exc).__name__, str(exc)[:200])
            return tally
        read, skipped = channels[:self.max_channels], channels[self.max_channels:]
        if skipped:
            log.warning("discord: catching up in the %d channel(s) most recently asked in; %d more not read, so "
                        "mentions sent there while no run was connected are not answered: %s", len(read),
                        len(skipped), _keys(skipped))
        missed: list[discord.Message] = []
        for ref in read:
            if self.stopped:
                break
            missed += await self._read(ref, now - self.within, me.id, tally)
        missed.sort(key=lambda message: message.id)
        for n, message in enumerate(missed):
            if self.stopped:
                tally.left = len(missed) - n
                break
            with self.mentions.in_flight.tracking():
                await self._answer(message, me.id, tally)
        _log(tally, self.within)
        return tally

    async def _read(self, ref: ChannelRef, since: datetime, me: int, tally: Tally) -> list[discord.Message]:
        """The messages of ``ref`` since ``since`` this pass is to answer; none when it cannot be read (logged)."""
        what = f"the history of {ref.key}"
        try:
            channel = await self._channel(ref)
            if channel is None:
                log.info("discord: %s is not a channel people write in; not read", ref.key)
                return []
            messages = [m async for m in channel.history(after=since, limit=self.max_messages, oldest_first=True)]
        except discord.HTTPException as exc:
            tally.unreadable += 1
            if exc.status in (403, 404):
                log.warning("discord: could not read %s (HTTP %d, code %d: %s): %s; mentions sent there while no run "
                            "was connected are not answered", what, exc.status, exc.code,
                            "missing access" if exc.status == 403 else "unknown channel, or the bot was removed",
                            FIX_ACCESS)
            else:
                log.warning("discord: could not read %s (HTTP %d: %s); skipped", what, exc.status, exc.text[:200])
            return []
        except (TimeoutError, aiohttp.ClientError, OSError, discord.DiscordException) as exc:
            tally.unreadable += 1
            log.warning("discord: could not read %s (%s: %s); skipped", what, type(exc).__name__, str(exc)[:200])
            return []
        tally.channels += 1
        if len(messages) >= self.max_messages:
            tally.full += 1
            log.warning("discord: %s has %d messages or more in the last %s: only the oldest %d were read, and "
                        "mentions among the newer ones sent while no run was connected are not answered", ref.key,
                        self.max_messages, minutes(self.within), self.max_messages)
        fresh = _pick(messages, me, self.mentions.wants, tally)
        if not fresh:
            return []
        try:
            claimed = await self.talked_in.claimed(ref, [str(m.id) for m in fresh])
        except Exception as exc:
            tally.unreadable += 1
            log.warning("discord: could not read which messages in %s were answered (%s: %s); none answered there "
                        "now", ref.key, type(exc).__name__, str(exc)[:200])
            return []
        tally.claimed += len(claimed)
        return [m for m in fresh if str(m.id) not in claimed]

    async def _channel(self, ref: ChannelRef) -> MessageableChannel | None:
        """The channel as the client knows it since READY (a server's channel or thread), else as Discord gives it
        (a DM, an archived thread): its type decides, as for a live message, whether it is a DM."""
        if not ref.id.isdigit():
            return None
        known = self.client.get_channel(int(ref.id))
        if known is None:
            known = await self.client.fetch_channel(int(ref.id))
        return known if isinstance(known, ANSWERING_CHANNELS) else None

    async def _answer(self, message: discord.Message, me: int, tally: Tally) -> None:
        now = self.clock()
        age = now - message.created_at
        question = question_of(message, me)
        where = f"message {question.message} in discord:{question.channel}"
        if age > self.within:
            tally.too_old += 1
            log.info("discord: %s, sent while no run was connected, is %s old by its turn; not answered", where,
                     minutes(age))
            return
        try:
            if not await self.mentions.answered.first_time(question, now=now):
                tally.claimed += 1
                return
            log.info("discord: answering a %s sent while no run was connected: %s, %s ago",
                     "direct message" if question.dm else "mention", where, minutes(age))
            await self.mentions.answer(question, message.channel)
            tally.answered += 1
        except Exception:
            log.exception("discord: answering %s, sent while no run was connected, failed", where)


def _pick(messages: list[discord.Message], me: int, wants: Callable[[discord.Message], bool],
          tally: Tally) -> list[discord.Message]:
    """The messages the live path would have answered, less those the bot replied to (a store replaced or copied
    without its answered rows still answers nothing twice) and those edited: the live path answers a message as it
    was sent, and the history shows it as it is now (a mention an edit added was never a question to the bot)."""
    replied = {m.reference.message_id for m in messages
               if m.author.id == me and m.reference is not None
               and m.reference.type is not discord.MessageReferenceType.forward}
    fresh = []
    for message in messages:
        if not wants(message):
            continue
        if message.id in replied:
            tally.replied += 1
        elif message.edited_at is not None:
            tally.edited += 1
        else:
            fresh.append(message)
    return fresh


def _log(tally: Tally, within: timedelta) -> None:
    not_answered = tally.replied + tally.claimed + tally.edited + tally.too_old + tally.left
    if not (tally.channels or tally.unreadable or tally.answered or not_answered):
        return
    log.info("discord: caught up on messages sent while no run was connected: %d channel(s) read (%d unreadable), "
             "the last %s of each; answered %d; not answered: %d replied to already, %d claimed by a run, %d edited, "
             "%d too old by their turn, %d left for the next run (stopping)", tally.channels, tally.unreadable,
             minutes(within), tally.answered, tally.replied, tally.claimed, tally.edited, tally.too_old, tally.left)


def _keys(refs: list[ChannelRef], show: int = 10) -> str:
    keys = ", ".join(ref.key for ref in refs[:show])
    return keys + (f" and {len(refs) - show} more" if len(refs) > show else "")
