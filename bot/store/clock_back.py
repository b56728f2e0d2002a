"""A channel's stored slots and watermark that lie ahead of the clock (it ran ahead, then was set back) moved to now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.store.articles import utc
from bot.store.db import Database
from bot.store.ledger import UNFINISHED, slot_text, slot_time
from bot.store.schema import channel_articles, channel_stories, channels, deliveries, delivery_contents

NOTHING_POSTED = ("empty", "skipped")  # rows that only say a slot passed: one that has not come yet is dropped


@dataclass(frozen=True, slots=True)
class TakenBack:
    """What ``take_back`` found ahead of the clock (and moved to it)."""

    slots: tuple[datetime, ...]  # finished slots after the clock's now (oldest first)
    watermark: datetime | None  # delivered_up_to, when it was ahead
    slots_from: datetime | None  # when it was ahead

    def __bool__(self) -> bool:
        return bool(self.slots) or self.watermark is not None or self.slots_from is not None


async def take_back(db: Database, channel: str, *, beyond: datetime, now: datetime) -> TakenBack:
    """In one transaction: the channel's finished slots after ``beyond`` that posted nothing (empty, skipped) are
    dropped, those that posted (delivered, failed part-way) are moved to the seconds just before ``now`` with the
    stories and articles they showed (still the channel's: nothing is posted again), and a watermark or
    ``slots_from`` after ``beyond`` becomes ``now``. An unfinished slot is left to be finished as it is (its key is
    the post's idempotency key); the next correction moves it once it is done."""
    d, c = deliveries.c, channels.c
    async with db.begin() as conn:
        rows = (
            await conn.execute(
                sa.select(d.slot, d.state)
                .where(d.channel == channel, d.slot > slot_text(beyond), d.state.notin_(UNFINISHED))
                .order_by(d.slot)
            )
        ).all()
        taken = [str(r.slot) for r in rows]
        dropped = [str(r.slot) for r in rows if r.state in NOTHING_POSTED]
        if dropped:
            await conn.execute(deliveries.delete().where(d.channel == channel, d.slot.in_(dropped)))
        moved = [s for s in taken if s not in dropped]
        used = {
            str(v)
            for v in (
                await conn.execute(sa.select(d.slot).where(d.channel == channel, d.slot <= slot_text(now)))
            ).scalars()
        }
        at = now
        for old in reversed(moved):  # newest first, to the newest free second before now
            at -= timedelta(seconds=1)
            while slot_text(at) in used:
                at -= timedelta(seconds=1)
            for table in (deliveries, delivery_contents, channel_stories, channel_articles):
                await conn.execute(
                    table.update().where(table.c.channel == channel, table.c.slot == old).values(slot=slot_text(at))
                )
        row = (await conn.execute(sa.select(c.delivered_up_to, c.slots_from).where(c.key == channel))).first()
        watermark = utc(row.delivered_up_to) if row is not None else None
        slots_from = utc(row.slots_from) if row is not None else None
        watermark = watermark if watermark is not None and watermark > beyond else None
        slots_from = slots_from if slots_from is not None and slots_from > beyond else None
        if watermark is not None:
            await conn.execute(channels.update().where(c.key == channel).values(delivered_up_to=now))
        if slots_from is not None:
            await conn.execute(channels.update().where(c.key == channel).values(slots_from=now))
    return TakenBack(tuple(slot_time(s) for s in taken), watermark, slots_from)
