"""A briefing's parts: recorded in the ledger as each goes out (a retry posts the rest), and the stories they showed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from bot.adapter import Adapter, post_resuming
from bot.models import Briefing, ChannelRef
from bot.store.ledger import DeliveryLedger, LedgerEntry
from digests import render_discord, render_slack
from digests.parts import story_ids

Split = Callable[[Briefing], Sequence[tuple[str, ...]]]  # a briefing -> the story ids of each part, in order

# How each platform's adapter splits a briefing into messages: its renderer's split (the webhooks post the same
# messages without buttons). A platform not here (the console: one message) tells no stories of a part.
SPLITS: Mapping[str, Split] = {
    "slack": lambda b: story_ids(render_slack.briefing_parts(b)),
    "slack-webhook": lambda b: story_ids(render_slack.briefing_parts(b)),
    "discord": lambda b: story_ids(render_discord.briefing_parts(b)),
    "discord-webhook": lambda b: story_ids(render_discord.briefing_parts(b)),
}


def stories_out(platform: str, briefing: Briefing, parts_out: int) -> list[str]:
    """The stories a briefing posted on ``platform`` showed once its first ``parts_out`` parts were out (a post
    refused part-way): each one every part holding some of it went out (a story cut by the refusal is not out).
    None of them when the platform's split is unknown (``SPLITS``)."""
    split = SPLITS.get(platform)
    if split is None or parts_out <= 0:
        return []
    parts = split(briefing)
    cut = {i for held in parts[parts_out:] for i in held}
    return [i for i in dict.fromkeys(i for held in parts[:parts_out] for i in held) if i not in cut]


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
