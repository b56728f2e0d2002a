"""The list a story number counts in a channel (``story 2``, ``why 2``, ``mute 2``, ``track 2``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.delivery import Delivery
from bot.models import Briefing, BriefingItem
from bot.store.channels import Channel
from bot.store.ledger import DeliveryLedger, LedgerEntry


async def counted_briefing(delivery: Delivery, channel: Channel, now: datetime) -> tuple[Briefing, LedgerEntry | None]:
    """The briefing last posted in the channel, as it was posted (with its ledger entry), else the next one as
    ``preview`` shows it now (None): the one whose numbers ``story <n>`` counts."""
    entry = await DeliveryLedger(delivery.db).last_delivered(channel.key)
    if entry is not None:
        return await delivery.replay(channel, entry), entry
    return await delivery.preview(channel, now), None


def same_numbers(shown: Briefing, counted: Briefing) -> bool:
    """Whether every numbered story of ``shown`` has that number in ``counted`` too (``story <n>`` finds it)."""
    return _ids(shown.items) == _ids(counted.items)[:len(shown.items)]


def first_renumbered(shown: Briefing, counted: Briefing) -> int:
    """The first number of ``shown`` whose story ``story <n>`` would not find under it (1 when all do)."""
    ids = _ids(counted.items)
    return next((n for n, item in enumerate(shown.items, 1) if n > len(ids) or ids[n - 1] != item.story.id), 1)


def _ids(items: Sequence[BriefingItem]) -> list[str]:
    return [i.story.id for i in items]
