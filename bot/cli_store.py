"""`briefbot store copy --to PATH_OR_URL` (move a store between SQLite and PostgreSQL), `store backup PATH` and
`store requote` (extract stored articles' quotes again after an upgrade)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from pathlib import Path
from urllib.parse import unquote

from bot.app import App
from bot.backoff import parse_duration
from bot.cli_common import Subparsers, add_command, err, existing_store
from bot.store.backup import BackupError, BackupRefused, backup_sqlite
from bot.store.copy import BATCH_ROWS, CopyFailed, CopyRefused, CopyReport, TableCount, copy_store
from bot.store.damaged import damage, damaged_store_message, salvage_command
from bot.store.db import Database, StoreError, driver_url, redact_url
from bot.store.db_errors import one_line_reason
from bot.store.run_lock import RunLock
from bot.store.run_lock_probe import bot_running
from bot.store.sqlite_path import sqlite_file


def register(sub: Subparsers) -> None:
    group = sub.add_parser("store", help="Copy the store into another (SQLite or PostgreSQL), back it up, or "
                           "extract its quotes again",
                           description="Copy the store into another (SQLite or PostgreSQL), back it up, or extract "
                           "its quotes again.")
    nested = group.add_subparsers(dest="store_command", metavar="COMMAND")
    nested.required = True
    p = add_command(nested, "copy", "Copy every table of the store (--db) into a new or empty store, SQLite or "
                    "PostgreSQL: channels, topics, schedules, the delivery ledger, articles, stories, quotes.",
                    run_copy)
    p.add_argument("--to", required=True, metavar="PATH_OR_URL",
                   help="the target: a new SQLite path or sqlite:/// URL, or a postgresql:// URL of an empty database")
    p = add_command(nested, "backup", "Write a consistent copy of a SQLite store to a new file, safe while the bot "
                    "runs (PostgreSQL: use pg_dump).", run_backup)
    p.add_argument("path", type=Path, metavar="PATH", help="the backup file to create (never replaced)")
    p = add_command(nested, "requote", "Extract the quotes of stored articles again (after an upgrade that finds "
                    "them better) and replace each article's attributions, one transaction per article; refused "
                    "while `briefbot run` holds the store, which it keeps from starting meanwhile.", run_requote)
    p.add_argument("--since", metavar="DURATION", default="",
                   help="only articles published or stored within this long (30d, 12h, ...); default: all")
    p.add_argument("--dry-run", action="store_true",
                   help="count what would change, writing nothing (allowed while the bot runs)")


def shown(url: str) -> str:
    """A store's URL or path as it may be printed: the password masked."""
    return redact_url(url)


def scrubbed(text: str, *urls: str) -> str:
    """``text`` with the passwords of ``urls`` masked wherever they appear (a driver's message may quote one)."""
    for url in urls:
        password = _password(url)
        if password:
            for form in {password, unquote(password)}:
                text = text.replace(form, "***")
    return text


def _password(url: str) -> str:
    if "://" not in url or "@" not in url:
        return ""
    credentials = url.split("://", 1)[1].rsplit("@", 1)[0]
    return credentials.split(":", 1)[1] if ":" in credentials else ""


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store (None for PostgreSQL or an in-memory store)."""
    return sqlite_file(url)


async def run_copy(args: argparse.Namespace, app: App) -> int:
    source_url, target_url = app.database_url, args.to
    for url, flag in ((source_url, "--db" if app.db_url else "database.url"), (target_url, "--to")):
        try:
            driver_url(url, key=flag)
        except StoreError as exc:  # a usage error (exit 2) naming the option given, not a store that failed (exit 3)
            err(f"briefbot store copy: {exc}")  # worded by bot/store/url_forms.py, the password masked
            return 2
    try:
        code = await _copy(source_url, target_url)
    except StoreError as exc:  # cannot open one of them (a bad URL, no server, no such database)
        err(scrubbed(f"briefbot store copy: {exc}", source_url, target_url))
        return 3
    return code


async def _copy(source_url: str, target_url: str) -> int:
    source_file, target_file = _sqlite_file(source_url), _sqlite_file(target_url)
    if driver_url(source_url)[1] == "sqlite" and (source_file is None or not source_file.is_file()):
        err(f"briefbot store copy: no SQLite store at {source_file or source_url} (--db)")
        # a missing file: the store cannot be used (3), as for every command that reads one (README)
        return 3 if source_file is not None else 2
    if driver_url(target_url)[1] == "sqlite" and target_file is None:
        err("briefbot store copy: --to: an in-memory store would be gone when the copy ends; give a file path")
        return 2
    if source_url == target_url or (source_file and target_file and source_file.resolve() == target_file.resolve()):
        err("briefbot store copy: --to names the source store itself")
        return 2
    if target_file is not None and not target_file.parent.is_dir():  # as `store backup`: a mistyped folder is not
        err(f"briefbot store copy: --to: no folder {target_file.parent} for the copy (create it first)")  # made
        return 2
    created = target_file if target_file is not None and not target_file.exists() else None
    started = time.monotonic()
    err(f"Copying {shown(source_url)} to {shown(target_url)} ...")
    copied = False
    source = await _open(source_url)
    try:
        target = await _open(target_url)
        try:
            if await bot_running(source):
                err("note: a `briefbot run` is using the source; the copy is the store as of its start (one consistent "
                    "read), so what the bot does after that is not in it: stop the bot before switching to the copy")
            report = await copy_store(source, target, progress=_Progress())
            copied = True
        except CopyRefused as exc:
            err(scrubbed(f"briefbot store copy: {exc}", source_url, target_url))
            return 2
        except CopyFailed as exc:
            kept = "" if created is not None else " (the rows copied so far were deleted again)"
            err(scrubbed(f"briefbot store copy: the copy failed{kept}: {exc}", source_url, target_url))
            return 1
        finally:
            await target.close()
    finally:
        await source.close()
        if not copied and created is not None:  # a target file this command made holds nothing worth keeping
            for leftover in (created, *(created.with_name(created.name + s) for s in ("-wal", "-shm"))):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
    return _print_report(report, source_url, target_url, time.monotonic() - started)


async def _open(url: str) -> Database:
    """The store at ``url``, not migrated (neither side changes before the checks), connected once so that an
    unreachable server or a missing database is reported as such."""
    db = await Database.open(url, migrate=False)
    try:
        await db.schema_version()
    except Exception as exc:
        await db.close()
        if isinstance(exc, StoreError):  # worded by the store itself (a damaged file), naming it
            raise
        raise StoreError(f"cannot open the store at {shown(url)}: {one_line_reason(exc, url)}") from exc
    return db


class _Progress:
    """Progress lines on stderr for tables of more than one batch: about every tenth of the table, and its end."""

    def __init__(self) -> None:
        self.shown: dict[str, int] = {}

    def __call__(self, table: str, done: int, total: int) -> None:
        if total <= BATCH_ROWS:
            return
        tenth = done * 10 // total
        if tenth > self.shown.get(table, 0):
            self.shown[table] = tenth
            err(f"  {table}: {done:,} of {total:,} rows")


def _print_report(report: CopyReport, source_url: str, target_url: str, seconds: float) -> int:
    print(f"Copied {shown(source_url)} to {shown(target_url)} (schema version {report.version}):")
    print(f"  {'table':<24} {'source':>10} {'target':>10}")
    for t in report.tables:
        print(_count_line(t.table, t))
    for t in report.derived:
        print(_count_line(f"{t.table} (rebuilt)", t))
    if not report.derived:
        print("  full-text search: PostgreSQL generates it from the copied rows (tsvector columns)")
    wrong = report.mismatches
    if wrong:
        print("Row counts differ: " + ", ".join(f"{t.table} (source {t.source}, target {t.target})" for t in wrong)
              + f"; the target is not a complete copy ({seconds:.1f} s)")
        return 1
    print(f"Row counts match in all {len(report.tables)} tables ({report.rows:,} rows) in {seconds:.1f} s.")
    return 0


def _count_line(name: str, t: TableCount) -> str:
    mark = "" if t.source == t.target else "  <- differs"
    return f"  {name:<24} {t.source:>10,} {t.target:>10,}{mark}"


async def run_backup(args: argparse.Namespace, app: App) -> int:
    url = app.database_url
    if driver_url(url)[1] == "postgresql":
        err("briefbot store backup: the store is PostgreSQL: back it up with the server's own tool, e.g. "
            "`pg_dump -Fc -f briefbot.dump briefbot` (restore with pg_restore), or make a SQLite copy briefbot "
            "opens with `briefbot store copy --to PATH`")
        return 2
    store = _sqlite_file(url)
    if store is None:
        err("briefbot store backup: an in-memory store has nothing to back up")
        return 2
    if not store.expanduser().is_file():  # the store cannot be used, as for every command that reads one (README)
        err(f"briefbot store backup: no SQLite store at {store.expanduser()}")
        return 3
    started = time.monotonic()
    try:
        made = await asyncio.to_thread(backup_sqlite, store, args.path)
    except BackupRefused as exc:
        err(f"briefbot store backup: {exc}")
        return 2
    except BackupError as exc:
        words = damage(exc.__cause__ or exc)
        if words is None:
            err(f"briefbot store backup: {exc}")
            return 1
        err(f"briefbot store backup: {damaged_store_message(str(store), words)}; to salvage what SQLite can still "
            f"read into a new file: {salvage_command(store)}")
        return 3
    print(f"Backed up {store} to {made.path} ({made.bytes / 1e6:.1f} MB, owner-only) in "
          f"{time.monotonic() - started:.1f} s.")
    return 0


async def run_requote(args: argparse.Namespace, app: App) -> int:
    """`briefbot store requote [--since DURATION] [--dry-run]`: bot/requote.py, under the run lock unless a dry run
    (a running bot, still the old code after an upgrade, would write old-style attributions beside the new ones)."""
    from bot.requote import requote

    try:
        since = app.clock() - parse_duration(args.since, key="--since") if args.since else None
    except ValueError as exc:
        err(f"briefbot store requote: {exc}")
        return 2
    db = await existing_store(app)
    lock = RunLock(db, app.clock)
    if not args.dry_run:
        try:
            await lock.acquire()
        except StoreError:
            err("briefbot store requote: a `briefbot run` is using this store: stop it first (the new quotes are "
                "written with no bot writing beside them), or count with --dry-run")
            return 3
    try:
        from bot.nlp.attributors import default_attributor  # loads spaCy: only once the store is known usable

        report = await requote(db, default_attributor(), since=since, dry_run=args.dry_run,
                               progress=_RequoteProgress())
    finally:
        await lock.release()
    for article_id, title in report.no_text:
        err(f"kept as stored (its text is gone): {article_id} {title!r}")
    for article_id, title, why in report.failed:
        err(f"kept as stored (its quotes could not be extracted: {why}): {article_id} {title!r}")
    print(report.summary(dry_run=args.dry_run))
    return 1 if report.failed else 0


class _RequoteProgress:
    """``requoting: N of M articles`` on stderr about every tenth of the way, and at its end."""

    def __init__(self) -> None:
        self.tenth = 0

    def __call__(self, done: int, total: int) -> None:
        tenth = done * 10 // total
        if tenth > self.tenth:
            self.tenth = tenth
            err(f"  requoting: {done:,} of {total:,} articles")
