"""`briefbot prune`: delete what is older than the retention window, and the daily job `briefbot run` uses."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.app import App
from bot.cli_common import Subparsers, add_command, err, existing_store
from bot.config import MIN_KEEP_DAYS, Config
from bot.store.db import Compaction, Database, StoreError
from bot.store.retention import PruneReport, claims_cutoff, prune
from bot.store.run_lock import RunLock

log = logging.getLogger(__name__)

PruneJob = Callable[[datetime], Awaitable[PruneReport]]  # called with "now"


def register(sub: Subparsers) -> None:
    p = add_command(sub, "prune", "Delete stories, articles and delivery records older than the retention "
                    "window (database.keep_days).", run_prune)
    p.add_argument("--keep-days", type=int, default=None, metavar="N",
                   help=f"keep the last N days (0 or at least {MIN_KEEP_DAYS}; default: database.keep_days)")
    p.add_argument("--dry-run", action="store_true", help="only count what would be removed")
    p.add_argument("--compact", action="store_true",
                   help="SQLite: prune as without it, then rewrite the file once (VACUUM) so it shrinks now and after "
                   "every later prune; "
                   "needs free disk the size of the file and locks the store while it runs; "
                   "refused while `briefbot run` uses the store")


def prune_job(config: Config, db: Database) -> PruneJob | None:
    """What the scheduler runs once a day: None when retention is off (keep_days = 0)."""
    keep_days = config.database.keep_days
    if keep_days <= 0:
        return None

    async def run(now: datetime) -> PruneReport:
        report = await prune(db, before=now - timedelta(days=keep_days), claims_before=claims_cutoff(now))
        log.info("pruned what is older than %d days: %s", keep_days, summary(report))
        done = await db.compact()
        if done.how == "needs_full":
            log.info("the SQLite file keeps its freed space for reuse; `briefbot prune --compact` (once, with the "
                     "bot stopped) lets it shrink after every prune")
        elif done.how == "incremental":
            log.info("store file %s", size_change(done))
        return report

    return run


def size_change(done: Compaction) -> str:
    return f"{_mb(done.bytes_before)} -> {_mb(done.bytes_after)}"


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def summary(report: PruneReport) -> str:
    return ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in report.counts().items())


async def run_prune(args: argparse.Namespace, app: App) -> int:
    keep_days: int = app.config.database.keep_days if args.keep_days is None else args.keep_days
    if keep_days < 0 or 0 < keep_days < MIN_KEEP_DAYS:
        err(f"briefbot prune: --keep-days: expected 0 (keep everything) or at least {MIN_KEEP_DAYS}, "
            f"got {keep_days} (a restart reloads the last {MIN_KEEP_DAYS} days of stories)")
        return 2
    if args.compact and (await existing_store(app)).dialect == "postgresql":  # refused before anything is pruned
        err("briefbot prune: --compact rewrites a SQLite file; this store is PostgreSQL, whose autovacuum makes the "
            "freed space reusable: nothing was pruned; run `briefbot prune` without --compact")
        return 2
    if keep_days == 0:
        print("Retention is off (keep_days = 0): nothing is pruned.")
        return 0
    lock = RunLock(await existing_store(app), app.clock)
    if args.compact and not args.dry_run:  # VACUUM beside a running bot: refused as `store requote` is, before pruning
        try:
            await lock.acquire()
        except StoreError:
            err("briefbot prune: --compact rewrites the whole file and a `briefbot run` is using this store: stop it "
                "first, or run `briefbot prune` without --compact (nothing was pruned)")
            return 3
    try:
        return await _prune(args, app, keep_days)
    finally:
        await lock.release()


async def _prune(args: argparse.Namespace, app: App, keep_days: int) -> int:
    before = app.clock() - timedelta(days=keep_days)
    report = await prune(await existing_store(app), before=before, dry_run=args.dry_run,
                         claims_before=claims_cutoff(app.clock()))
    verb = "Would remove" if args.dry_run else "Removed"
    print(f"{verb} what is older than {before.astimezone(UTC):%Y-%m-%d %H:%M} UTC "
          f"(the last {keep_days} days are kept):")
    for name, n in report.counts().items():
        print(f"  {name.replace('_', ' '):<18} {n}")
    if args.dry_run:
        return 0
    try:
        done = await (await app.db()).compact(full=args.compact)
    except sa.exc.OperationalError as exc:  # e.g. a running bot holds the SQLite file
        err(f"briefbot prune: the rows are removed, but the store could not be compacted: {exc.orig} "
            "(stop `briefbot run` and try again)")
        return 1
    if done.how == "needs_full":
        print("The SQLite file keeps the freed space for reuse; `briefbot prune --compact` makes it shrink "
              "(once; later prunes then shrink it too).")
    elif done.how != "postgresql":  # PostgreSQL: the server's autovacuum makes the space reusable
        print(f"Store file: {size_change(done)}" + (" (rewritten)" if done.how == "full" else ""))
    return 0
