"""Real process kills: SIGKILL a delivery process at chosen points, restart it, and check exactly-once."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.config import Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import RecordingAdapter, add_story
from tests.channels.kill_worker import PARTS

REPO = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 9, 1, tzinfo=UTC)
REF = ChannelRef("console", "main")
# after the slot is claimed; after "posting" is recorded; between parts 1 and 2 of a three-message
# briefing; after the post returned but before it was recorded (the adapter's key absorbs the re-post)
POINTS = ["planned", "posting", "part1", "posted"]


async def restart(url: str, log: Path, now: datetime) -> list[tuple[str, str]]:
    fresh = await Database.open(url)
    try:
        adapter = RecordingAdapter(parts=PARTS, log_file=log)
        delivery = Delivery(fresh, Config(scheduler=SchedulerConfig(catch_up_grace="6h")), {"console": adapter})
        return [(o.channel, o.state) for o in await Scheduler(delivery, ManualClock(now)).tick(now)]
    finally:
        await fresh.close()


def run_worker(url: str, log: Path, point: str, now: datetime) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tests.channels.kill_worker", url, str(log), point, now.isoformat()],
                          cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


async def test_sigkill_at_each_point_then_restart_posts_every_part_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    log = tmp_path / "platform.jsonl"
    db = await Database.open(url)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    expected: dict[str, set[str]] = {}
    for day, point in enumerate(POINTS):
        slot = T0 + timedelta(days=day, hours=8)
        ids = {f"d{day}a", f"d{day}b"}
        for sid in sorted(ids):
            await add_story(db, sid, text=f"Story {sid} about the harbour works, day {day}. Cranes were moved.",
                            title=f"Harbour works {sid}", now=slot - timedelta(hours=1))
        expected[f"{REF.key}|{slot.isoformat()}"] = ids
        killed = run_worker(url, log, point, slot)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stdout, killed.stderr[-2000:])
        # the restart: a new runtime on the same file (only what the killed process committed survives)
        assert await restart(url, log, slot + timedelta(minutes=1)) == [(REF.key, "delivered")]
        assert await restart(url, log, slot + timedelta(minutes=2)) == []  # nothing left to do
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    counts = Counter((d["key"], d["part"]) for d in lines)
    assert set(counts.values()) == {1}, [k for k, n in counts.items() if n > 1]
    assert {k for k, _ in counts} == set(expected)
    for key in expected:
        assert sorted(p for k, p in counts if k == key) == list(range(PARTS))
        assert {s for d in lines if d["key"] == key for s in d["stories"]} == expected[key]
    entries = await DeliveryLedger(db).entries(REF.key)
    assert [e.state for e in entries] == ["delivered"] * len(POINTS)
    assert await DeliveryLedger(db).delivered_story_ids(REF.key) == set().union(*expected.values())
    await db.close()
