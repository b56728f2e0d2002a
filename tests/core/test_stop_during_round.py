"""Stopping `briefbot run` while a polling round (or another job) is under way: the scheduler cancels the job and
waits for it while the store is open; the log says so in one INFO line, not an apscheduler traceback."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database


def others() -> set[asyncio.Task[object]]:
    return {t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()}


async def test_a_polling_round_cancelled_by_the_stop_is_one_info_line_and_done_before_the_store_closes(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'stop.db'}")
    started, ended = asyncio.Event(), asyncio.Event()

    async def poll(now: datetime) -> object:  # a round that reads the store, then waits on a slow source
        try:
            await ChannelStore(db).all()
            async with db.connect():
                started.set()
                await asyncio.Event().wait()
        finally:
            ended.set()
        return None

    # the wall clock's time, read once: apscheduler runs the first round at once, as in `briefbot run`
    scheduler = Scheduler(Delivery(db, Config(), {}), ManualClock(datetime.now(UTC)), poll=poll)
    caplog.set_level(logging.INFO)
    await scheduler.start()
    await started.wait()
    await scheduler.shutdown()
    assert ended.is_set() and others() == set()  # nothing left for drain_tasks to wait for
    await db.close()
    lines = [(r.levelname, r.name, r.getMessage()) for r in caplog.records if r.name.startswith(("bot", "aps"))]
    assert ("INFO", "bot.scheduler", "stopping: polling round cancelled") in lines
    assert [line for line in lines if line[0] in ("WARNING", "ERROR")] == []
    assert scheduler.last_poll_failure is None  # a stop is not a failed round


async def test_a_cancellation_from_elsewhere_is_still_raised(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'stop.db'}")
    started = asyncio.Event()

    async def poll(now: datetime) -> object:
        started.set()
        await asyncio.Event().wait()
        return None

    scheduler = Scheduler(Delivery(db, Config(), {}), ManualClock(datetime(2031, 1, 6, tzinfo=UTC)), poll=poll)
    job = asyncio.create_task(scheduler.poll_job())
    await started.wait()
    job.cancel()
    with pytest.raises(asyncio.CancelledError):
        await job
    await db.close()
