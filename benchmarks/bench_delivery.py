"""Delivery costs on a file SQLite store: an idle scheduler tick over many channels, and the ledger's cost
per delivered slot, each beside a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_delivery.py --channels 500 --rounds 5
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import RecordingAdapter, add_story

T0 = datetime(2026, 6, 1, tzinfo=UTC)


async def idle_ticks(db: Database, n: int, rounds: int) -> tuple[list[float], list[float]]:
    """ms per idle tick: Scheduler.tick (one ledger overview) vs asking every channel's ledger rows."""
    store = ChannelStore(db)
    for i in range(n):
        await store.ensure(ChannelRef("console", f"c{i}"), ChannelDefaults("daily 08:00", "Europe/Brussels"), now=T0)
    delivery = Delivery(db, Config(), {"console": RecordingAdapter()})
    scheduler = Scheduler(delivery, ManualClock(T0))
    now = T0 + timedelta(hours=2)  # nothing due
    ours, naive = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        assert await scheduler.tick(now) == []
        ours.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        for channel in await store.all():
            assert await delivery.deliver_due(channel, now) == []
        naive.append((time.perf_counter() - t) * 1000)
    return ours, naive


async def per_slot(db: Database, n: int) -> tuple[float, float]:
    """ms per channel: composing its briefing only (preview) vs delivering it through the ledger."""
    for s in range(20):
        await add_story(db, f"s{s}", text=f"Harbour works, part {s}. Cranes were moved on the quay.",
                        title=f"Harbour works {s}", now=T0 + timedelta(hours=1))
    adapter = RecordingAdapter()
    delivery = Delivery(db, Config(), {"console": adapter})
    channels = await ChannelStore(db).all()
    now = T0 + timedelta(hours=7)  # 08:00 Brussels: every channel is due
    t = time.perf_counter()
    for channel in channels:
        await delivery.preview(channel, now)
    compose_ms = (time.perf_counter() - t) * 1000 / len(channels)
    t = time.perf_counter()
    for channel in channels:
        assert [o.state for o in await delivery.deliver_due(channel, now)] == ["delivered"]
    deliver_ms = (time.perf_counter() - t) * 1000 / len(channels)
    assert len(adapter.posts) == len(channels)
    return compose_ms, deliver_ms


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(f"sqlite:///{Path(tmp) / 'bench.db'}")
        ours, naive = await idle_ticks(db, args.channels, args.rounds)
        compose_ms, deliver_ms = await per_slot(db, args.channels)
        await db.close()
    print(f"Machine: Python {platform.python_version()}, {platform.machine()}, SQLite file store, "
          f"{args.channels} channels, {args.rounds} rounds, measured {datetime.now(UTC):%Y-%m-%d}.\n")
    print("| series | what | median ms | min ms |")
    print("|---|---|---|---|")
    print(f"| idle tick, per-channel ledger reads (baseline) | deliver_due on every channel, none due "
          f"| {statistics.median(naive):.1f} | {min(naive):.1f} |")
    print(f"| idle tick, Scheduler.tick | one ledger overview query, slots computed in memory "
          f"| {statistics.median(ours):.1f} | {min(ours):.1f} |")
    print(f"| compose only (baseline), per channel | preview: candidates, topics, compose | {compose_ms:.2f} | - |")
    print(f"| deliver, per channel | claim slot, post (no-op adapter), record stories and watermark "
          f"| {deliver_ms:.2f} | - |")


if __name__ == "__main__":
    asyncio.run(main())
