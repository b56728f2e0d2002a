"""PageRetryStore: the teaser pages to ask for again (bot/ingest/retries.py), kept in the store across restarts."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.ingest.retries import MAX_RETRIES_KEPT, PageRetry
from bot.store.articles import utc
from bot.store.db import Database
from bot.store.id_lists import id_chunks, one_of
from bot.store.schema import page_retries


class PageRetryStore:
    """The retry list of bot.ingest.full_text.FullText, one row per article; at most ``cap`` rows."""

    def __init__(self, db: Database, *, cap: int = MAX_RETRIES_KEPT) -> None:
        if cap < 1:
            raise ValueError(f"cap must be 1 or more, got {cap}")
        self.db = db
        self.cap = cap

    async def get(self, article_ids: Sequence[str]) -> dict[str, PageRetry]:
        found: dict[str, PageRetry] = {}
        r, dialect = page_retries.c, self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, article_ids):
                for row in await conn.execute(sa.select(r.article_id, r.failures, r.next_at)
                                              .where(one_of(dialect, r.article_id, chunk))):
                    next_at = utc(row.next_at)
                    if next_at is not None:
                        found[str(row.article_id)] = PageRetry(int(row.failures), next_at)
        return found

    async def put(self, article_id: str, retry: PageRetry) -> None:
        r = page_retries.c
        values = {"article_id": article_id, "failures": retry.failures, "next_at": retry.next_at}
        dialect = postgresql if self.db.dialect == "postgresql" else sqlite
        upsert = dialect.insert(page_retries).values(**values)
        upsert = upsert.on_conflict_do_update(index_elements=[r.article_id],
                                              set_={"failures": retry.failures, "next_at": retry.next_at})
        async with self.db.begin() as conn:
            present = (await conn.execute(sa.select(r.article_id).where(r.article_id == article_id))).first()
            if present is None:
                await self._make_room(conn)
            await conn.execute(upsert)

    async def _make_room(self, conn: AsyncConnection) -> None:
        """Past the cap, the entries due longest ago go: most likely items no feed carries any more."""
        r = page_retries.c
        count = int((await conn.execute(sa.select(sa.func.count()).select_from(page_retries))).scalar() or 0)
        if count < self.cap:
            return
        oldest = sa.select(r.article_id).order_by(r.next_at, r.article_id).limit(count - self.cap + 1)
        await conn.execute(page_retries.delete().where(r.article_id.in_(oldest)))

    async def drop(self, article_id: str) -> None:
        async with self.db.begin() as conn:
            await conn.execute(page_retries.delete().where(page_retries.c.article_id == article_id))

    async def count(self) -> int:
        async with self.db.connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(page_retries))).scalar() or 0)
