"""Whether a `briefbot run` holds a store's run lock (bot/store/run_lock.py), found out without taking it."""

from __future__ import annotations

import fcntl

from bot.store.db import Database
from bot.store.run_lock import HELD_BY_ANY, KEY_HALVES, sqlite_path


async def bot_running(db: Database) -> bool:
    """SQLite: someone holds ``<store>.run.lock`` (a shared lock is tried for an instant and let go; a missing
    file means no bot ever ran here since it was made). PostgreSQL: a session holds briefbot's advisory lock."""
    if db.dialect == "postgresql":
        async with db.connect() as conn:
            held = (await conn.execute(HELD_BY_ANY, KEY_HALVES)).scalar()
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
