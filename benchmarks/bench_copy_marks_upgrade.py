"""What schema v22 (stored copy marks worked out again, bot/store/copy_marks.py) costs on a store of generated stories
of 2-5 articles (benchmarks/bench_story_load.py ``build``: about a third with a republished article, so marked).

    .venv/bin/python benchmarks/bench_copy_marks_upgrade.py [--articles 20000] [--reps 3] [--postgres]

Each rep runs the migration's work on the same store in one transaction, rolled back (the marks stay as built).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_story_load import build, generated_texts, pg_url
from bot.store.copy_marks import recompute_marks
from bot.store.db import Database

PG_NAME = "briefbot_bench_marks_upgrade"


async def once(db: Database) -> tuple[float, int]:
    async with db.connect() as conn:
        trans = await conn.begin()
        started = time.perf_counter()
        changed = await recompute_marks(conn)
        took = time.perf_counter() - started
        await trans.rollback()
    return took, changed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    texts = generated_texts(2000, random.Random(3))
    with tempfile.TemporaryDirectory() as tmp:
        urls = [("SQLite", f"sqlite:///{Path(tmp) / 'marks.db'}")]
        if args.postgres:
            urls.append(("PostgreSQL", await pg_url(name=PG_NAME)))
        for label, url in urls:
            db = await Database.open(url)
            try:
                built = await build(db, args.articles * 2 // 7, texts, seed=11)  # 3.5 articles a story on average
                times = [await once(db) for _ in range(args.reps)]
                best = min(t for t, _ in times)
                print(f"{label}: {built.articles} articles in {built.stories} stories; v22 recompute best of "
                      f"{args.reps}: {best:.2f} s ({times[0][1]} marks changed)")
            finally:
                await db.close()
        if args.postgres:
            await pg_url(create=False, name=PG_NAME)


if __name__ == "__main__":
    asyncio.run(main())
