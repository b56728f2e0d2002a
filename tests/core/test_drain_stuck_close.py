"""A failed start (a chat token refused) stops at once: the stop does not wait out its grace for an aiosqlite close
that can never finish (its worker thread was already stopped by a forced close), and leaves no task pending."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

import aiosqlite
import pytest

from bot.cli_run_bot import drain_tasks


class AdaptedConnection:
    """As SQLAlchemy's aiosqlite adapter: its graceful close awaits the aiosqlite connection's close."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def _terminate_graceful_close(self) -> None:
        await self._connection.close()


async def stuck_close() -> asyncio.Task[None]:
    """The race a cancelled query leaves (SQLAlchemy's terminate): the graceful close is queued on the worker
    thread, then the forced close stops that thread; the graceful close's own stop then waits on a thread that is
    gone, for ever."""
    connection = await aiosqlite.connect(":memory:")
    close = asyncio.create_task(AdaptedConnection(connection)._terminate_graceful_close())
    await asyncio.sleep(0)  # one step of the close task: its close is queued (no time passes)
    connection.stop()  # SQLAlchemy's _terminate_force_close: the worker thread ends once it has closed
    assert not close.done()
    return close


def waiting_no_time(waited: list[set[str]]) -> Any:
    """``asyncio.wait`` with no time limit, refusing to wait for a close that cannot finish (a hang otherwise)."""

    async def wait(tasks: Iterable[asyncio.Task[Any]], *, timeout: float | None = None) -> Any:
        pending = {t for t in tasks if not t.done()}
        waited.append({t.get_coro().__qualname__ for t in pending})  # type: ignore[union-attr]
        for task in pending:
            name = task.get_coro().__qualname__  # type: ignore[union-attr]
            if name.endswith("_terminate_graceful_close") and not task.cancelling():
                raise AssertionError(f"the stop waits its whole grace ({timeout} s) for {name}, which cannot finish")
        return await asyncio.wait(pending) if pending else (set(), set())

    return wait


async def test_a_close_that_cannot_finish_is_cancelled_not_waited_for(caplog: pytest.LogCaptureFixture) -> None:
    close = await stuck_close()
    waited: list[set[str]] = []
    try:
        with caplog.at_level(logging.WARNING):
            await drain_tasks(wait=waiting_no_time(waited))
    finally:
        close.cancel()  # a no-op once the stop cancelled it; else it would hold the test loop's teardown for ever
    assert close.cancelled()
    assert {t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()} == set()
    assert "still running" not in caplog.text
    assert waited == [{"AdaptedConnection._terminate_graceful_close"}]  # awaited once cancelled: nothing left


async def test_a_close_that_can_finish_is_let_finish() -> None:
    connection = await aiosqlite.connect(":memory:")
    close = asyncio.create_task(AdaptedConnection(connection)._terminate_graceful_close())
    waited: list[set[str]] = []

    async def wait(tasks: Iterable[asyncio.Task[Any]], *, timeout: float | None = None) -> Any:
        pending = {t for t in tasks if not t.done()}
        waited.append({t.get_coro().__qualname__ for t in pending})  # type: ignore[union-attr]
        return await asyncio.wait(pending)

    await drain_tasks(wait=wait)
    assert close.done() and not close.cancelled()  # its worker thread is alive: the close ran to its end
    assert not connection._thread.is_alive()
