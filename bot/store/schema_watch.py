"""A running bot noticing that a newer briefbot migrated its store: checked at most once a minute, then it stops."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.clock import Clock
from bot.store.db import Database, StoreError, redact_url
from bot.store.migrations import MIGRATIONS

CHECK_EVERY = timedelta(minutes=1)


class StoreUpgraded(StoreError):
    """A newer briefbot migrated the store past the schema this one knows while it ran (exit 3, as any unusable
    store): it must not write to it again."""


class SchemaWatch:
    """The store's schema version, read again at most once per ``CHECK_EVERY`` of ``clock`` (one small query)."""

    def __init__(self, db: Database, clock: Clock, every: timedelta = CHECK_EVERY) -> None:
        self.db = db
        self.clock = clock
        self.every = every
        self.known = len(MIGRATIONS)  # the store was migrated to this when it was opened
        self._checked: datetime | None = None
        self._found: StoreUpgraded | None = None  # once upgraded, for good: nothing reads the store again

    async def upgraded(self) -> StoreUpgraded | None:
        """The reason to stop once the store's version is past ``known``; None while it is not, or when it was read
        less than ``every`` ago (a clock set back reads it again). Once found, every later call returns it at once.
        The store's own errors are raised as they are."""
        if self._found is not None:
            return self._found
        now = self.clock()
        if self._checked is not None and self._checked <= now < self._checked + self.every:
            return None
        async with self.db.connect() as conn:
            found = int((await conn.execute(sa.text("SELECT MAX(version) FROM schema_version"))).scalar() or 0)
        self._checked = now
        if found <= self.known:
            return None
        self._found = StoreUpgraded(
            f"the store at {redact_url(self.db.url)} was upgraded by a newer briefbot while this one ran (schema "
            f"version {found}; this briefbot knows up to {self.known}): this `briefbot run` stops without writing "
            "to it again; run the newer briefbot (docs/DEPLOY.md)")
        return self._found
