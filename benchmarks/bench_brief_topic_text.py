"""What an on-demand topic briefing costs when it matches each story's articles' sentences (as alerts and scheduled
briefings do) instead of its headline, summary and quotes: one store, timed by whichever ``bot`` is on the path.

    .venv/bin/python benchmarks/bench_brief_topic_text.py build STORE.db [--stories 10000]
    PYTHONPATH=<checkout> .venv/bin/python benchmarks/bench_brief_topic_text.py time STORE.db [--reps 3]

``build``: bench_story_load.py's store (stories of 2-5 articles of eval texts read at run time, two quotes an
article), with every article's sentences stored as ingestion stores them (that store writes none). ``time``: per
topic, ``build_briefing`` over a period covering every story, median (min-max) seconds of ``--reps``, and how many
stories matched. ``--again``: each topic briefed ``--reps`` times in a row instead (the first, then the median of
the others, wall and CPU seconds: what a briefing asked again costs). Results: docs/BENCHMARKS.md, "On-demand
briefings".
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from benchmarks.bench_story_load import T0, build, eval_texts
from bot.briefings import build_briefing
from bot.config import BriefingConfig, Config
from bot.nlp.sentences import split_sentences
from bot.store.db import Database
from bot.store.schema import articles, sentences

TOPICS = ("minister", "Liverpool", "election -football", '"interest rates"')
CONFIG = Config(briefing=BriefingConfig(max_stories=10, publication_grace="10000d"))


async def make(path: Path, count: int) -> None:
    db = await Database.open(f"sqlite:///{path}")
    try:
        await build(db, count, eval_texts(), seed=7)
        async with db.connect() as conn:
            rows = (await conn.execute(sa.select(articles.c.id, articles.c.text))).all()
        batch: list[dict[str, object]] = []
        for article_id, text in rows:
            batch += [{"article_id": article_id, "idx": s.index, "char_start": s.start, "char_end": s.end,
                       "text": s.text} for s in split_sentences(text)]
        async with db.begin() as conn:
            for i in range(0, len(batch), 5000):
                await conn.execute(sentences.insert(), batch[i:i + 5000])
        print(f"{count} stories, {len(rows)} articles, {len(batch)} sentences")
    finally:
        await db.close()


async def again(path: Path, reps: int, topics: list[str]) -> None:
    db = await Database.open(f"sqlite:///{path}")
    try:
        since, now = T0 - timedelta(days=1), T0 + timedelta(days=400)
        for topic in topics:
            got, cpu, matched = [], [], set()
            for _ in range(reps):
                started, used = time.perf_counter(), time.process_time()  # CPU: every thread of the process
                found = await build_briefing(db, CONFIG, now=now, since=since, topic=topic)
                got.append(time.perf_counter() - started)
                cpu.append(time.process_time() - used)
                matched.add(tuple(i.story.id for i in (*found.items, *found.more)))
            print(f"{topic!r}: first {got[0]:.2f} s ({cpu[0]:.2f} CPU), again {statistics.median(got[1:]):.2f} s "
                  f"({statistics.median(cpu[1:]):.2f} CPU; {' '.join(f'{t:.2f}' for t in cpu[1:])}), "
                  f"{len(next(iter(matched)))} stories matched, "
                  f"{'the same' if len(matched) == 1 else 'NOT the same'} each time")
    finally:
        await db.close()


async def timed(path: Path, reps: int) -> None:
    db = await Database.open(f"sqlite:///{path}")
    try:
        since = T0 - timedelta(days=1)
        now = T0 + timedelta(days=400)
        order = list(TOPICS)
        times: dict[str, list[float]] = {t: [] for t in TOPICS}
        matched: dict[str, int] = {}
        for rep in range(reps):
            random.Random(rep).shuffle(order)
            for topic in order:
                started = time.perf_counter()
                found = await build_briefing(db, CONFIG, now=now, since=since, topic=topic)
                times[topic].append(time.perf_counter() - started)
                matched[topic] = len(found.items) + len(found.more)
        for topic in TOPICS:
            got = times[topic]
            print(f"{topic!r}: {statistics.median(got):.2f} s ({min(got):.2f}-{max(got):.2f}), "
                  f"{matched[topic]} stories matched")
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("build", "time"))
    parser.add_argument("store", type=Path)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--again", nargs="*", metavar="TOPIC", help="each topic (default: all) briefed in a row")
    args = parser.parse_args()
    if args.mode == "build":
        asyncio.run(make(args.store, args.stories))
    elif args.again is not None:
        asyncio.run(again(args.store, max(args.reps, 2), args.again or list(TOPICS)))
    else:
        asyncio.run(timed(args.store, args.reps))


if __name__ == "__main__":
    main()
