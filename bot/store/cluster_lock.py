"""Placing articles into stories one process at a time on PostgreSQL, so two never file one event as two stories."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import sqlalchemy as sa

from bot.store.db import Database

# "bbcluster" does not fit 64 bits: "bbclustr" in ASCII (the run lock's is "briefbot", migrating's "bbmigrat")
CLUSTER_LOCK_KEY = 0x6262636C75737472


@asynccontextmanager
async def placing_stories(db: Database) -> AsyncIterator[None]:
    """Held from reading the stories' profiles to writing where the articles went: an `ingest` beside `briefbot
    run` (or two ingests) then clusters against what the other placed. A session advisory lock on its own
    connection (gone with it, should the connection drop); SQLite stores are not shared this way: nothing."""
    if db.dialect != "postgresql":
        yield
        return
    async with db.connect() as conn:
        held = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await held.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": CLUSTER_LOCK_KEY})
        try:
            yield
        finally:
            try:
                await held.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": CLUSTER_LOCK_KEY})
            except Exception:  # its session ended (the lock with it) or is in doubt: never pooled again
                await conn.invalidate()
