""""briefbot is typing…" while a mention is answered: shown at once, kept up, and never a reason to fail."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import aiohttp
import discord

log = logging.getLogger(__name__)

RESEND_EVERY = 8.0  # Discord shows the indicator for about 10 s, or until the bot's next message there
# how long a ready answer waits for a typing call already on its way: one that lands after the answer would
# show "typing" again under it
LAST_CALL_WAIT = 1.0
TYPING_FAILURES = (discord.HTTPException, discord.RateLimited, aiohttp.ClientError, OSError, TimeoutError)


class _Typing:
    """The indicator's background task and whether one of its calls is on its way."""

    def __init__(self, channel: discord.abc.Messageable, where: str) -> None:
        self.channel = channel
        self.where = where
        self.calling = False
        self.call_done = asyncio.Event()

    async def keep_up(self) -> None:
        try:
            while True:
                self.calling = True
                self.call_done.clear()
                await self.channel.typing()  # one POST /channels/{id}/typing
                self.calling = False
                self.call_done.set()
                await asyncio.sleep(RESEND_EVERY)
        except TYPING_FAILURES as exc:  # 403 (no Send Messages), an outage: the answer goes out anyway
            status = getattr(exc, "status", None)
            log.info("discord: could not show typing in %s (%s); answering anyway", self.where,
                     f"HTTP {status}" if status else type(exc).__name__)
        except Exception:  # a bug here must not go unseen, nor stop the answer
            log.exception("discord: the typing indicator in %s failed; answering anyway", self.where)
        finally:
            self.calling = False
            self.call_done.set()


@asynccontextmanager
async def typing_while(channel: discord.abc.Messageable, where: str, *,
                       last_call_wait: float = LAST_CALL_WAIT) -> AsyncIterator[None]:
    """Show the indicator in ``channel`` while the body runs. At the end a typing call on its way is given
    ``last_call_wait`` seconds to land (so it does not show up after the answer), then the indicator stops.
    Its failures are logged at INFO and never raised (``where``: the channel's key, for the log)."""
    typing = _Typing(channel, where)
    task = asyncio.create_task(typing.keep_up())
    try:
        yield
        if typing.calling and last_call_wait > 0:
            with suppress(TimeoutError):
                await asyncio.wait_for(typing.call_done.wait(), last_call_wait)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)  # its own cancellation, not the caller's
