"""A read-only look at the store: it opens, which schema version it has, the followed sources; never a write."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.channel_removed import removed_channel_warnings
from bot.check.channels import HeldChannel, held_channels
from bot.check.result import CheckResult, fail, ok, warn
from bot.config import Config
from bot.store.channels import ChannelStore
from bot.store.damaged import damage, damaged_store_message
from bot.store.db import Database, StoreError, driver_url, redact_url
from bot.store.db_errors import one_line_reason, owner_advice, store_names
from bot.store.migrations import MIGRATIONS
from bot.store.sources import SourceState, SourceStore
from bot.store.url_forms import unsupported_store_url
from bot.stored_zones import fixed_zone_warnings

CHECK = "store"
CONNECT_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class StoreReport:
    """The store's line(s), and the sources it follows (for the source checks)."""

    results: list[CheckResult]
    sources: list[SourceState] = field(default_factory=list)
    channels: dict[int, HeldChannel] | None = None  # the [[channels]] entries' stored channels; None: not read


def _query_only(dbapi_conn: Any, _record: Any) -> None:
    """SQLite refuses every write on this connection (the file is opened read-write only so that closing it
    removes the -wal and -shm files, as ``briefbot run`` leaves them)."""
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _sqlite_engine(path: Path) -> AsyncEngine:
    """``mode=rw``: an existing file only, never created."""
    engine = create_async_engine(f"sqlite+aiosqlite:///{path.resolve().as_uri()}?mode=rw&uri=true",
                                 connect_args={"timeout": CONNECT_TIMEOUT_SECONDS})
    event.listen(engine.sync_engine, "connect", _query_only)
    return engine


def _postgres_engine(async_url: str) -> AsyncEngine:
    """Every transaction read-only, enforced by the server."""
    return create_async_engine(async_url, connect_args={
        "server_settings": {"default_transaction_read_only": "on"}, "timeout": CONNECT_TIMEOUT_SECONDS})


def _missing_sqlite(path: Path) -> CheckResult:
    """No file yet: ``briefbot run`` creates it, if it may create the folder's file."""
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    latest = len(MIGRATIONS)
    if not os.access(parent, os.W_OK | os.X_OK):
        return fail(CHECK, f"no store at {path}, and {parent} is not writable by this user, so `briefbot run` "
                           "cannot create it: fix the permissions or set database.url (or --db) elsewhere")
    return warn(CHECK, f"no store at {path} yet: `briefbot run` will create it (schema v{latest}); if one should "
                       "be there, check database.url or --db")


def _version_result(where: str, version: int) -> CheckResult:
    latest = len(MIGRATIONS)
    if version > latest:
        return fail(CHECK, f"{where}: schema v{version} is newer than this briefbot understands (v{latest}): "
                           "upgrade briefbot to the version that wrote it")
    if version == 0:
        return warn(CHECK, f"{where}: empty, `briefbot run` would set it up (schema v{latest})")
    if version < latest:
        return warn(CHECK, f"{where}: schema v{version}, would be upgraded from v{version} to v{latest} by "
                           "`briefbot run` (back it up first if you may need to go back to the older briefbot)")
    return ok(CHECK, f"{where}: schema v{version} (current)")


async def _read(db: Database, where: str, config: Config | None, config_path: str | None = None) -> StoreReport:
    """Schema version, followed sources and the configured channels as stored, within one read-only engine."""
    version = await db.schema_version()
    may_create = True
    if db.dialect == "postgresql":
        async with db.connect() as conn:
            server = (await conn.execute(sa.text("SHOW server_version"))).scalar()
            may_create = bool((await conn.execute(sa.text(
                "SELECT has_schema_privilege(current_user, current_schema(), 'CREATE')"))).scalar())
        where = f"{where} (PostgreSQL {str(server).split()[0]})"
    result = _version_result(where, version)
    if version < len(MIGRATIONS) and not may_create:  # `run` would stop at "permission denied for schema public"
        result = fail(CHECK, f"{where}: schema v{version}, and this user may not create tables in it, so `briefbot "
                             f"run` cannot set it up; {owner_advice(*store_names(db.url))}")
    followed = await SourceStore(db).list() if 0 < version <= len(MIGRATIONS) else []
    held = await _held(db, config) if version == len(MIGRATIONS) and config is not None else None
    zones = await _fixed_zones(db) if version == len(MIGRATIONS) else []
    removed = await _removed(db, config, config_path) if version == len(MIGRATIONS) and config is not None else []
    return StoreReport([result, *zones, *removed], followed, held)


async def _removed(db: Database, config: Config, config_path: str | None) -> list[CheckResult]:
    """A warning per stored channel whose [[channels]] entry left the file (paused for it, or to be paused at the next
    start: bot/channel_removed.py), as ``run`` logs it; none if the channels cannot be read."""
    try:
        found = await removed_channel_warnings(config, ChannelStore(db), path=config_path)
    except Exception:
        return []
    return [warn(f"channel {key}", warning.removeprefix(f"channel {key}: ")) for key, warning in found]


async def _fixed_zones(db: Database) -> list[CheckResult]:
    """A warning per stored channel on a fixed-offset timezone ("EST"), as ``run`` logs it at start; none if the
    channels cannot be read, which is no problem of the store's own line."""
    try:
        channels = await ChannelStore(db).all()
    except Exception:
        return []
    return [warn(f"channel {key}", warning) for key, warning in fixed_zone_warnings(channels)]


async def _held(db: Database, config: Config) -> dict[int, HeldChannel] | None:
    """The configured channels as stored; None (the file's values shown) if they cannot be read, which is no
    problem of the store's own line."""
    try:
        return await held_channels(db, config)
    except Exception:
        return None


async def inspect_store(
    url: str, key: str = "database.url", config: Config | None = None, config_path: str | None = None
) -> StoreReport:
    """Open the store at ``url`` read-only and say what it holds; every problem is a ``fail`` line. ``key``: where
    the URL came from (``--db`` or ``database.url``), named when it is of a kind briefbot cannot open; ``config``:
    whose [[channels]] entries to look up (in a store at the current schema); ``config_path``: its file, named in
    the warnings about channels whose entry left it."""
    shown = redact_url(url)
    try:
        async_url, dialect = driver_url(url)
    except StoreError:  # as every other command words it (bot/store/url_forms.py)
        return StoreReport([fail(CHECK, unsupported_store_url(key, url))])
    if dialect == "sqlite":
        raw = async_url.split(":///", 1)[1]
        if raw in ("", ":memory:"):
            return StoreReport([warn(CHECK, "an in-memory store keeps nothing between runs: set database.url to "
                                            "a file or a postgresql:// URL")])
        path = Path(raw).expanduser()
        if not path.exists():
            return StoreReport([_missing_sqlite(path)])
        if not os.access(path, os.R_OK | os.W_OK):
            return StoreReport([fail(CHECK, f"{path} is not readable and writable by this user: `briefbot run` "
                                            "needs both; fix its owner or permissions")])
        engine = _sqlite_engine(path)
        shown = str(path)
    else:
        engine = _postgres_engine(async_url)
    try:
        return await _read(Database(engine, dialect, url), shown, config, config_path)
    except Exception as exc:  # any driver or server error: one line, the other checks go on
        if dialect == "sqlite" and (words := damage(exc)):  # no server to run: the file itself is damaged
            return StoreReport([fail(CHECK, damaged_store_message(shown, words))])
        reason = one_line_reason(exc, url)
        return StoreReport([fail(CHECK, f"cannot open the store at {shown}: {reason}; check database.url (or "
                                        "--db), that the server runs and that this user may connect")])
    finally:
        await engine.dispose()
