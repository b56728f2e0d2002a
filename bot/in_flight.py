"""The mention and DM answers running right now, so that a stopping adapter (Slack, Discord) can let them finish
(bounded)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Iterator
from typing import Any

log = logging.getLogger(__name__)

CANCELLED_GRACE_SECONDS = 5.0  # how long an answer cut off at stop may take to end (it ends at its next await)


class AnswersInFlight:
    """Each answer being worked out or posted, as the task that runs it: tracked from the moment its event reaches
    a handler (before the claim) until the handler returns. One per adapter, shared by its handlers."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def __len__(self) -> int:
        return sum(1 for task in self._tasks if not task.done())

    def __contains__(self, task: object) -> bool:
        """Whether ``task`` is answering now."""
        return task in self._tasks

    @contextlib.contextmanager
    def tracking(self) -> Iterator[None]:
        """Count the current task as an answer in flight while the block runs."""
        task = asyncio.current_task()
        if task is None:  # not in a task (cannot happen under bolt or discord.py): nothing to wait for
            yield
            return
        self._tasks.add(task)
        try:
            yield
        finally:
            self._tasks.discard(task)

    async def finish(self, within: float, *, also: Iterable[asyncio.Task[Any]] = ()) -> int:
        """Wait up to ``within`` seconds for the answers in flight (and ``also``, e.g. the start-up pass), those that
        start meanwhile included; cancel what is still running then (a cancelled answer is not marked done: the next
        run answers it) and give it CANCELLED_GRACE_SECONDS to end. How many were cancelled; at once 0 when nothing
        runs."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, within)
        extra = set(also)
        while True:
            running = {task for task in self._tasks | extra if not task.done()}
            if not running:
                return 0
            left = deadline - loop.time()
            if left > 0:
                await asyncio.wait(running, timeout=left)
                continue  # some ended, or time is up; answers started meanwhile are seen on the next pass
            for task in running:
                task.cancel()
            _, stuck = await asyncio.wait(running, timeout=CANCELLED_GRACE_SECONDS)
            if stuck:
                log.warning("%d answer(s) still running %g s after being cut off at stop", len(stuck),
                            CANCELLED_GRACE_SECONDS)
            return len(running)
