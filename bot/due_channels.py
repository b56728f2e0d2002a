"""Which channels a scheduler tick delivers: those with an unfinished slot or a slot due, after the clock check."""

from __future__ import annotations

from datetime import datetime

from bot.clock_back import channel_set_back
from bot.delivery import Delivery
from bot.store.channels import Channel, ChannelStore
from bot.store.ledger import DeliveryLedger


async def due_channels(channels: ChannelStore, ledger: DeliveryLedger, delivery: Delivery,
                       now: datetime) -> list[Channel]:
    """The channels with an unfinished slot or one due at ``now``, in the store's order; a channel whose stored times
    lie ahead of the clock is taken back to now first (``channel_set_back``)."""
    overview = await ledger.overview()
    due = []
    for channel in await channels.all():
        last, unfinished = overview.get(channel.key, (None, False))
        channel, last = await channel_set_back(channels, ledger, channel, last, now)
        if unfinished or delivery.is_due(channel, last, now):
            due.append(channel)
    return due
