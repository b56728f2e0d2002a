"""One round of breaking alerts on a busy store (every story changed within the lookback), beside the way it was read
before, same run: every story changed in the last 6 hours loaded whole (tests/channels/whole_alerts.py).

    .venv/bin/python benchmarks/bench_alerts.py [--stories 2000 10000] [--reps 3] [--postgres [--no-sqlite]]
                                                [--texts eval|generated] [--no-memory]

Each size gets its own store (bench_story_load.py's: stories of 2-5 articles from 300 sites, two quotes per article,
copy marks stored; every 500th story given "Skarvik" in its headline, bench_brief_pages.py's ``plant``; every
article's sentences stored as ingest stores them, what a topic is screened against), then every
story's change time is spread over the lookback before the round and its articles' publication times moved with it:
three stories in four first published within the last day (news for an alert), one in four 30 hours earlier (a
running story, which no alert carries). Cases: three channels without a topic (alerts at 2, 3 and 4 outlets), and one
with the topic "Skarvik" (at 2). Series, each on new channels (none was shown a story, so every one that passes the
screen is a candidate): a round on a fresh ``Delivery`` (caches cold, as after a start) and, on the same
``Delivery`` a minute later, a round for another set of new channels (caches warm, as the bot polls every minute).
Each repetition runs every implementation (the reference, this checkout's alerts with the topic screen not shared,
as before they shared it, and as they are), the first rotating; the last column says whether each posted the same
messages as the reference. With memory (the default), one more cold round per case and implementation under
tracemalloc gives the peak of what Python allocated during it (not timed: tracemalloc slows it).
Results and their reading: docs/BENCHMARKS.md, "Breaking alerts".
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from benchmarks.bench_brief_pages import TOPIC, plant
from benchmarks.bench_scheduled_pages import add_sentences, new_channel
from benchmarks.bench_story_load import (
    add_analyze_flag,
    analyze,
    build,
    eval_texts,
    generated_texts,
    pg_url,
    read_analyze_flag,
)
from bot.alerts import LOOKBACK, Alerts
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config
from bot.delivery import Delivery, Outcome
from bot.models import Briefing, BriefingItem, ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database
from bot.store.schema import articles, stories
from tests.channels.channel_fakes import RecordingAdapter
from tests.channels.whole_alerts import WholeLoadingAlerts

PG_NAME = "briefbot_bench_alerts"  # its own database: the test areas' databases are never touched
CONFIG = Config(briefing=BriefingConfig(max_stories=10, publication_grace="48h"))
NOW = datetime(2026, 12, 20, 12, tzinfo=UTC)  # between two 08:00 briefings: no channel's briefing is due


class UnsharedAlerts(Alerts):
    """This checkout's alerts on a ``Delivery`` whose topic screen is not shared (``Delivery.screens`` None): each
    channel's alert round screens every candidate anew, as before the alerts shared the screen's readings."""

    def __init__(self, delivery: Delivery) -> None:
        delivery.screens = None
        super().__init__(delivery)


# the reference first; "Alerts" is whatever this checkout's bot/alerts.py does
IMPLEMENTATIONS: dict[str, type[Alerts]] = {"reference: all loaded whole": WholeLoadingAlerts,
                                            "Alerts, screen not shared": UnsharedAlerts, "Alerts": Alerts}
CASES: dict[str, tuple[tuple[int, str | None], ...]] = {
    "3 channels, no topic": ((2, None), (3, None), (4, None)),
    f"1 channel, topic {TOPIC!r}": ((2, TOPIC),),
}


@dataclass
class Capturing(RecordingAdapter):
    """The recording adapter, keeping the items of each message posted, by channel."""

    posted: dict[str, list[tuple[BriefingItem, ...]]] = field(default_factory=dict)

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        self.posted.setdefault(channel.key, []).append(briefing.items)
        return await super().post(channel, briefing, key=key)


async def into_lookback(db: Database, now: datetime) -> tuple[int, int]:
    """Every story changed within LOOKBACK before ``now`` (the newest last, as built), its articles published as
    far apart as built, the first 1 hour before the change (3 stories in 4) or 30 hours (1 in 4); returns how many
    stories are news for an alert (first published within a day) and how many are not."""
    async with db.connect() as conn:
        ids = list((await conn.execute(sa.select(stories.c.id).order_by(stories.c.changed_at, stories.c.id)))
                   .scalars())
        arts = (await conn.execute(sa.select(articles.c.id, articles.c.story_id, articles.c.published)
                                   .order_by(articles.c.story_id, articles.c.published))).all()
    span = LOOKBACK - timedelta(minutes=5)
    changed = {sid: now - span + span * i / len(ids) for i, sid in enumerate(ids)}
    running = {sid for sid in ids if int(sid.rsplit("-", 1)[1]) % 4 == 3}  # the planted stories (every 500th) are news
    first: dict[str, datetime] = {}
    updates: list[dict[str, Any]] = []
    for aid, sid, published in arts:
        start = first.setdefault(sid, published)
        ago = timedelta(hours=30 if sid in running else 1)
        updates.append({"aid": aid, "published": changed[sid] - ago + (published - start) / 10})
    async with db.begin() as conn:
        await conn.execute(stories.update().where(stories.c.id == sa.bindparam("sid"))
                           .values(changed_at=sa.bindparam("changed"), updated=sa.bindparam("changed")),
                           [{"sid": sid, "changed": at} for sid, at in changed.items()])
        await conn.execute(articles.update().where(articles.c.id == sa.bindparam("aid"))
                           .values(published=sa.bindparam("published")), updates)
    return len(ids) - len(running), len(running)


async def peak_mib(call: Callable[[], Awaitable[object]]) -> float:
    """The peak of what Python allocated during the call, MiB."""
    gc.collect()
    tracemalloc.start()
    try:
        await call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


async def bench(url: str, label: str, n: int, texts: Sequence[str], reps: int, memory: bool) -> None:
    db = await Database.open(url)
    try:
        built = await build(db, n, texts, seed=n)
        await plant(db, n)
        counted = await add_sentences(db)
        fresh, running = await into_lookback(db, NOW)
        await analyze(db)
        print(f"\n### {label}, {n:,} stories changed within the lookback ({fresh:,} first published within a day, "
              f"{running:,} not; {built.articles:,} articles, {counted:,} sentences), built in {built.seconds:.0f} s\n",
              flush=True)
        times: dict[tuple[str, str, str], list[float]] = {}
        peaks: dict[tuple[str, str], float] = {}
        same: dict[tuple[str, str], bool] = {}
        reference: dict[str, list[list[tuple[BriefingItem, ...]]]] = {}  # the first series' messages, per case
        made: list[Channel] = []

        async def channels_for(case: str) -> list[Channel]:
            out = []
            for outlets, topic in CASES[case]:
                channel = await new_channel(db, f"bench-{len(made)}", topic, NOW)
                await ChannelStore(db).set_alerts(channel.ref, outlets)
                made.append(channel)
                out.append(channel)
            return out

        async def retire() -> None:
            """The channels of a series are done: alerts off, so no later round looks at them."""
            for channel in made:
                await ChannelStore(db).set_alerts(channel.ref, 0)

        async def timed(key: tuple[str, str, str], call: Awaitable[list[Outcome]]) -> list[Outcome]:
            gc.collect()
            started = time.perf_counter()
            outcomes = await call
            times.setdefault(key, []).append(time.perf_counter() - started)
            return outcomes

        names = list(IMPLEMENTATIONS)
        for rep in range(reps):
            for case in CASES:
                for name in names[rep % len(names):] + names[:rep % len(names)]:
                    adapter = Capturing()
                    delivery = Delivery(db, CONFIG, {"console": adapter})
                    scheduler = Scheduler(delivery, ManualClock(NOW))
                    scheduler.alerts = IMPLEMENTATIONS[name](delivery)
                    cold = await channels_for(case)
                    outcomes = await timed((case, "round, caches cold", name), scheduler.alert_round(NOW))
                    assert {o.state for o in outcomes} <= {"delivered"}, outcomes
                    warm = await channels_for(case)
                    later = NOW + timedelta(minutes=1)
                    outcomes = await timed((case, "round, caches warm", name), scheduler.alert_round(later))
                    assert {o.state for o in outcomes} <= {"delivered"}, outcomes
                    await retire()
                    messages = [adapter.posted.get(c.key, []) for c in (*cold, *warm)]
                    expected = reference.setdefault(case, messages)
                    same[(case, name)] = same.get((case, name), True) and messages == expected
        if memory:
            for case in CASES:
                for name in names:
                    delivery = Delivery(db, CONFIG, {"console": Capturing()})
                    scheduler = Scheduler(delivery, ManualClock(NOW))
                    scheduler.alerts = IMPLEMENTATIONS[name](delivery)
                    await channels_for(case)
                    peaks[(case, name)] = await peak_mib(partial(scheduler.alert_round, NOW))
                    await retire()
        for case, messages in reference.items():
            print(f"{case}: each round posts {sum(map(len, messages)) // 2} message(s) with "
                  f"{sum(len(m) for c in messages for m in c) // 2} stories")
        print("\n| case | series | implementation | median s | min-max s | peak MiB (cold) | same messages |")
        print("|---|---|---|---|---|---|---|")
        for (case, what, name), values in times.items():
            peak = f"{peaks[(case, name)]:.0f}" if (case, name) in peaks and "cold" in what else "-"
            print(f"| {case} | {what} | {name} | {statistics.median(values):.2f} | {min(values):.2f}-{max(values):.2f} "
                  f"| {peak} | {'yes' if same[(case, name)] else 'NO'} |", flush=True)
    finally:
        await db.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, nargs="+", default=[2000, 10_000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--texts", choices=("eval", "generated"), default="eval")
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL at 127.0.0.1:5432")
    parser.add_argument("--no-memory", action="store_true", help="leave out the rounds under tracemalloc")
    parser.add_argument("--no-sqlite", action="store_true", help="only the PostgreSQL cases (with --postgres)")
    add_analyze_flag(parser)
    args = parser.parse_args()
    read_analyze_flag(args)
    texts = eval_texts() if args.texts == "eval" else generated_texts(3000, random.Random(7))
    print(f"Machine: Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {args.reps} reps")
    for n in args.stories:
        if not args.no_sqlite:
            with tempfile.TemporaryDirectory() as tmp:
                await bench(f"sqlite:///{Path(tmp) / 'bench.db'}", "SQLite", n, texts, args.reps, not args.no_memory)
        if args.postgres:
            await bench(await pg_url(name=PG_NAME), "PostgreSQL", n, texts, args.reps, not args.no_memory)
            await pg_url(create=False, name=PG_NAME)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}, {datetime.now(UTC):%H:%M} UTC")


if __name__ == "__main__":
    asyncio.run(main())
