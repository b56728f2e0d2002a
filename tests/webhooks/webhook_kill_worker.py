"""A webhook delivery process that SIGKILLs itself at a chosen checkpoint.

``python -m tests.webhooks.webhook_kill_worker DB_URL PLATFORM MAX_STORIES POINT NOW``; the webhooks' URLs in the
environment, as ``briefbot run`` reads them."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import datetime
from pathlib import Path

for _folder in ("slack", "discord", "webhooks"):  # webhook_helpers imports the fakes by name, as conftest sets up
    sys.path.insert(0, str(Path(__file__).parents[1] / _folder))

from webhook_helpers import webhook_config  # noqa: E402

from adapters.webhooks import build_webhook_adapters  # noqa: E402
from bot.clock import ManualClock  # noqa: E402
from bot.delivery import Delivery  # noqa: E402
from bot.scheduler import Scheduler  # noqa: E402
from bot.store.db import Database  # noqa: E402


async def main(url: str, platform: str, max_stories: str, point: str, now_text: str) -> None:
    now = datetime.fromisoformat(now_text)
    db = await Database.open(url)
    config = webhook_config(dict(os.environ), max_stories=int(max_stories))

    def checkpoint(at: str) -> None:
        if at == point:
            os.kill(os.getpid(), signal.SIGKILL)

    clock = ManualClock(now)
    adapters = {a.name: a for a in build_webhook_adapters(config, clock=clock) if a.name == platform}
    scheduler = Scheduler(Delivery(db, config, adapters, checkpoint=checkpoint), clock)
    try:
        print([(o.channel, o.state) for o in await scheduler.tick(now)])  # reached only when the point never came
    finally:
        for adapter in adapters.values():
            await adapter.close()
        await db.close()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:6]))
