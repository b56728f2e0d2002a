"""Whosaid paging, same run: the pager before keyset paging (a search per page, each from the newest) against
``QuoteStore.pages`` (each page reads only older candidates), interleaved, on a ``bench_quotes`` store; prints per
topic the answer's sameness, the candidate rows read and p50 latency (docs/BENCHMARKS.md).

    .venv/bin/python benchmarks/bench_quote_pages.py [--size 10000] [--rounds 7] [--postgres] [--topics weather ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import AsyncGenerator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_quotes import SHARED, build_store, parse_all
from benchmarks.bench_story_load import pg_url
from bot.answer import scope
from bot.answer.respond import ENOUGH
from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import MAX_CANDIDATES, MAX_HITS, QuoteHit, QuoteStore

PG_NAME = "briefbot_bench_quote_pages"
NEW = QuoteStore.pages
READ = {"rows": 0}
_ROWS = QuoteStore._rows


async def old_pages(self: QuoteStore, topic: str = "", *, speakers: Sequence[str] = (), since: datetime | None = None,
                    wide: bool = False, first: int = MAX_HITS,
                    most: int = MAX_CANDIDATES) -> AsyncGenerator[list[QuoteHit], None]:
    """The pager as it was: ``search`` of ``first``, then twice as wide, each from the newest."""
    seen: set[Attribution] = set()
    limit = max(1, min(first, most))
    while True:
        hits = await self.search(topic, speakers=speakers, since=since, limit=limit, wide=wide)
        new = [h for h in hits if h.attribution not in seen]
        seen.update(h.attribution for h in new)
        if new:
            yield new
        if not new or limit >= most or (since is None and len(hits) < limit):
            return
        limit = min(2 * limit, most)


async def counted_rows(self: QuoteStore, conn: Any, ids: list[int], since: datetime | None) -> list[Any]:
    READ["rows"] += len(ids)
    return await _ROWS(self, conn, ids, since)


async def compare(db: Database, topics: list[str], rounds: int) -> dict[str, Any]:
    QuoteStore._rows = counted_rows  # type: ignore[method-assign]
    quotes, arts = QuoteStore(db), ArticleStore(db)
    out: dict[str, Any] = {"attributions": await quotes.count()}
    pagers = (("before", old_pages), ("after", NEW))
    for topic in topics:
        answers, read, times = {}, {}, {name: [] for name, _ in pagers}  # type: ignore[var-annotated]
        for name, pager in pagers:
            QuoteStore.pages = pager  # type: ignore[method-assign]
            READ["rows"] = 0
            kept = await scope.found_in_scope(quotes, arts, topic, enough=ENOUGH)
            read[name] = READ["rows"]
            answers[name] = [(h.attribution, h.mentions) for h in kept]
        for _ in range(rounds):
            for name, pager in pagers:
                QuoteStore.pages = pager  # type: ignore[method-assign]
                t0 = time.perf_counter()
                await scope.found_in_scope(quotes, arts, topic, enough=ENOUGH)
                times[name].append(time.perf_counter() - t0)
        out[topic] = {"kept": len(answers["after"]), "same": answers["before"] == answers["after"],
                      "rows_read": read, **{f"{n}_p50_ms": round(1000 * statistics.median(t), 1)
                                            for n, t in times.items()}}
    QuoteStore.pages = NEW  # type: ignore[method-assign]
    QuoteStore._rows = _ROWS  # type: ignore[method-assign]
    return out


async def run(size: int, rounds: int, topics: list[str], db_dir: Path, postgres: bool) -> dict[str, Any]:
    with (SHARED / "eval" / "quotes" / "polnear" / "dev.jsonl").open(encoding="utf-8") as fh:
        parsed = parse_all([json.loads(line) for line in fh])
    results: dict[str, Any] = {}
    path = db_dir / f"bench_quote_pages_{size}.db"
    path.unlink(missing_ok=True)
    urls = [("sqlite", f"sqlite:///{path}")] + ([("postgresql", await pg_url(name=PG_NAME))] if postgres else [])
    for kind, url in urls:
        db = await Database.open(url)
        try:
            await build_store(db, parsed, size)
            if db.dialect != "sqlite":
                async with db.begin() as conn:
                    await conn.execute(sa.text("ANALYZE"))
            results[f"{kind}_{size}"] = await compare(db, topics, rounds)
        finally:
            await db.close()
            if kind == "postgresql":
                await pg_url(create=False, name=PG_NAME)  # nothing left behind on the shared server
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--topics", nargs="+", default=["weather", "Monday", "Clinton", "morning"])
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL at 127.0.0.1:5432")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.size, args.rounds, args.topics, args.db_dir, args.postgres)), indent=1))


if __name__ == "__main__":
    main()
