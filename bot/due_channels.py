"""Which channels a scheduler tick delivers: those with an unfinished slot or a slot due, after the clock check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.clock_back import channel_set_back
from bot.delivery import Delivery
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database
from bot.store.ledger import ALERT, UNFINISHED, DeliveryLedger, slot_time
from bot.store.schema import deliveries


@dataclass(frozen=True, slots=True)
class Newest:
    """What the ledger holds for one channel, as a tick needs it."""

    slot: datetime | None  # its newest schedule slot (None: only alerts so far), whatever its state
    unfinished: bool  # any slot pending or posting
    alert: datetime | None  # its newest breaking-alert slot, whatever its state


async def ledger_overview(db: Database) -> dict[str, Newest]:
    """``DeliveryLedger.overview`` with each channel's newest alert too, for the clock-set-back check: one query for
    all channels, where that check asked for each channel's alert on its own."""
    d = deliveries.c
    unfinished = sa.func.sum(sa.case((d.state.in_(UNFINISHED), 1), else_=0))
    newest = sa.func.max(sa.case((d.kind != ALERT, d.slot), else_=None))
    alert = sa.func.max(sa.case((d.kind == ALERT, d.slot), else_=None))
    async with db.connect() as conn:
        rows = (await conn.execute(sa.select(d.channel, newest, unfinished, alert).group_by(d.channel))).all()
    return {str(r[0]): Newest(slot_time(str(r[1])) if r[1] else None, bool(r[2]),
                              slot_time(str(r[3])) if r[3] else None) for r in rows}


async def due_channels(channels: ChannelStore, ledger: DeliveryLedger, delivery: Delivery,
                       now: datetime) -> list[Channel]:
    """The channels with an unfinished slot or one due at ``now``, in the store's order; a channel whose stored times
    lie ahead of the clock is taken back to now first (``channel_set_back``). Two reads of the store whatever the
    number of channels, unless a channel is taken back."""
    overview = await ledger_overview(ledger.db)
    alerts = {key: newest.alert for key, newest in overview.items() if newest.alert is not None}
    due = []
    for channel in await channels.all():
        newest = overview.get(channel.key, Newest(None, False, None))
        channel, last = await channel_set_back(channels, ledger, channel, newest.slot, now, alerts=alerts)
        if newest.unfinished or delivery.is_due(channel, last, now):
            due.append(channel)
    return due
