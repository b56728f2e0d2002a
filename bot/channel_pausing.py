"""Pausing or resuming a channel's briefings: the one rule chat's ``/brief pause|resume`` and the CLI's follow."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from bot.channel_removed import removed_from_config
from bot.refusal_pause import pause_reason
from bot.store.channels import Channel, ChannelStore

PauseChange = Literal["made_personal", "unchanged", "paused", "resumed"]


async def set_paused(store: ChannelStore, before: Channel, paused: bool, now: datetime) -> PauseChange:
    """Pause or resume ``before``'s briefings: a pause of a channel paused for its refusals makes it a person's pause
    (which a briefing that goes out no longer ends, bot/refusal_pause.py); a second pause or a resume of a running
    channel changes nothing; a resume replays no slot that fell while paused (the store sets ``slots_from``) and
    clears the note of a pause for refusals or for a [[channels]] entry gone from the file."""
    if paused and pause_reason(before):
        await store.set_error(before.ref, None)
        return "made_personal"
    if before.paused == paused:
        return "unchanged"
    await store.set_paused(before.ref, paused, now=now)
    if not paused and (pause_reason(before) or removed_from_config(before)):  # the note is no longer true
        await store.set_error(before.ref, None)
    return "paused" if paused else "resumed"
