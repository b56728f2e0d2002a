"""Adding to the speakers' mention counts in one upsert, so writers counting one new speaker at once both count it."""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.schema import quote_speakers


async def add_mentions(conn: AsyncConnection, dialect: str, counts: Mapping[str, tuple[str, int, str | None]]) -> None:
    """Per canonical name, (surname, mentions to add, role): a new speaker is inserted with its role, a known one (or
    one another transaction inserted meanwhile: ON CONFLICT waits for it) has its count added to, its role kept; in
    name order, so two writers counting the same speakers lock their rows in the same order."""
    for name, (surname, n, role) in sorted(counts.items()):  # rows locked in one order: never a deadlock
        insert = postgresql.insert(quote_speakers) if dialect == "postgresql" else sqlite.insert(quote_speakers)
        await conn.execute(
            insert.values(canonical=name, surname=surname, role=role, mentions=n).on_conflict_do_update(
                index_elements=[quote_speakers.c.canonical],
                set_={"mentions": quote_speakers.c.mentions + sa.literal(n)},
            )
        )
