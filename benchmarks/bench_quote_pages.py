"""Whosaid paging, same run: the pager before keyset paging (a search per page, each from the newest) against
``QuoteStore.pages`` (each page reads only older candidates), interleaved, on a ``bench_quotes`` store; prints per
topic the answer's sameness, the candidate rows read and p50 latency (docs/BENCHMARKS.md).

    .venv/bin/python benchmarks/bench_quote_pages.py [--size 10000] [--rounds 7] [--postgres] [--topics weather ...]
    PYTHONPATH=<checkout> .venv/bin/python benchmarks/bench_quote_pages.py --alone --keep [--postgres]

``--alone``: only the pager on the path (whichever ``bot`` it is), timed, with every row its queries return counted
(``all_rows``) and its answer's digest: runs of two checkouts on the same stores compare the same way. ``--keep``:
the stores are built once, kept (``--db-dir``, and the PostgreSQL database ``briefbot_bench_quote_pages``) and
used again by the next run with ``--keep``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import statistics
import sys
import time
from collections.abc import AsyncGenerator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

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
READ = {"rows": 0, "all": 0}
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


_EXECUTE = AsyncConnection.execute


async def counted_execute(self: AsyncConnection, statement: Any, *args: Any, **kwargs: Any) -> Any:
    """Every statement's result counted as it is handed back (frozen and replayed: the caller reads the same)."""
    result = await _EXECUTE(self, statement, *args, **kwargs)
    if not result.returns_rows:
        return result
    frozen = result.freeze()
    READ["all"] += len(frozen.data)
    return frozen()


def digest(kept: Sequence[QuoteHit]) -> str:
    return hashlib.sha256(repr([(h.attribution, h.mentions, h.url) for h in kept]).encode()).hexdigest()[:16]


async def alone(db: Database, topics: list[str], rounds: int) -> dict[str, Any]:
    """The pager on the path: rows read by its queries, its answer's digest, p50 and min ms."""
    quotes, arts = QuoteStore(db), ArticleStore(db)
    out: dict[str, Any] = {"attributions": await quotes.count()}
    for topic in topics:
        AsyncConnection.execute = counted_execute  # type: ignore[method-assign]
        READ["all"] = 0
        try:
            kept = await scope.found_in_scope(quotes, arts, topic, enough=ENOUGH)
        finally:
            AsyncConnection.execute = _EXECUTE  # type: ignore[method-assign]
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            await scope.found_in_scope(quotes, arts, topic, enough=ENOUGH)
            times.append(time.perf_counter() - t0)
        out[topic] = {"kept": len(kept), "digest": digest(kept), "all_rows": READ["all"],
                      "p50_ms": round(1000 * statistics.median(times), 1), "min_ms": round(1000 * min(times), 1)}
    return out


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


async def run(size: int, rounds: int, topics: list[str], db_dir: Path, postgres: bool, *, only: bool = False,
              keep: bool = False) -> dict[str, Any]:
    results: dict[str, Any] = {}
    path = db_dir / f"bench_quote_pages_{size}.db"
    pg_name = f"{PG_NAME}_{size}" if keep else PG_NAME
    built = keep and path.exists() and (not postgres or await _pg_exists(pg_name))
    if not built:
        path.unlink(missing_ok=True)
    parsed: list[tuple[dict[str, Any], list[Any]]] = []
    if not built:
        with (SHARED / "eval" / "quotes" / "polnear" / "dev.jsonl").open(encoding="utf-8") as fh:
            parsed = parse_all([json.loads(line) for line in fh])
    pg = f"postgresql://postgres@127.0.0.1:5432/{pg_name}" if built else await pg_url(name=pg_name)
    urls = [("sqlite", f"sqlite:///{path}")] + ([("postgresql", pg)] if postgres else [])
    for kind, url in urls:
        db = await Database.open(url)
        try:
            if not built:
                await build_store(db, parsed, size)
                if db.dialect != "sqlite":
                    async with db.begin() as conn:
                        await conn.execute(sa.text("ANALYZE"))
            results[f"{kind}_{size}"] = await (alone if only else compare)(db, topics, rounds)
        finally:
            await db.close()
            if kind == "postgresql" and not keep:
                await pg_url(create=False, name=pg_name)  # nothing left behind on the shared server
    return results


async def _pg_exists(name: str) -> bool:
    import asyncpg  # type: ignore[import-untyped]

    admin = await asyncpg.connect(host="127.0.0.1", port=5432, user="postgres", database="postgres")
    try:
        return bool(await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
    finally:
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--topics", nargs="+", default=["weather", "Monday", "Clinton", "morning"])
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL at 127.0.0.1:5432")
    parser.add_argument("--alone", action="store_true", help="only the pager on the path, rows counted")
    parser.add_argument("--keep", action="store_true", help="build the stores once, keep them for the next run")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.size, args.rounds, args.topics, args.db_dir, args.postgres,
                                     only=args.alone, keep=args.keep)), indent=1))


if __name__ == "__main__":
    main()
