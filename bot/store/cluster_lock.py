"""Placing articles into stories one process at a time on PostgreSQL, so two never file one event as two stories."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.store.db import Database, redact_url

log = logging.getLogger(__name__)

# "bbcluster" does not fit 64 bits: "bbclustr" in ASCII (the run lock's is "briefbot", migrating's "bbmigrat")
CLUSTER_LOCK_KEY = 0x6262636C75737472
# how long placing waits for another process that holds the story lock (placing thousands of articles takes seconds;
# one stuck mid-way, not dead, would hold it forever): then the articles wait unplaced for the next refresh
STORY_LOCK_WAIT_SECONDS = 120.0


@asynccontextmanager
async def placing_stories(db: Database, *, wait: float | None = None) -> AsyncIterator[bool]:
    """Held from reading the stories' profiles to writing where the articles went: an `ingest` beside `briefbot
    run` (or two ingests) then clusters against what the other placed (``Database.advisory_lock``). Yields False,
    after one WARNING, when another process held the lock for ``wait`` seconds (``STORY_LOCK_WAIT_SECONDS``):
    place nothing then; the articles stay unplaced, and the next refresh places them (``unfinished_ids``)."""
    seconds = STORY_LOCK_WAIT_SECONDS if wait is None else wait
    async with db.advisory_lock(CLUSTER_LOCK_KEY, wait=seconds) as held:
        if not held:
            log.warning("the store at %s: another briefbot process has held the story lock for %g s (placing "
                        "articles, or stuck); the new articles stay unplaced and are placed into stories at the "
                        "next refresh", redact_url(db.url), seconds)
        yield held
