"""Placing articles into stories one process at a time on PostgreSQL, so two never file one event as two stories."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.store.db import Database

# "bbcluster" does not fit 64 bits: "bbclustr" in ASCII (the run lock's is "briefbot", migrating's "bbmigrat")
CLUSTER_LOCK_KEY = 0x6262636C75737472


@asynccontextmanager
async def placing_stories(db: Database) -> AsyncIterator[None]:
    """Held from reading the stories' profiles to writing where the articles went: an `ingest` beside `briefbot
    run` (or two ingests) then clusters against what the other placed (``Database.advisory_lock``)."""
    async with db.advisory_lock(CLUSTER_LOCK_KEY):
        yield
