"""A briefing's parts recorded in the delivery ledger as each goes out, so a retry after a restart posts the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.adapter import Adapter, post_resuming
from bot.models import Briefing, ChannelRef
from bot.store.ledger import DeliveryLedger, LedgerEntry


class PartRecorder:
    """The ``on_part`` of one attempt: each new part's id appended to those the slot's row holds, in one write.

    ``checkpoint`` (tests crash there) is called with ``sentN`` before part N's write and ``recordedN`` after it
    (N counts from the briefing's first part, whichever attempt posted it). A crash between the two is the one
    window left: that part is posted again on the retry."""

    def __init__(self, ledger: DeliveryLedger, entry: LedgerEntry, *, now: datetime,
                 checkpoint: Callable[[str], None]) -> None:
        self.ledger = ledger
        self.entry = entry
        self.now = now
        self.checkpoint = checkpoint
        self.ids: list[str] = list(entry.message_ids)

    async def __call__(self, message_id: str) -> None:
        part = len(self.ids) + 1
        self.checkpoint(f"sent{part}")
        self.ids.append(message_id)
        await self.ledger.record_parts(self.entry, self.ids, now=self.now)
        self.checkpoint(f"recorded{part}")


async def post_recording(adapter: Adapter, channel: ChannelRef, briefing: Briefing, entry: LedgerEntry,
                         ledger: DeliveryLedger, *, now: datetime, checkpoint: Callable[[str], None]) -> list[str]:
    """Post a claimed slot's briefing, resuming after the parts its row records (``entry.message_ids``) and
    recording each new one as it goes out, where the adapter supports that (``bot.adapter.ResumablePost``)."""
    recorder = PartRecorder(ledger, entry, now=now, checkpoint=checkpoint)
    return await post_resuming(adapter, channel, briefing, key=entry.key, posted=entry.message_ids,
                               on_part=recorder)
