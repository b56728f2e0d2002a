"""TalkedInStore: the channels where people talk to the bot (set up, or asked in lately) and which of their messages
a run claimed, from the channels and answered_messages tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa

from bot.models import ChannelRef
from bot.store.db import Database
from bot.store.schema import answered_messages, channels

CHUNK = 500  # message ids per query (SQLite allows 999 parameters by default)


class TalkedInStore:
    """bot.talked_in.ChannelsTalkedIn over the store."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def talked_in(self, platform: str, *, since: datetime) -> list[ChannelRef]:
        a, c = answered_messages.c, channels.c
        prefix = f"{platform}:"
        async with self.db.connect() as conn:
            asked = (await conn.execute(
                sa.select(a.channel, sa.func.max(a.claimed_at).label("last"))
                .where(a.channel.startswith(prefix, autoescape=True), a.claimed_at >= since)
                .group_by(a.channel))).all()
            set_up = (await conn.execute(
                sa.select(c.key, c.created_at).where(c.key.startswith(prefix, autoescape=True)))).all()
        last_asked = {str(row.channel): _utc(row.last) for row in asked}
        ordered = sorted(last_asked, key=lambda key: (-last_asked[key].timestamp(), key))
        rest = sorted((row for row in set_up if str(row.key) not in last_asked),
                      key=lambda row: (-_utc(row.created_at).timestamp(), str(row.key)))
        ordered += [str(row.key) for row in rest]
        return [ChannelRef(platform, key[len(prefix):]) for key in ordered if len(key) > len(prefix)]

    async def claimed(self, channel: ChannelRef, messages: Sequence[str]) -> set[str]:
        a = answered_messages.c
        wanted = list(dict.fromkeys(messages))
        found: set[str] = set()
        async with self.db.connect() as conn:
            for start in range(0, len(wanted), CHUNK):
                rows = (await conn.execute(sa.select(a.message).where(
                    a.channel == channel.key, a.message.in_(wanted[start:start + CHUNK])))).all()
                found.update(str(row.message) for row in rows)
        return found


def _utc(when: datetime) -> datetime:
    """SQLite gives back the stored time without its zone; it was stored in UTC."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
