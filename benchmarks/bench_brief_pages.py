"""On-demand briefings (``build_briefing``: ``/brief``, ``ask brief me on``, ``briefbot brief``) reading every story
changed in the period a page at a time, beside the ways they did it before, same run: the capped load (the 500
stories changed last) and every story of the period loaded whole.

    .venv/bin/python benchmarks/bench_brief_pages.py [--stories 2000 10000] [--reps 5] [--texts eval|generated]
                                                     [--postgres]

Each size gets its own store (bench_story_load.py's: stories of 2-5 articles, two quotes per article, copy marks
stored); every 500th story, the oldest-changed one among them, gets "Skarvik" in its headline, so a topic briefing
has a few matches spread over the whole store. Both series are asked for a briefing of a period that covers every
story (``/brief since last week`` on a busy store), once without a topic and once for "Skarvik", and without a
``since`` (``ask brief me on Skarvik``): **capped** = ``build_briefing`` before it paged (``load_stories``, 500 rows,
then news only, the topic and the cap); **loaded whole** = ``build_briefing`` before it loaded in two phases (each
page's stories loaded whole, then matched; compose); **two-phase** = ``build_briefing`` now (outlines ranked, only
the stories shown loaded whole); **two-phase, more whole** = the same as ``briefbot brief --format json`` asks for
it (the stories past the cap loaded whole too). Each repetition runs every series once, the starting one rotating;
the last column says whether a series' briefing has the same stories, order, scores and "why" as loaded whole.
Peak Python memory (tracemalloc) is taken in a separate pass, since tracing slows everything down; the longest
event-loop stall is what a 5 ms ticker running beside each call saw.
Results and their reading: docs/BENCHMARKS.md, "On-demand briefings".
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

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
from bot import briefings, story_feed, topic_screen
from bot.briefings import build_briefing, news_only
from bot.config import BriefingConfig, Config
from bot.models import Briefing, Story, SummarySentence
from bot.nlp.terms import words
from bot.store.db import Database
from bot.store.schema import stories
from bot.store.stories import StoryStore
from bot.story_loader import load_stories, stories_from_rows
from bot.topics import compile_topics
from digests.compose import TopicMatch, compose

PG_NAME = "briefbot_bench_brief_pages"  # its own database: the test areas' databases are never touched
CONFIG = Config(briefing=BriefingConfig(max_stories=10, publication_grace="48h"))
TOPIC = "Skarvik"
EVERY = 500  # every this many stories, one matches TOPIC (story 0, the oldest-changed, among them)


def set_of_words(headline: str, summary: Sequence[SummarySentence], said: Sequence[tuple[str, str]]) -> set[str]:
    """``bot.topic_screen.story_words`` before it used ``distinct_words`` (``--set-of-words``)."""
    return set(words("\n".join([headline, *(s.text for s in summary), *(t for pair in said for t in pair)])))


def passes_by_set_of_words(self: topic_screen.SaidMatcher, headline: str, summary: Sequence[SummarySentence],
                           said: Sequence[tuple[str, str]]) -> bool:
    """``SaidMatcher.passes`` finding each story's words as ``set(words(...))`` and looking each one up, as before
    ``distinct_words`` and the runs kept (``--set-of-words``)."""
    raw = set_of_words(headline, summary, said)
    stems = self._screen.stems(raw)
    return any(topic_screen.may_match(topic, raw, stems) for topic in self._topics)


async def capped(db: Database, config: Config, *, now: datetime, since: datetime | None,
                 topic: str | None) -> Briefing:
    """``build_briefing`` as it was before paging: the 500 stories changed last, then news only, topic and cap."""
    loaded = await load_stories(db, since=since)
    if since is not None:
        loaded = news_only(loaded, since, timedelta(hours=48))
    return compose(loaded, now=now, title=f"Briefing: {topic}" if topic else "Briefing", since=since, topic=topic,
                   matcher=compile_topics([topic]) if topic else None, max_stories=config.briefing.max_stories)


async def loaded_whole(db: Database, config: Config, *, now: datetime, since: datetime | None,
                       topic: str | None) -> Briefing:
    """``build_briefing`` before its two phases: every story of the period (without a since the 10,000 latest)
    loaded whole a page at a time, news only, matched in a worker thread, then compose."""
    matcher = compile_topics([topic]) if topic else None
    kept: list[Story] = []
    matches: dict[str, TopicMatch] = {}
    read = 0
    pages = StoryStore(db).changed_pages(since, page_size=story_feed.PAGE_SIZE)
    async with aclosing(pages):
        async for rows in pages:
            if since is None:
                rows = rows[:briefings.UNDATED_MAX_STORIES - read]
            read += len(rows)
            page = await stories_from_rows(db, rows if since is None else news_only(rows, since, timedelta(hours=48)))
            if matcher is None:
                kept += page
            else:
                found = await asyncio.to_thread(_matching, matcher, page)
                kept += [s for s in page if s.id in found]
                matches.update(found)
            if since is None and read >= briefings.UNDATED_MAX_STORIES:
                break

    def matched(story: Story) -> TopicMatch | None:
        return matches.get(story.id)

    return await asyncio.to_thread(compose, kept, now=now, title=f"Briefing: {topic}" if topic else "Briefing",
                                   since=since, topic=topic, matcher=matched if matcher else None,
                                   max_stories=config.briefing.max_stories)


def _matching(matcher: Callable[[Story], TopicMatch | None], page: Sequence[Story]) -> dict[str, TopicMatch]:
    return {s.id: m for s in page if (m := matcher(s)) is not None}


async def whole_more(db: Database, config: Config, *, now: datetime, since: datetime | None,
                     topic: str | None) -> Briefing:
    """``build_briefing`` as ``briefbot brief --format json`` calls it."""
    return await build_briefing(db, config, now=now, since=since, topic=topic, whole_more=True)


Build = Callable[..., Awaitable[Briefing]]


@dataclass(frozen=True, slots=True)
class Case:
    label: str
    since: datetime | None
    topic: str | None


async def plant(db: Database, n: int) -> int:
    """Every EVERY-th story gets TOPIC in its headline, and the first of them becomes the oldest-changed story
    (its change time T0); returns how many."""
    ids = [f"story-{s:06d}" for s in range(0, n, EVERY)]
    async with db.begin() as conn:
        for sid in ids:
            await conn.execute(stories.update().where(stories.c.id == sid).values(
                headline=f"{TOPIC} harbour notice {sid}"))
        await conn.execute(stories.update().where(stories.c.id == ids[0]).values(changed_at=T0))
    return len(ids)


class StallWatch:
    """The longest the event loop went without running a 5 ms ticker (what a chat adapter's heartbeat would see)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(0.005)
            self.longest = max(self.longest, time.perf_counter() - started - 0.005)

    async def __aenter__(self) -> StallWatch:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        await asyncio.sleep(0)  # the ticker is running before the call starts
        return self

    async def __aexit__(self, *_exc: object) -> None:
        assert self._task is not None
        await asyncio.sleep(0.01)  # a stall at the very end of the call is seen too
        self._task.cancel()


async def peak_mib(fn: Callable[[], Awaitable[Briefing]]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        await fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


async def bench(url: str, label: str, n: int, texts: Sequence[str], reps: int) -> None:
    db = await Database.open(url)
    try:
        built = await build(db, n, texts, seed=n)
        planted = await plant(db, n)
        await analyze(db)
        newest = T0 + timedelta(minutes=3 * n + 40)
        now = newest + timedelta(hours=1)
        cases = [Case("period covering every story, no topic", T0 - timedelta(minutes=1), None),
                 Case(f"period covering every story, topic {TOPIC!r}", T0 - timedelta(minutes=1), TOPIC),
                 Case(f"no since, topic {TOPIC!r}", None, TOPIC)]
        series: list[tuple[str, Build]] = [("capped (before paging)", capped), ("loaded whole (before)", loaded_whole),
                                           ("two-phase (now)", build_briefing),
                                           ("two-phase, more whole (JSON)", whole_more)]
        times: dict[tuple[str, str], list[float]] = {}
        sizes: dict[tuple[str, str], tuple[int, int, bool]] = {}
        ranked: dict[tuple[str, str], list[tuple[str, float, str]]] = {}
        stalls: dict[tuple[str, str], list[float]] = {}
        await build_briefing(db, CONFIG, now=now, since=None, topic=None)  # warm-up: imports, the OS file cache
        for rep in range(reps):
            for case in cases:
                turn = rep % len(series)
                for name, fn in series[turn:] + series[:turn]:
                    gc.collect()
                    async with StallWatch() as watch:
                        started = time.perf_counter()
                        briefing = await fn(db, CONFIG, now=now, since=case.since, topic=case.topic)
                        times.setdefault((case.label, name), []).append(time.perf_counter() - started)
                    stalls.setdefault((case.label, name), []).append(watch.longest)
                    shown = [i.story.id for i in (*briefing.items, *briefing.more)]
                    sizes[(case.label, name)] = (len(briefing.items), len(shown), "story-000000" in shown)
                    ranked[(case.label, name)] = [(i.story.id, i.score, i.why)
                                                  for i in (*briefing.items, *briefing.more)]
        print(f"\n### {label}, {n:,} stories ({built.articles:,} articles, built in {built.seconds:.0f} s; "
              f"{planted} match {TOPIC!r}, the oldest-changed story among them)\n")
        print("| case | series | median s (min-max) | stories in the briefing (items + more) | oldest match shown "
              "| peak MiB (tracemalloc) | longest event-loop stall, ms (median) | same as loaded whole |")
        print("|---|---|---|---|---|---|---|---|")
        for case in cases:
            for name, fn in series:
                def call(fn: Build = fn, case: Case = case) -> Awaitable[Briefing]:
                    return fn(db, CONFIG, now=now, since=case.since, topic=case.topic)
                peak = await peak_mib(call)
                ts = sorted(times[(case.label, name)])
                items, total, oldest = sizes[(case.label, name)]
                print(f"| {case.label} | {name} | {statistics.median(ts):.2f} ({ts[0]:.2f}-{ts[-1]:.2f}) | "
                      f"{total:,} ({items} + {total - items:,}) | {'yes' if oldest else 'no'} | {peak:.0f} | "
                      f"{statistics.median(stalls[(case.label, name)]) * 1000:.0f} | "
                      f"{'yes' if ranked[(case.label, name)] == ranked[(case.label, series[1][0])] else 'no'} |")
        print("\nruns (s): " + "; ".join(f"{c} / {s}: {', '.join(f'{t:.2f}' for t in v)}"
                                        for (c, s), v in times.items()))
    finally:
        await db.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, nargs="+", default=[2000, 10_000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--texts", choices=("eval", "generated"), default="eval")
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL at 127.0.0.1:5432")
    parser.add_argument("--set-of-words", action="store_true",
                        help="the topic screen reads set(words(...)) of each story, as before distinct_words and runs")
    add_analyze_flag(parser)
    args = parser.parse_args()
    read_analyze_flag(args)
    if args.set_of_words:
        topic_screen.SaidMatcher.passes = passes_by_set_of_words  # type: ignore[method-assign]
    texts = eval_texts() if args.texts == "eval" else generated_texts(3000, random.Random(7))
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, SQLAlchemy {sa.__version__}, load average at start {os.getloadavg()[0]:.2f}, "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Texts: {args.texts}. {args.reps} repetitions, interleaved. "
          f"Pages of {story_feed.PAGE_SIZE:,} stories; without a since at most "
          f"{briefings.UNDATED_MAX_STORIES:,}. Topic screen's words: "
          f"{'set(words(...))' if args.set_of_words else 'runs between spaces, kept (StemScreen.found)'}.")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.stories:
            path = Path(tmp) / f"brief_{n}.db"
            await bench(f"sqlite:///{path}", "SQLite (file)", n, texts, args.reps)
            path.unlink()
            if args.postgres:
                await bench(await pg_url(name=PG_NAME), "PostgreSQL (127.0.0.1)", n, texts, args.reps)
                await pg_url(create=False, name=PG_NAME)  # nothing left behind on the shared server
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
