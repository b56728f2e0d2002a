"""At stop, `briefbot run` cancels what is still running and waits for it while the store is open."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.cli_run_bot import drain_tasks
from bot.store.channels import ChannelStore
from bot.store.db import Database


async def test_a_polling_round_still_running_at_stop_is_cancelled_and_finished_before_the_store_closes(
        tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'drain.db'}")
    started = asyncio.Event()

    async def round_in_progress() -> None:  # a job that reads the store, then waits (as on a slow source)
        await ChannelStore(db).all()
        started.set()
        async with db.connect():
            await asyncio.Event().wait()  # holds a pooled connection until cancelled

    job = asyncio.create_task(round_in_progress())
    await started.wait()
    await drain_tasks()
    assert job.cancelled()
    assert {t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()} == set()
    await db.close()  # the connection came back to the pool: nothing is left half-closed
