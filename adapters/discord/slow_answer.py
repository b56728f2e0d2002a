"""A deferred command whose answer outlives its token's 15 minutes: a note replaces its "thinking…" in time (or, when
Discord refuses that edit, a public command's note goes to the channel as a message of its own)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import aiohttp
import discord

from adapters.discord.post import send_messages
from bot.adapter import PostError
from bot.models import ChannelRef

log = logging.getLogger(__name__)

TOKEN_MINUTES = 15  # an interaction's token answers for 15 minutes; then every request on it gets 401 (code 50027)
# when the note goes up, counted from the "thinking…" (sent within 3 s of the command): a minute before the token ends
NOTE_AFTER = (TOKEN_MINUTES - 1) * 60.0
_FAILURES = (discord.HTTPException, aiohttp.ClientError, asyncio.TimeoutError, OSError)


def _named(what: str) -> str:
    """A command as typed (``/brief whosaid``) in code style; "the track button" as it is."""
    return f"`{what}`" if what.startswith("/") else what


def still_working(what: str, *, private: bool) -> str:
    """The note for ``what`` ("/brief whosaid"), its answer not ready as the token is about to expire: what will
    happen to that answer (``private``: for the caller alone, which only the interaction could have carried)."""
    if private:
        return (f"Still working on {_named(what)}. Discord lets the bot answer a command for {TOKEN_MINUTES} minutes "
                "only, and an answer only for you can go no other way: if it is not ready within the minute, it cannot "
                "reach you. Please try again later then.")
    return (f"Still working on {_named(what)}. Discord lets the bot answer a command for {TOKEN_MINUTES} minutes only: "
            "the answer will be posted in this channel as a message of its own when it is ready (unless it is "
            "meant for you alone, which only the command could carry).")


def still_working_here(what: str) -> str:
    """The note of a public ``what`` posted in its channel, its "thinking…" refusing the edit into ``still_working``
    (so Discord will show the command "did not respond"): nobody is left wondering whether it was lost."""
    return (f"Still working on {_named(what)}, asked in this channel a while ago. Discord lets the bot answer a "
            f"command for {TOKEN_MINUTES} minutes only, and its \"thinking…\" could not be updated, so Discord may "
            "show that the application did not respond: the answer will be posted in this channel when it is ready "
            "(unless it is meant for the asker alone, which only the command could carry).")


def posted_instead(what: str) -> str:
    """The "thinking…" of ``what`` once its answer went to the channel as a plain message."""
    return f"The answer to {_named(what)} was posted in this channel as a message of its own."


def not_delivered(what: str) -> str:
    """The "thinking…" of ``what`` once its answer could be sent neither through the command nor in the channel."""
    return f"The answer to {_named(what)} could not be delivered. Please try again."


class SlowAnswerNote:
    """Started once a command's answer is deferred. Unless ``stop`` comes first, after ``after`` seconds the
    "thinking…" (its original response) becomes ``still_working``; ``settle`` replaces it afterwards when the answer
    went elsewhere. When Discord refuses that edit (an HTTP error, an outage), a public command's note
    (``still_working_here``) is posted in ``channel`` through ``client`` instead, as a refused follow-up's answer is
    (client.py); a private command's is not (the channel would learn of it), and the log says so. ``sleep`` is
    injected (tests)."""

    def __init__(self, interaction: discord.Interaction, what: str, *, private: bool, after: float = NOTE_AFTER,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, client: discord.Client | None = None,
                 channel: ChannelRef | None = None) -> None:
        self._interaction = interaction
        self._what = what
        self._private = private
        self._after = after
        self._sleep = sleep
        self._client = client
        self._channel = channel
        self._editing = False
        self.shown = False  # the note is up: the command says what happens to its answer
        self.posted = False  # the note went to the channel as a message of its own (the edit was refused)
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        await self._sleep(self._after)
        self._editing = True
        log.info("discord: %s is not answered %.0f s after its \"thinking…\"; saying so before its token expires",
                 self._what, self._after)
        self.shown = await self._edit(still_working(self._what, private=self._private))
        if not self.shown:
            await self._in_channel()

    async def _in_channel(self) -> None:
        """The note refused as an edit: a public command's in its channel instead, so Discord's "did not respond"
        is not all the channel hears; always logged, naming the channel."""
        where = self._channel.id if self._channel is not None else "(unknown)"
        if self._private or self._client is None or self._channel is None:
            log.error("discord: %s was for the caller alone, so its note was not posted in channel %s either: the "
                      "caller sees Discord's \"did not respond\"; its answer still goes to them if the token takes it",
                      self._what, where)
            return
        try:
            await send_messages(self._client, self._channel, [{"content": still_working_here(self._what),
                                                               "embeds": []}])
        except (PostError, *_FAILURES) as exc:
            reason = exc.reason if isinstance(exc, PostError) else type(exc).__name__
            log.error("discord: the note on %s could not be posted in channel %s either (%s): the caller sees "
                      "Discord's \"did not respond\"; its answer still goes out when it is ready", self._what, where,
                      reason)
            return
        self.posted = True
        log.warning("discord: the \"thinking…\" of %s refused its note, so it posted it in channel %s instead",
                    self._what, where)

    async def stop(self) -> None:
        """The answer is ready: no note from now on (one being put up is let finish, so its outcome is known)."""
        if not self._editing:
            self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)

    async def settle(self, text: str) -> None:
        """After the answer went elsewhere (or nowhere): ``text`` in place of the "thinking…", unless the note already
        says what happened. Once the token has expired Discord refuses it (logged): nothing else can change it."""
        if self.shown:
            return
        await self._edit(text)

    async def _edit(self, text: str) -> bool:
        try:
            await self._interaction.edit_original_response(content=text, embeds=[], view=None)
        except _FAILURES as exc:
            status = getattr(exc, "status", None)
            log.warning("discord: could not replace the \"thinking…\" of %s (%s%s); it stays until Discord shows it "
                        "failed", self._what, type(exc).__name__, f", HTTP {status}" if status else "")
            return False
        return True
