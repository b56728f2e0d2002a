"""Delete a stored channel for good: its set-up (topics, sources, mutes, tracks, entry) and its delivery history."""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.db import Database
from bot.store.schema import channel_articles, channel_stories, channels, deliveries, delivery_contents

# keyed by the channel without a foreign key (the rest go with the channels row: ON DELETE CASCADE)
HISTORY = (delivery_contents, deliveries, channel_articles, channel_stories)


async def delete_channel(db: Database, key: str) -> int:
    """Delete channel ``key`` and its history in one transaction; how many briefing slots it had (-1: no such
    channel). The stories and articles stay: they are the store's, not the channel's."""
    async with db.begin() as conn:
        found = (await conn.execute(sa.select(channels.c.key).where(channels.c.key == key))).first()
        if found is None:
            return -1
        slots = int((await conn.execute(sa.select(sa.func.count()).where(deliveries.c.channel == key))).scalar() or 0)
        for table in HISTORY:
            await conn.execute(table.delete().where(table.c.channel == key))
        await conn.execute(channels.delete().where(channels.c.key == key))
    return slots
