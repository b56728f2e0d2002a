"""The scheduler on an injected clock, hour by hour over the nights Bucharest's clocks change: "every 2h" with quiet
hours posts at their end and then every two hours from it, never an hour after the catch-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.schedule import parse_timezone
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import RecordingAdapter

BUCHAREST = parse_timezone("Europe/Bucharest")
DESK = ChannelRef("console", "desk")


@pytest.mark.parametrize(("start", "quiet", "expected"), [
    # 29 March: 03:00 EET -> 04:00 EEST, inside the quiet hours
    (datetime(2026, 3, 28, 10, tzinfo=UTC), "22:00-07:00",
     ["28 13:00+0200", "28 15:00+0200", "28 17:00+0200", "28 19:00+0200", "28 21:00+0200",
      "29 07:00+0300", "29 09:00+0300", "29 11:00+0300", "29 13:00+0300", "29 15:00+0300", "29 17:00+0300",
      "29 19:00+0300", "29 21:00+0300"]),
    # 25 October: 04:00 EEST -> 03:00 EET; the quiet hours end at an odd minute
    (datetime(2026, 10, 24, 9, tzinfo=UTC), "22:00-06:47",
     ["24 12:47+0300", "24 14:47+0300", "24 16:47+0300", "24 18:47+0300", "24 20:47+0300",
      "25 06:47+0200", "25 08:47+0200", "25 10:47+0200", "25 12:47+0200", "25 14:47+0200", "25 16:47+0200",
      "25 18:47+0200", "25 20:47+0200"]),
])
async def test_every_2h_restarts_after_the_quiet_hours_catch_up(
        db: Database, config: Config, start: datetime, quiet: str, expected: list[str]) -> None:
    store = ChannelStore(db)
    await store.ensure(DESK, ChannelDefaults("every 2h", "Europe/Bucharest"), now=start)
    await store.set_schedule(DESK, now=start, quiet_hours=quiet)
    clock = ManualClock(start)
    scheduler = Scheduler(Delivery(db, config, {"console": RecordingAdapter(clock=clock)}), clock)
    posted = []
    for hour in range(1, 37):
        clock.set(start + timedelta(hours=hour))
        posted += [o.slot for o in await scheduler.tick(clock()) if o.state == "empty" and o.slot is not None]
    assert [s.astimezone(BUCHAREST).strftime("%d %H:%M%z") for s in posted] == expected
