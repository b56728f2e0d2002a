"""One channel's scheduled briefing on a busy store (every story changed since its last briefing), beside the
way it was composed before, same run: each page of changed stories loaded whole (tests/channels/whole_loading.py).

    .venv/bin/python benchmarks/bench_scheduled_pages.py [--stories 2000 10000] [--reps 3] [--postgres]
                                                         [--texts eval|generated] [--channels 4]
                                                         [--topic-channels 5] [--screen-only]

Each size gets its own store (bench_story_load.py's: stories of 2-5 articles, two quotes per article, copy marks
stored), with every article's sentences stored as ingest stores them (what a channel's topic is matched against),
and every 500th story given "Skarvik" in its headline (bench_brief_pages.py's ``plant``). A channel's watermark is
set before the oldest story, so its next briefing weighs every story of the store. Cases: a channel without a
topic, and one with the topic "Skarvik". Series, each with a fresh ``Delivery`` (its story cache cold, as after
a busy day): ``plan_for`` (what the ledger claims a slot with), ``preview`` (the briefing, its items whole), and a
whole delivery (``deliver_due`` of a due channel through a no-op adapter: plan, claim, replay, post, record).
A last series delivers ``--channels`` channels (half of them with the topic) in one ``Scheduler.tick`` with one
``Delivery``, whose story cache they share (and once more with the outline cache off). Each repetition runs every
implementation, the first rotating; the last column says whether each planned the same briefing as the reference
(the ledger's record of it). A series that raised is counted, with its error, not timed.

The topic screen shared by a tick's channels (bot/screen_cache.py) is measured beside each channel screening anew
(``Delivery`` with ``screens = None``, the screen before it): a tick of ``--topic-channels`` channels, each with
another topic (TICK_TOPICS, in turn), on a fresh ``Delivery``; the size of what it keeps is printed after it.
``--screen-only`` runs only that, and the topic case's series with the two screens (no reference, no case without
a topic): what the 10,000-story store needs to measure it in minutes.
Results and their reading: docs/BENCHMARKS.md, "Delivery".
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
from collections.abc import Awaitable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from benchmarks.bench_brief_pages import TOPIC, plant
from benchmarks.bench_story_load import (
    T0,
    add_analyze_flag,
    analyze,
    build,
    eval_texts,
    generated_texts,
    pg_url,
    read_analyze_flag,
)
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.nlp.sentences import split_sentences
from bot.scheduler import Scheduler
from bot.store.channels import Channel, ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import Planned
from bot.store.schema import articles, channels, deliveries, sentences
from bot.story_feed import StoreFeed
from tests.channels.channel_fakes import RecordingAdapter
from tests.channels.whole_loading import WholeLoadingDelivery

PG_NAME = "briefbot_bench_scheduled_pages"  # its own database: the test areas' databases are never touched
CONFIG = Config(briefing=BriefingConfig(max_stories=10, publication_grace="48h"))
T = TypeVar("T")
UNCACHED = "Delivery, outline cache off"


class NoOutlineCache(StoreFeed):
    """The store feed without the outlines it keeps for the next channel (what the cache saves, in a tick)."""

    OUTLINE_CACHE_SIZE = 0

PER_CHANNEL = "Delivery, per-channel screen"
# one topic per channel of the topic tick, in turn: rare words, a phrase-less pair, an exclusion, a word of another
# language beside an English one, an outlet beside a word
TICK_TOPICS = (TOPIC, "earthquake OR flood", "UN climate", "Ukraine -football", "économie OR tariff",
               "AI from:Reuters")


class PerChannelScreen(Delivery):
    """``Delivery`` with each topic channel screening every story anew (what the shared screen saves)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.screens = None


# the reference first; "Delivery" is whatever this checkout's bot/delivery.py does
IMPLEMENTATIONS: dict[str, type[Delivery]] = {"reference: whole pages": WholeLoadingDelivery,
                                              "Delivery": Delivery}


async def add_sentences(db: Database) -> int:
    """Every article's sentences as ingest stores them (the bulk-built store has none); returns how many."""
    split: dict[str, list[tuple[int, int, int, str]]] = {}
    async with db.connect() as conn:
        rows = (await conn.execute(sa.select(articles.c.id, articles.c.text))).all()
    batch: list[dict[str, Any]] = []
    total = 0
    for article_id, text in rows:
        if text not in split:
            split[text] = [(s.index, s.start, s.end, s.text) for s in split_sentences(text)]
        batch += [{"article_id": article_id, "idx": i, "char_start": a, "char_end": b, "text": t}
                  for i, a, b, t in split[text]]
        if len(batch) >= 20_000 or article_id == rows[-1][0]:
            async with db.begin() as conn:
                await conn.execute(sentences.insert(), batch)
            total += len(batch)
            batch = []
    return total


async def new_channel(db: Database, name: str, topic: str | None, now: datetime) -> Channel:
    """A channel due at ``now`` whose last briefing ended before the oldest story of the store."""
    ref = ChannelRef("console", name)
    store = ChannelStore(db)
    await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=now - timedelta(hours=2))
    if topic:
        await store.subscribe(ref, topic, user="U1", now=now - timedelta(hours=2))
    async with db.begin() as conn:
        await conn.execute(channels.update().where(channels.c.key == ref.key)
                           .values(delivered_up_to=T0 - timedelta(minutes=10)))
    channel = await store.get(ref)
    assert channel is not None
    return channel


async def give_up_unfinished(db: Database) -> None:
    """Slots a failure left pending or posting are marked failed, so no later series finishes them."""
    async with db.begin() as conn:
        await conn.execute(deliveries.update().where(deliveries.c.state.in_(["pending", "posting"]))
                           .values(state="failed"))


async def same_slots(db: Database, after: int, upto: int, into: list[list[tuple[object, ...]]]) -> None:
    """What the ledger recorded of each channel made after channel ``after``, up to ``upto`` (story ids and state),
    in the channels' order, added to ``into``: what two implementations' ticks are compared by."""
    keys = [ChannelRef("console", f"bench-{i}").key for i in range(after + 1, upto + 1)]
    async with db.connect() as conn:
        rows = (await conn.execute(sa.select(deliveries.c.channel, deliveries.c.state, deliveries.c.story_ids)
                                   .where(deliveries.c.channel.in_(keys)))).all()
    got = {r.channel: (r.state, r.story_ids) for r in rows}
    into.append([got.get(k, ("none", "")) for k in keys])


def ledger_view(planned: Planned) -> list[tuple[object, ...]]:
    return [(c.story_id, c.articles, c.headline, c.summary, c.new, c.new_since, c.why, c.score, c.more, c.revised)
            for c in planned.stories]


async def bench(url: str, label: str, n: int, texts: Sequence[str], reps: int, tick_channels: int,
                topic_channels: int, screen_only: bool) -> None:
    db = await Database.open(url)
    try:
        built = await build(db, n, texts, seed=n)
        await plant(db, n)
        counted = await add_sentences(db)
        await analyze(db)
        newest = T0 + timedelta(minutes=3 * n + 40)
        now = (newest + timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(minutes=1)
        adapter = RecordingAdapter()
        print(f"\n### {label}, {n:,} stories ({built.articles:,} articles, {counted:,} sentences), "
              f"built in {built.seconds:.0f} s\n", flush=True)
        times: dict[tuple[str, str, str], list[float]] = {}
        planned: dict[tuple[str, str], list[list[tuple[object, ...]]]] = {}
        failed: dict[tuple[str, str, str], list[str]] = {}
        made = 0

        async def channel_for(topic: str | None) -> Channel:
            nonlocal made
            made += 1
            return await new_channel(db, f"bench-{made}", topic, now)

        async def timed(key: tuple[str, str, str], call: Awaitable[T]) -> T | None:
            """The call's result, its time kept; None (and its error kept) when it raised."""
            gc.collect()
            started = time.perf_counter()
            try:
                result = await call
            except Exception as exc:
                failed.setdefault(key, []).append(f"{type(exc).__name__}: {str(exc)[:70]}")
                return None
            times.setdefault(key, []).append(time.perf_counter() - started)
            return result

        implementations = {PER_CHANNEL: PerChannelScreen, "Delivery": Delivery} if screen_only else IMPLEMENTATIONS
        names = list(implementations)
        cases = (((f"topic {TOPIC!r}", TOPIC),) if screen_only
                 else (("no topic", None), (f"topic {TOPIC!r}", TOPIC)))
        kept: list[str] = []
        for rep in range(reps):
            for case, topic in cases:
                for name in names[rep % 2:] + names[:rep % 2]:
                    kind = implementations[name]
                    channel = await channel_for(topic)
                    plan = await timed((case, "plan_for", name),
                                       kind(db, CONFIG, {"console": adapter}).plan_for(channel, now))
                    planned.setdefault((case, name), []).append(ledger_view(plan) if plan else [])
                    await timed((case, "preview", name), kind(db, CONFIG, {"console": adapter}).preview(channel, now))
                    outcomes = await timed((case, "deliver_due", name),
                                           kind(db, CONFIG, {"console": adapter}).deliver_due(channel, now))
                    assert outcomes is None or [o.state for o in outcomes] == ["delivered"], outcomes
                    await give_up_unfinished(db)  # a slot left pending by a failure must not be retried later
            screens = [PER_CHANNEL, "Delivery"]
            for name in screens[rep % 2:] + screens[:rep % 2]:
                made_before = made
                for c in range(topic_channels):
                    await channel_for(TICK_TOPICS[c % len(TICK_TOPICS)])
                delivery = (PerChannelScreen if name == PER_CHANNEL else Delivery)(db, CONFIG, {"console": adapter})
                key = (f"{topic_channels} topic channels", "tick", name)
                ticked = await timed(key, Scheduler(delivery, ManualClock(now)).tick(now))
                if ticked is not None and [o.state for o in ticked] != ["delivered"] * topic_channels:
                    failed.setdefault(key, []).append("outcomes " + ", ".join(sorted({o.state for o in ticked})))
                    times[key].pop()
                if ticked is not None:
                    await same_slots(db, made_before, made, planned.setdefault((key[0], name), []))
                if delivery.screens is not None:
                    size, words_size, seen = delivery.screens.footprint()
                    kept.append(f"{len(delivery.screens):,} stories' readings kept, {size / 2**20:.1f} MiB; "
                                f"its stem screen's {seen:,} distinct words {words_size / 2**20:.1f} MiB "
                                "(sys.getsizeof)")
                await give_up_unfinished(db)
            if screen_only:
                continue
            tick_names = [*names, UNCACHED]
            for name in tick_names[rep % 3:] + tick_names[:rep % 3]:
                for c in range(tick_channels):
                    await channel_for(TOPIC if c % 2 else None)
                delivery = (Delivery(db, CONFIG, {"console": adapter}, feed=NoOutlineCache(db)) if name == UNCACHED
                            else IMPLEMENTATIONS[name](db, CONFIG, {"console": adapter}))
                scheduler = Scheduler(delivery, ManualClock(now))
                # only the channels just made are due: the others had their slot
                ticked = await timed((f"{tick_channels} channels", "tick", name), scheduler.tick(now))
                if ticked is not None and [o.state for o in ticked] != ["delivered"] * tick_channels:
                    failed.setdefault((f"{tick_channels} channels", "tick", name), []).append(
                        "outcomes " + ", ".join(sorted({o.state for o in ticked})))
                    times[(f"{tick_channels} channels", "tick", name)].pop()
                await give_up_unfinished(db)
        print("| case | series | implementation | median s | min-max s | same plan as before |")
        print("|---|---|---|---|---|---|")
        for (case, what, name) in dict.fromkeys([*times, *failed]):
            values = times.get((case, what, name), [])
            same = "-"
            if what == "plan_for" or "topic channels" in case:
                first = PER_CHANNEL if "topic channels" in case else names[0]
                same = "yes" if planned[(case, name)] == planned[(case, first)] else "NO"
            errors = failed.get((case, what, name), [])
            shown = (f"{statistics.median(values):.2f} | {min(values):.2f}-{max(values):.2f}" if values else "- | -")
            print(f"| {case} | {what} | {name} | {shown} | {same} |"
                  + (f" failed {len(errors)} of {len(errors) + len(values)}: {'; '.join(sorted(set(errors)))}"
                     if errors else ""), flush=True)
        for line in dict.fromkeys(kept):
            print(f"\nshared screen after a topic tick: {line}")
    finally:
        await db.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--channels", type=int, default=4)
    parser.add_argument("--topic-channels", type=int, default=5)
    parser.add_argument("--screen-only", action="store_true")
    parser.add_argument("--texts", choices=["eval", "generated"], default="eval")
    parser.add_argument("--postgres", action="store_true")
    add_analyze_flag(parser)
    args = parser.parse_args()
    read_analyze_flag(args)
    texts = eval_texts() if args.texts == "eval" else generated_texts(3000, random.Random(7))
    print(f"Machine: Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {args.reps} reps")
    for n in args.stories:
        with tempfile.TemporaryDirectory() as tmp:
            await bench(f"sqlite:///{Path(tmp) / 'bench.db'}", "SQLite", n, texts, args.reps, args.channels,
                        args.topic_channels, args.screen_only)
        if args.postgres:
            await bench(await pg_url(name=PG_NAME), "PostgreSQL", n, texts, args.reps, args.channels,
                        args.topic_channels, args.screen_only)
            await pg_url(create=False, name=PG_NAME)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}, {datetime.now(UTC):%H:%M} UTC")


if __name__ == "__main__":
    asyncio.run(main())
