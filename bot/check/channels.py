"""What the store holds for each [[channels]] entry (what ``run`` uses), and the file edits it has not taken: read
only, worded as ``briefbot run`` warns them at start (bot/channel_drift.py), with nothing recorded."""

from __future__ import annotations

from dataclasses import dataclass

from bot.channel_drift import config_drift, edit_warning, first_look_warning, unapplied_edits
from bot.config import Config
from bot.models import ChannelRef
from bot.store.channel_entries import ChannelEntries, Entry
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database


@dataclass(frozen=True)
class HeldChannel:
    """A [[channels]] entry's channel as stored, and ``drift``: run's start-up warning about it ("" when none),
    without the entry's name (the check line names it)."""

    channel: Channel
    drift: str = ""


async def held_channels(db: Database, config: Config) -> dict[int, HeldChannel]:
    """Index of each [[channels]] entry whose channel the store has -> that channel and its drift. Only reads: the
    entry a first look would record is not recorded, so ``run`` still says what it says."""
    store, entries = ChannelStore(db), ChannelEntries(db)
    held: dict[int, HeldChannel] = {}
    for i, item in enumerate(config.channels):
        try:
            ref = ChannelRef.parse(item.id)
        except ValueError:  # its own check line says why
            continue
        stored = await store.get(ref)
        if stored is None:
            continue
        recorded = await entries.get(ref)
        if recorded is None:
            drift = config_drift(item, stored, config.briefing.timezone, await store.seeded_topics(ref))
            warning = first_look_warning(i, item, drift)
        elif recorded.digest == Entry.of(item, config.briefing.timezone).digest:
            warning = ""
        else:
            warning = edit_warning(i, item, unapplied_edits(recorded, Entry.of(item, config.briefing.timezone),
                                                            stored)[0])
        held[i] = HeldChannel(stored, warning.removeprefix(f"channels[{i}] {item.id}: "))
    return held
