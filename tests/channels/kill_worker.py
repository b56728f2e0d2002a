"""A delivery process that SIGKILLs itself at a chosen point (``python -m tests.channels.kill_worker``)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from datetime import datetime
from pathlib import Path

from bot.clock import ManualClock
from bot.config import Config, SchedulerConfig
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.db import Database
from tests.channels.channel_fakes import RecordingAdapter

PARTS = 3


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


async def main(url: str, log_file: str, point: str, now_text: str) -> None:
    now = datetime.fromisoformat(now_text)
    db = await Database.open(url)

    def checkpoint(at: str) -> None:
        if at == point:
            die()

    def on_part(part: int) -> None:
        if point == f"part{part}":
            die()

    adapter = RecordingAdapter(parts=PARTS, log_file=Path(log_file), on_part=on_part)
    config = Config(scheduler=SchedulerConfig(catch_up_grace="6h"))
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}, checkpoint=checkpoint), ManualClock(now))
    outcomes = await scheduler.tick(now)
    await db.close()
    print(json.dumps([[o.channel, o.state] for o in outcomes]))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
