"""Channels delivered at the same time: a few turns at once, and a channel past its deadline gives its turn back."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
# Ends when a channel that started posting has run past its deadline (``asyncio.sleep`` of it; tests inject theirs).
Overdue = Callable[[str], Awaitable[object]]


class Overran:
    """What ``ChannelTurns.take`` returns for a channel still under way at its deadline (or from an earlier one)."""

    def __init__(self, already: bool) -> None:
        self.already = already  # True: left running by an earlier tick or round, not started now


class ChannelTurns:
    """At most ``at_once`` channels are delivered together (tick, alert rounds and channel jobs alike), one at a
    time per channel. One that is still posting ``deadline`` seconds after its turn began is left to finish on its
    own (its lock held, its turn given back), so a webhook hanging to its timeout does not hold up the others; until
    it ends, the channel is not started again."""

    def __init__(self, at_once: int, deadline: float, overdue: Overdue | None = None) -> None:
        self.at_once = max(1, at_once)
        self.deadline = deadline
        self._overdue = overdue or self._sleep
        self._turns = asyncio.Semaphore(self.at_once)
        self._locks: dict[str, asyncio.Lock] = {}
        self.overrunning: dict[str, asyncio.Task[Any]] = {}  # channel key -> its delivery, past its deadline

    async def _sleep(self, key: str) -> None:
        await asyncio.sleep(self.deadline)

    def lock(self, key: str) -> asyncio.Lock:
        return self._locks.setdefault(key, asyncio.Lock())

    async def take(self, key: str, work: Callable[[], Awaitable[T]]) -> T | Overran:
        """``work()`` under the channel's lock (taken first: one waiting for it holds no turn) and a turn; its
        result, or ``Overran`` when it was still running at its deadline (it then goes on in the background)."""
        if key in self.overrunning:
            return Overran(already=True)
        started = asyncio.Event()
        held = [False]  # the turn, given back once: when the work ends or at the deadline, whichever comes first

        def give_back() -> None:
            if held[0]:
                held[0] = False
                self._turns.release()

        async def in_turn() -> T:
            async with self.lock(key):
                await self._turns.acquire()
                held[0] = True
                started.set()
                try:
                    return await work()
                finally:
                    give_back()

        task = asyncio.ensure_future(in_turn())
        waiters: list[asyncio.Future[Any]] = []
        try:
            # first its turn (or its end: a channel removed meanwhile), then its end or its deadline
            ends: tuple[Callable[[], Awaitable[object]], ...] = (started.wait, functools.partial(self._overdue, key))
            for end in ends:
                waiters.append(asyncio.ensure_future(end()))
                await asyncio.wait({task, waiters[-1]}, return_when=asyncio.FIRST_COMPLETED)
                if task.done():
                    break
        except BaseException:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            raise
        finally:
            for waiter in waiters:
                waiter.cancel()
        if task.done():
            return task.result()
        give_back()
        self.overrunning[key] = task
        task.add_done_callback(lambda t: self._ended(key, t))
        return Overran(already=False)

    def _ended(self, key: str, task: asyncio.Task[Any]) -> None:
        if self.overrunning.get(key) is task:
            del self.overrunning[key]
        if not task.cancelled() and task.exception() is not None:  # the work catches its own errors: a bug
            log.error("channel %s: delivery past its deadline failed", key, exc_info=task.exception())
