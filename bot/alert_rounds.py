"""Alert rounds off the polling path: one at a time in the background, and a request while one runs is not lost."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class AlertRounds(Generic[T]):
    """Runs ``round`` in one background task, one round at a time. ``request()`` asks for a round and returns at
    once (the poll job: polling never waits on a post); ``run()`` asks for one and waits for its result
    (``run --once``). Requests made while a round runs are served together by one more round after it: it starts
    later, so it reads everything they were about. None is dropped, and no two rounds overlap.

    ``close(grace)`` takes no more requests, lets a running round finish within ``grace`` seconds, then cancels
    it (an alert cut off mid-post stays claimed in the delivery ledger and is finished at the next start)."""

    def __init__(self, round_: Callable[[], Awaitable[T]], *,
                 failed: Callable[[Exception], None] | None = None) -> None:
        self._round = round_
        self._failed = failed  # told of a round that raised with no one waiting for it (default: its traceback)
        self._wanted = False  # a round was asked for that has not started yet
        self._waiters: list[asyncio.Future[T]] = []  # run() callers waiting for the next round to start
        self._task: asyncio.Task[None] | None = None
        self.closed = False

    @property
    def busy(self) -> bool:
        """True while a round runs or one is waiting to."""
        return self._task is not None and not self._task.done()

    def request(self) -> None:
        """Ask for a round after whatever is running; returns at once. Ignored once closed."""
        if self.closed:
            log.debug("alert round not started: stopping")
            return
        self._wanted = True
        if not self.busy:
            self._task = asyncio.create_task(self._serve(), name="alert-rounds")

    async def run(self) -> T:
        """Ask for a round and wait for its result: a round that started after this call, never one already
        running. Its exception, if it raised one, is raised here. Cancelling this wait does not stop the round."""
        if self.closed:
            raise RuntimeError("alert rounds are stopped")
        waiter: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        self.request()
        return await waiter

    async def idle(self) -> None:
        """Wait until no round runs and none is asked for (tests; a round that raised is not raised here)."""
        while self._task is not None and not self._task.done():
            await asyncio.wait({self._task})

    async def close(self, grace: float) -> None:
        """Take no more requests; wait up to ``grace`` seconds for the rounds under way, then cancel them."""
        self.closed = True
        task = self._task
        if task is None or task.done():
            return
        await asyncio.wait({task}, timeout=grace)
        if not task.done():
            log.warning("alert round still running %g s after stopping: cancelled (an alert it had claimed is "
                        "finished at the next start)", grace)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _serve(self) -> None:
        while self._wanted:
            self._wanted = False
            waiters, self._waiters = self._waiters, []
            try:
                result = await self._round()
            except Exception as exc:  # the next request still gets its round
                waiting = [w for w in waiters if not w.done()]
                for waiter in waiting:
                    waiter.set_exception(exc)
                if not waiting and self._failed is not None:
                    self._failed(exc)
                elif not waiting:
                    log.exception("alert round failed")
                continue
            except BaseException:  # cancelled (stopping): the rounds asked for are not coming
                for waiter in [*waiters, *self._waiters]:
                    waiter.cancel()
                raise
            for waiter in waiters:
                if not waiter.done():  # its caller stopped waiting
                    waiter.set_result(result)
