"""The shared topic screen's first reading (``SharedScreen``, scheduled briefings and alerts) of every story of a
store made by ``bench_brief_topic_text.py build``: each story's headline, its articles' sentences and its quotes
and speakers, read for one topic on a fresh screen; CPU seconds (``time.process_time``) and how many stories pass.
Timed by whichever ``bot`` is on the path:

    PYTHONPATH=<checkout> .venv/bin/python benchmarks/bench_shared_screen.py STORE.db [--reps 3] [--topics ...]

Results: docs/BENCHMARKS.md, "The topic screen's first reading".
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from bot.nlp.terms import TermAnalyser
from bot.screen_cache import SharedScreen
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.schema import stories
from bot.store.story_texts import sentence_texts
from bot.topics import parse_topic


async def texts_of(path: Path) -> list[tuple[str, list[str]]]:
    db = await Database.open(f"sqlite:///{path}")
    try:
        async with db.connect() as conn:
            rows = (await conn.execute(sa.select(stories.c.id, stories.c.headline))).all()
        ids = [str(r.id) for r in rows]
        said = await QuoteStore(db).said_by_story(ids)
        sentences = await sentence_texts(db, ids)
    finally:
        await db.close()
    return [(str(r.id), [r.headline, sentences.get(str(r.id), ""),
                         *(t for pair in said.get(str(r.id), ()) for t in pair)]) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--topics", nargs="+", default=["Liverpool", "election -football"])
    args = parser.parse_args()
    read = asyncio.run(texts_of(args.store))
    print(f"{len(read)} stories, {sum(len(t) for _, ts in read for t in ts) / 1e6:.1f} MB of text")
    for query in args.topics:
        times, passed = [], set()
        for _ in range(args.reps):
            analyser = TermAnalyser()
            shared = SharedScreen(analyser)
            topic = parse_topic(query, analyser)
            shared.learn([topic])
            screen = shared.for_topics([topic])
            started = time.process_time()
            passing = sum(screen.read(story_id, None, texts) for story_id, texts in read)
            times.append(time.process_time() - started)
            passed.add(passing)
        print(f"{query!r}: {statistics.median(times):.2f} s CPU ({min(times):.2f}-{max(times):.2f}), "
              f"{sorted(passed)} stories pass")


if __name__ == "__main__":
    main()
