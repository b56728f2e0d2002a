"""`briefbot run`'s chat adapters as tasks: one whose run raises (its token unset or refused, its platform not
answering at start) stops the bot with its reason, rather than leave it polling and posting with no chat."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Sequence

from bot.adapter import Adapter
from bot.commands.base import Dispatch

log = logging.getLogger(__name__)


class AdapterTasks:
    """Each adapter's ``run`` as a task; the first to raise sets ``stop`` and is kept as ``failure``. One that returns
    (the console at the end of its input) or is cancelled (at stop) stops nothing."""

    def __init__(self, adapters: Sequence[Adapter], dispatch: Dispatch, stop: asyncio.Event) -> None:
        self.failure = ""  # "slack: <why>" once an adapter raised
        self._stop = stop
        self.tasks: list[asyncio.Task[None]] = []
        for adapter in adapters:
            task = asyncio.create_task(adapter.run(dispatch), name=f"adapter {adapter.name}")
            task.add_done_callback(functools.partial(self._ended, adapter.name))
            self.tasks.append(task)

    def _ended(self, name: str, task: asyncio.Task[None]) -> None:
        if task.cancelled() or task.exception() is None:
            return
        exc = task.exception()
        reason = str(exc) or type(exc).__name__
        # logged, not printed: the redacting formatter masks a token even if an error message carried one
        log.error("the %s adapter stopped: %s; briefbot stops", name, reason)
        log.debug("the %s adapter's error", name, exc_info=exc)
        if not self.failure:
            self.failure = f"{name}: {reason}"
        self._stop.set()

    async def cancel(self) -> None:
        """Cancel the adapters still running and wait for them (their errors were logged when they ended)."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
