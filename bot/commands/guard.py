"""Keeps heavy commands from piling up: one at a time per person, a few at once overall, then a short queue."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.commands.base import Invocation
from bot.config import CommandsConfig

DEFAULT_VERB = "brief"  # typed without its name, as in dispatch.py (which imports this module)
MAX_REQUEST_CHARS = 60
STILL_WORKING = "Still working on your last request (`{request}`); this one was not run."
BUSY = "briefbot is busy right now; try again in a minute."


class Refused(Exception):
    """The command was not run; ``text`` says why, for the person who asked."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def person_of(invocation: Invocation) -> str:
    """Who asked, across channels: the platform and its user id (``slack:U0123``)."""
    return f"{invocation.channel.platform}:{invocation.user}"


def request_of(invocation: Invocation) -> str:
    """The request as the person would type it, shortened and safe inside backticks: ``/brief whosaid Sofia``
    (with the slash command the platform registered: ``Invocation.prefix``)."""
    words = " ".join(invocation.args.replace("`", "'").split())
    if len(words) > MAX_REQUEST_CHARS:
        words = words[: MAX_REQUEST_CHARS - 1].rstrip() + "…"
    verb = "" if invocation.command == DEFAULT_VERB else invocation.command
    return " ".join(part for part in (invocation.prefix, verb, words) if part)


class CommandGuard:
    """Admits heavy commands: a person's second one while their first runs is refused at once; beyond
    ``max_concurrent`` running (0: no limit) up to ``max_waiting`` wait in order of arrival, the rest are refused.
    A slot freed by a finished command goes straight to the next in line."""

    def __init__(self, max_concurrent: int = 4, max_waiting: int = 16) -> None:
        if max_concurrent < 0 or max_waiting < 0:
            raise ValueError("max_concurrent and max_waiting must be 0 or more")
        self.max_concurrent = max_concurrent
        self.max_waiting = max_waiting
        self._running = 0
        self._queue: deque[asyncio.Future[None]] = deque()
        self._requests: dict[str, str] = {}  # person -> their request admitted or waiting

    @classmethod
    def from_config(cls, config: CommandsConfig) -> CommandGuard:
        return cls(config.max_concurrent, config.max_waiting)

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return len(self._queue)

    @asynccontextmanager
    async def slot(self, person: str, request: str) -> AsyncIterator[None]:
        """Hold a slot while the body runs; raises Refused (before the body) when the command may not run."""
        await self._enter(person, request)
        try:
            yield
        finally:
            del self._requests[person]
            self._pass_on()

    async def _enter(self, person: str, request: str) -> None:
        earlier = self._requests.get(person)
        if earlier is not None:
            raise Refused(STILL_WORKING.format(request=earlier))
        if not self.max_concurrent or self._running < self.max_concurrent:
            self._running += 1
            self._requests[person] = request
            return
        if len(self._queue) >= self.max_waiting:
            raise Refused(BUSY)
        self._requests[person] = request  # a double-submit while this one waits is refused too
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append(turn)
        try:
            await turn
        except BaseException:  # cancelled while waiting (the adapter is stopping)
            if turn.done() and not turn.cancelled():
                self._pass_on()  # the slot had just been handed over: hand it on
            elif turn in self._queue:
                self._queue.remove(turn)
            del self._requests[person]
            raise

    def _pass_on(self) -> None:
        """A slot is free: the next one waiting takes it, else there is one fewer running."""
        while self._queue:
            turn = self._queue.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self._running -= 1
