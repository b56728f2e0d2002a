"""CLI ``channels remove KEY``: delete a stored channel and its history for good; a [[channels]] entry is refused."""

from __future__ import annotations

from bot.app import App
from bot.cli_common import err, existing_store
from bot.models import ChannelRef
from bot.plurals import counted


async def remove_channel(typed: str, app: App) -> int:
    """Delete the channel (its topics, sources, mutes, follow-ups and delivery history; the stories stay); exit 2
    for a channel the config's [[channels]] still lists (every start would make it again) or the store lacks."""
    from bot.store.channel_delete import delete_channel

    try:
        ref = ChannelRef.parse(typed.strip())
    except ValueError as exc:
        err(f"briefbot channels remove: give the channel as `briefbot channels` lists it ({exc})")
        return 2
    if ref.key in {ChannelRef.parse(item.id).key for item in app.config.channels}:
        err(
            f"briefbot channels remove: {ref.key} is a [[channels]] entry in the config: remove the entry first "
            "(the next start pauses the channel), then remove the channel here"
        )
        return 2
    slots = await delete_channel(await existing_store(app), ref.key)
    if slots < 0:
        err(f"briefbot: no channel {ref.key}; `briefbot channels` lists them")
        return 2
    print(
        f"{ref.key}: removed, with its set-up and the record of its {counted(slots, 'briefing slot')}; the "
        "stories stay in the store"
    )
    return 0
