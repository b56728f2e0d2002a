"""CLI ``channels pause KEY`` and ``channels resume KEY``: chat's ``/brief pause`` and ``/brief resume``."""

from __future__ import annotations

from bot.app import App
from bot.cli_common import err
from bot.models import ChannelRef


async def pause_channel(typed: str, app: App, *, paused: bool) -> int:
    """Pause or resume the channel's scheduled briefings as chat does (a resume replays no slot that fell while
    paused, and clears the reason of a pause for refusals or for a [[channels]] entry gone from the file; a pause
    of a channel paused for refusals makes it a person's pause); exit 2 for a channel the store lacks."""
    from bot.channel_pausing import set_paused
    from bot.channel_removed import removed_from_config
    from bot.cli_channels import channel_store, local_time
    from bot.store.channel_entries import ChannelEntries

    verb = "pause" if paused else "resume"
    try:
        ref = ChannelRef.parse(typed.strip())
    except ValueError as exc:
        err(f"briefbot channels {verb}: give the channel as `briefbot channels` lists it ({exc})")
        return 2
    store = await channel_store(app)  # a [[channels]] entry `run` has not made yet is made first, as `post` does
    before = await store.get(ref)
    if before is None:
        err(f"briefbot: no channel {ref.key}; `briefbot channels` lists them")
        return 2
    now = app.clock()
    was_removed = removed_from_config(before)
    change = await set_paused(store, before, paused, now)  # bot/channel_pausing.py, as chat's pause and resume
    if change == "made_personal":  # as chat: a person's pause now, which a briefing that goes out won't end
        print(
            f"{ref.key}: briefings stay paused, now because you paused them: they had been paused after the "
            f"channel refused them; `briefbot channels resume {ref.key}` restarts them"
        )
        return 0
    if change == "unchanged":
        print(f"{ref.key}: briefings were already paused" if paused else f"{ref.key}: briefings were not paused")
        return 0
    if change == "paused":
        print(f"{ref.key}: briefings paused; `briefbot channels resume {ref.key}` restarts them")
        return 0
    channel = await store.get(ref)
    assert channel is not None
    from bot.commands.describe_channel import next_briefing

    print(f"{ref.key}: briefings resumed; next {local_time(next_briefing(channel, now), channel.timezone)}")
    listed = {ChannelRef.parse(item.id).key for item in app.config.channels}
    if ref.key in listed:
        return 0
    if was_removed:  # its entry's record was dropped when it was paused (bot/channel_removed.py): never paused again
        err(
            f"briefbot channels resume: note: {ref.key}: its [[channels]] entry is no longer in the config file: "
            f"it stays resumed, as a channel made from chat; `briefbot channels remove {ref.key}` deletes it"
        )
    elif await ChannelEntries(store.db).get(ref) is not None:
        err(
            f"briefbot channels resume: warning: {ref.key}: its [[channels]] entry is no longer in the config "
            "file: the next start of `briefbot run` pauses it again; put the entry back to keep briefing it, or "
            f"`briefbot channels remove {ref.key}` deletes it and its history for good"
        )
    return 0
