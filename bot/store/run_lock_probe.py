"""Whether a `briefbot run` holds a store's run lock (bot/store/run_lock.py), found out without taking it."""

from __future__ import annotations

import fcntl

import sqlalchemy as sa

from bot.store.db import Database
from bot.store.run_lock import ADVISORY_KEY, sqlite_path

_HELD = sa.text(
    # a bigint advisory key shows in pg_locks as classid (high 32 bits), objid (low 32 bits), objsubid 1
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
    "AND classid::bigint = :high AND objid::bigint = :low "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))")


async def bot_running(db: Database) -> bool:
    """SQLite: someone holds ``<store>.run.lock`` (a shared lock is tried for an instant and let go; a missing
    file means no bot ever ran here since it was made). PostgreSQL: a session holds briefbot's advisory lock."""
    if db.dialect == "postgresql":
        async with db.connect() as conn:
            held = (await conn.execute(_HELD, {"high": ADVISORY_KEY >> 32, "low": ADVISORY_KEY & 0xFFFFFFFF})).scalar()
        return bool(held)
    path = sqlite_path(db.url)
    if path is None:
        return False
    try:
        handle = open(path.with_name(path.name + ".run.lock"), "rb")  # noqa: SIM115 - closed below
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
