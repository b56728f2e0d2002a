"""Answering a slash command or a button click within Discord's 3 s: at once, or deferred then followed up."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord

from adapters.discord.post import send_kwargs, send_messages
from adapters.discord.slow_answer import SlowAnswerNote, not_delivered, posted_instead
from adapters.discord.translate import token_expired
from adapters.discord.where import RawChannels
from bot.adapter import PostError
from bot.commands.base import Dispatch, Invocation, Reply
from bot.models import ChannelRef
from digests.render_discord import Message, header, render_discord, render_text_messages

log = logging.getLogger("adapters.discord.client")  # the adapter's lines: they stay under its logger

UNKNOWN_INTERACTION = 10062  # Discord's code for an interaction answered too late (past its 3 s): it is gone


class InteractionAnswers:
    """``DiscordAdapter``'s answering of an interaction (its command and button handlers call ``_answer``)."""

    client: discord.Client
    _raw_channels: RawChannels
    _dispatch: Dispatch | None
    _defer_after: float
    _token_note_after: float

    def _channel_id(self, interaction: discord.Interaction) -> str:
        """The interaction's channel id, also for a channel of a type discord.py does not know."""
        return str(self._raw_channels.channel_id(interaction))

    async def _answer(self, interaction: discord.Interaction, invocation: Invocation, *, slow: bool, what: str,
                      private: bool = False) -> None:
        """Answer within Discord's 3 s: reply at once when the command is quick, else defer then follow up (a
        "thinking…" still there shortly before the token's 15 minutes end becomes a note: slow_answer.py).
        ``private``: only the caller sees the answer, whatever the reply says."""
        task = asyncio.ensure_future(self._safe_dispatch(invocation))
        if not slow:
            await asyncio.wait({task}, timeout=self._defer_after)
        deferred = not task.done()
        try:
            if deferred:
                await interaction.response.defer(thinking=True, ephemeral=private)
        except discord.HTTPException as exc:  # the command runs on all the same: its answer must not be lost
            reply = await task
            if exc.code == UNKNOWN_INTERACTION:  # too late: nothing went out
                await self._answer_in_channel(interaction, reply, what, exc, private=private)
            else:  # as below: the interaction may have been answered (another process on the token: 40060)
                log.error("discord: could not answer %s (HTTP %s: %s)", what, exc.status, exc.text[:200])
            return
        # deferred: "thinking…" until the answer; one not ready shortly before the token expires gets a note instead
        note = SlowAnswerNote(interaction, what, private=private, after=self._token_note_after, client=self.client,
                              channel=ChannelRef("discord", self._channel_id(interaction))) if deferred else None
        try:
            reply = await task
        finally:
            if note is not None:
                await note.stop()
        sent: list[Message] = []
        try:
            await self._deliver(interaction, reply, deferred, always_private=private, sent=sent)
        except discord.HTTPException as exc:
            if exc.code == UNKNOWN_INTERACTION and not interaction.response.is_done():  # too late: nothing went out
                await self._answer_in_channel(interaction, reply, what, exc, private=private)
                return
            if deferred and token_expired(exc.status, exc.code):  # past its 15 minutes: the rest to the channel
                await self._answer_in_channel(interaction, reply, what, exc, private=private, skip=len(sent),
                                              note=note)
                return
            log.error("discord: could not answer %s (HTTP %s: %s)", what, exc.status, exc.text[:200])

    async def _answer_in_channel(self, interaction: discord.Interaction, reply: Reply, what: str,
                                 exc: discord.HTTPException, *, private: bool, skip: int = 0,
                                 note: SlowAnswerNote | None = None) -> None:
        """Discord refused the interaction's answer (its "thinking…" or the reply itself: 10062 Unknown interaction
        when the 3 s had passed; a follow-up: 401 Invalid Webhook Token or 404 Unknown Webhook once its token expired,
        15 minutes after the command): the command ran, so a public reply goes to the channel as plain messages (all
        but the ``skip`` first, out already); a private one cannot be sent privately any more, and the log says so.
        A deferred command's "thinking…" (``note``) then says what became of the answer, if Discord still takes it
        (a 404 on a token still alive) and its note did not say so already."""
        if private or reply.ephemeral or reply.error:
            log.error("discord: could not answer %s for user %s (HTTP %s, code %s: %s); its answer was private, so it "
                      "was not posted in the channel instead", what, interaction.user.id, exc.status, exc.code,
                      exc.text[:200])
            if note is not None:
                await note.settle(not_delivered(what))
            return
        log.warning("discord: could not answer %s through the interaction (HTTP %s, code %s: %s); posting its answer "
                    "in the channel instead", what, exc.status, exc.code, exc.text[:200])
        channel = ChannelRef("discord", self._channel_id(interaction))
        try:
            await send_messages(self.client, channel, reply_messages(reply)[skip:])
        except PostError as failed:  # send_messages logged why
            log.error("discord: the answer to %s was not delivered: %s", what, failed.reason)
            if note is not None:
                await note.settle(not_delivered(what))
            return
        if note is not None:
            await note.settle(posted_instead(what))

    async def _safe_dispatch(self, invocation: Any) -> Reply:
        assert self._dispatch is not None
        try:
            return await self._dispatch(invocation)
        except Exception:
            log.exception("discord: dispatch of %s failed", invocation.command)
            return Reply("Something went wrong answering that; it has been logged.", ephemeral=True, error=True)

    async def _deliver(self, interaction: discord.Interaction, reply: Reply, deferred: bool, *,
                       always_private: bool = False, sent: list[Message] | None = None) -> None:
        """``sent``: each message is added once Discord took it (a failure part-way leaves the rest)."""
        sent = [] if sent is None else sent
        messages = reply_messages(reply)
        private = always_private or reply.ephemeral or reply.error
        if deferred and private and not always_private:
            # the "thinking…" placeholder is public; replace it with a private follow-up (an always-private
            # answer deferred privately, so its follow-up simply takes the placeholder's place)
            await interaction.delete_original_response()
        elif not deferred:
            first, messages = messages[0], messages[1:]
            await interaction.response.send_message(**send_kwargs(first), ephemeral=private)
            sent.append(first)
        for message in messages:
            await interaction.followup.send(**send_kwargs(message), ephemeral=private)
            sent.append(message)


def reply_messages(reply: Reply) -> list[Message]:
    """A command's reply as message bodies: its text, then the briefing's embeds, within limits. A briefing's reply
    text without its title (``Reply.intro()``, as the console and Slack show it) comes before the header line, which
    shows the title once with the story count (``Preview: <title>`` -> ``Preview:`` above the header line)."""
    if reply.briefing is None:
        return [{"content": c, "embeds": []} for c in render_text_messages(reply.text)]
    intro, heading = reply.intro(), header(reply.briefing)
    return render_discord(reply.briefing, content=f"{intro}\n{heading}" if intro else heading)
