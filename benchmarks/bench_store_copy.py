"""`briefbot store copy` and `briefbot store backup` on a synthetic store, each beside a baseline timed in the same run.

    .venv/bin/python benchmarks/bench_store_copy.py [--articles 2000 20000] [--reps 3] [--texts generated|eval]
                                                    [--no-postgres]

Each size gets its own SQLite store built as bench_story_load.py builds one (stories of 2-5 articles, two quotes
per article, copy marks and summaries stored; ``--articles`` is turned into about that many articles), with every
article's sentences stored as ingest stores them (bench_scheduled_pages.py's ``add_sentences``) and the SQLite
full-text rows written (as the store writes them: ``rebuild_text_rows``). Series, each repetition running every one
(order rotating within each group), each into a new target:

* SQLite -> SQLite: ``store copy`` (``bot.cli_store._copy``, what the command runs, its output discarded) beside a
  file copy of the store (``shutil.copyfile``, the bot stopped), ``VACUUM INTO`` (sqlite3), and a naive copy: the
  same tables read in the same snapshot, one ``INSERT`` per row through SQLAlchemy, one transaction per table, then
  the same full-text rebuild (so both give a working store).
* SQLite -> PostgreSQL (127.0.0.1:5432, a database of its own, created and dropped here): ``store copy`` beside the
  naive copy and ``COPY`` (asyncpg ``copy_records_to_table`` of the rows SQLAlchemy read, 5,000 a call, a
  transaction a table: PostgreSQL's bulk load; no id sequences set, no checks).
* PostgreSQL -> SQLite (from the store the first copy made): ``store copy`` beside the naive copy.
* ``store backup`` (``backup_sqlite``: online backup, quick_check, fsync, link) beside a plain sqlite3
  ``Connection.backup`` into a new file, and a file copy.

Every copy's row counts are checked against the source. Results and their reading: docs/BENCHMARKS.md, "Store copy
and backup".
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from benchmarks.bench_scheduled_pages import add_sentences
from benchmarks.bench_story_load import build, eval_texts, generated_texts, pg_url
from bot import cli_store
from bot.store.backup import backup_sqlite
from bot.store.copy import _as_stored, _plans, data_tables
from bot.store.db import Database
from bot.store.fts_rebuild import FTS_TABLES, rebuild_text_rows
from bot.store.snapshot import read_snapshot

PG_NAMES = ("briefbot_bench_store_copy_a", "briefbot_bench_store_copy_b")  # never a test area's database
ARTICLES_PER_STORY = 3.5  # build() gives 2-5 articles a story


async def make_store(path: Path, articles: int, texts: Sequence[str]) -> tuple[int, float]:
    """A SQLite store of about ``articles`` articles with their sentences and full-text rows; its row count."""
    started = time.perf_counter()
    db = await Database.open(f"sqlite:///{path}")
    try:
        await build(db, max(1, round(articles / ARTICLES_PER_STORY)), texts, seed=articles)
        await add_sentences(db)
        async with db.begin() as conn:  # quotes wrote some full-text rows: write them all as the store does
            for fts in FTS_TABLES:
                await conn.execute(sa.text(f"DELETE FROM {fts}"))
        await rebuild_text_rows(db, batch=1000)
        counts = await row_counts(db)
    finally:
        await db.close()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(counts.values()), time.perf_counter() - started


async def row_counts(db: Database) -> dict[str, int]:
    async with db.connect() as conn:
        return {t.name: int((await conn.execute(sa.select(sa.func.count()).select_from(t))).scalar() or 0)
                for t in data_tables()}


def sqlite_counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return {t.name: int(conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]) for t in data_tables()}


async def cli_copy(source: str, target: str) -> None:
    """What `briefbot store copy --to TARGET` runs, its report and progress lines discarded."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = await cli_store._copy(source, target)
    if code != 0:
        raise RuntimeError(f"store copy exited {code}: {sink.getvalue()[-500:]}")


async def naive_copy(source_url: str, target_url: str, *, bulk_copy: bool = False) -> None:
    """The same tables read in one snapshot, written one INSERT a row (or with PostgreSQL's COPY), a transaction a
    table; SQLite targets then get the same full-text rebuild as ``store copy``."""
    source, target = await Database.open(source_url, migrate=False), await Database.open(target_url)
    try:
        async with read_snapshot(source) as reader:
            for plan in await _plans(reader, target):
                clause = plan.clause()
                result = await reader.stream(sa.select(*clause.c))
                if bulk_copy:
                    await _pg_copy(target, plan.name, plan.columns, result, plan.utc_columns())
                    continue
                insert = sa.insert(clause)
                async with target.begin() as out:
                    async for row in result:
                        await out.execute(insert, _as_stored(dict(row._mapping), plan.utc_columns()))
        if target.dialect == "sqlite":
            await rebuild_text_rows(target, batch=1000)
    finally:
        await target.close()
        await source.close()


async def _pg_copy(target: Database, table: str, columns: Sequence[str], result: Any, utc: list[str]) -> None:
    async with target.begin() as out:
        raw = await out.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        async for part in result.partitions(5000):
            records = [tuple(_as_stored(dict(r._mapping), utc)[c] for c in columns) for r in part]
            await driver.copy_records_to_table(table, records=records, columns=list(columns))


def vacuum_into(source: Path, target: Path) -> None:
    with contextlib.closing(sqlite3.connect(source)) as conn:
        conn.execute("VACUUM INTO ?", (str(target),))


def plain_backup(source: Path, target: Path) -> None:
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


async def fresh_pg(name: str) -> str:
    return await pg_url(name=name)


async def timed(fn: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await fn()
    return time.perf_counter() - started


async def run_group(series: dict[str, Callable[[int], Awaitable[float]]], reps: int) -> dict[str, list[float]]:
    """Every series once a repetition, the first one rotating."""
    names = list(series)
    times: dict[str, list[float]] = {name: [] for name in names}
    for rep in range(reps):
        for name in names[rep % len(names):] + names[: rep % len(names)]:
            times[name].append(await series[name](rep))
    return times


def table(title: str, times: dict[str, list[float]], rows: int) -> None:
    print(f"\n{title}\n")
    print("| series | median s | min-max s | rows/s (median) |")
    print("|---|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {min(values):.2f}-{max(values):.2f} | {rows / median:,.0f} |")


async def bench(tmp: Path, articles: int, texts: Sequence[str], reps: int, postgres: bool) -> None:
    source = tmp / f"store_{articles}.db"
    rows, built = await make_store(source, articles, texts)
    expected = sqlite_counts(source)
    size = source.stat().st_size
    print(f"\n### {expected['articles']:,} articles ({expected['stories']:,} stories, {expected['sentences']:,} "
          f"sentences, {expected['attributions']:,} quotes; {rows:,} rows in all, {size / 1e6:.0f} MB file; built "
          f"in {built:.0f} s)")
    src_url = f"sqlite:///{source}"
    made: list[Path] = []

    def target(kind: str, rep: int) -> Path:
        path = tmp / f"{kind}_{articles}_{rep}.db"
        made.append(path)
        return path

    def checked(path: Path) -> None:
        got = sqlite_counts(path)
        if got != expected:
            raise AssertionError(f"{path.name}: {got} != {expected}")

    async def ours_sqlite(rep: int) -> float:
        path = target("copy", rep)
        seconds = await timed(lambda: cli_copy(src_url, f"sqlite:///{path}"))
        checked(path)
        return seconds

    async def file_copy(rep: int) -> float:
        path = target("file", rep)
        seconds = await timed(lambda: asyncio.to_thread(shutil.copyfile, source, path))
        checked(path)
        return seconds

    async def vacuum(rep: int) -> float:
        path = target("vacuum", rep)
        seconds = await timed(lambda: asyncio.to_thread(vacuum_into, source, path))
        checked(path)
        return seconds

    async def naive_sqlite(rep: int) -> float:
        path = target("naive", rep)
        seconds = await timed(lambda: naive_copy(src_url, f"sqlite:///{path}"))
        checked(path)
        return seconds

    table("SQLite -> SQLite", await run_group({
        "`store copy`": ours_sqlite, "baseline: file copy (`shutil.copyfile`)": file_copy,
        "baseline: `VACUUM INTO`": vacuum, "baseline: naive, one INSERT a row (+ the same FTS rebuild)": naive_sqlite,
    }, reps), rows)
    clean(made)

    async def ours_backup(rep: int) -> float:
        path = target("backup", rep)
        seconds = await timed(lambda: asyncio.to_thread(backup_sqlite, source, path))
        checked(path)
        return seconds

    async def sqlite_backup(rep: int) -> float:
        path = target("plain_backup", rep)
        seconds = await timed(lambda: asyncio.to_thread(plain_backup, source, path))
        checked(path)
        return seconds

    table("`store backup`", await run_group({
        "`store backup` (`backup_sqlite`)": ours_backup, "baseline: sqlite3 `Connection.backup`": sqlite_backup,
        "baseline: file copy (`shutil.copyfile`)": file_copy}, reps), rows)
    clean(made)
    if postgres:
        try:
            await bench_postgres(tmp, src_url, expected, rows, reps, target, checked)
        finally:
            for name in PG_NAMES:  # nothing left behind on the shared server
                await pg_url(create=False, name=name)
    clean(made)
    source.unlink()


async def bench_postgres(tmp: Path, src_url: str, expected: dict[str, int], rows: int, reps: int,
                         target: Callable[[str, int], Path], checked: Callable[[Path], None]) -> None:
    async def pg_checked(url: str) -> None:
        db = await Database.open(url, migrate=False)
        try:
            got = await row_counts(db)
        finally:
            await db.close()
        if got != expected:
            raise AssertionError(f"{url}: {got} != {expected}")

    async def into_pg(rep: int, fn: Callable[[str], Awaitable[None]]) -> float:
        url = await fresh_pg(PG_NAMES[0])
        seconds = await timed(lambda: fn(url))
        await pg_checked(url)
        return seconds

    async def ours(rep: int) -> float:
        return await into_pg(rep, lambda url: cli_copy(src_url, url))

    async def naive(rep: int) -> float:
        return await into_pg(rep, lambda url: naive_copy(src_url, url))

    async def bulk(rep: int) -> float:
        return await into_pg(rep, lambda url: naive_copy(src_url, url, bulk_copy=True))

    table("SQLite -> PostgreSQL", await run_group({
        "`store copy`": ours, "baseline: naive, one INSERT a row": naive,
        "baseline: asyncpg `COPY` of the same rows": bulk}, reps), rows)
    pg_source = await fresh_pg(PG_NAMES[1])  # the source of the way back: a store `store copy` made
    await cli_copy(src_url, pg_source)

    async def back(rep: int) -> float:
        path = target("from_pg", rep)
        seconds = await timed(lambda: cli_copy(pg_source, f"sqlite:///{path}"))
        checked(path)
        return seconds

    async def naive_back(rep: int) -> float:
        path = target("naive_from_pg", rep)
        seconds = await timed(lambda: naive_copy(pg_source, f"sqlite:///{path}"))
        checked(path)
        return seconds

    table("PostgreSQL -> SQLite", await run_group({
        "`store copy`": back, "baseline: naive, one INSERT a row (+ the same FTS rebuild)": naive_back}, reps), rows)


def clean(paths: list[Path]) -> None:
    for path in paths:
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    paths.clear()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 20_000])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--texts", choices=("generated", "eval"), default="generated")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    texts = eval_texts() if args.texts == "eval" else generated_texts(3000, random.Random(7))
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, load average at start {os.getloadavg()[0]:.2f}, "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Texts: {args.texts} ({len(texts):,} distinct, "
          f"{statistics.mean(len(t.split()) for t in texts):.0f} words on average). {args.reps} repetitions, the "
          "first series of each group rotating; the source file warm in the page cache.")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.articles:
            await bench(Path(tmp), n, texts, args.reps, not args.no_postgres)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
