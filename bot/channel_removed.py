"""A channel made from a [[channels]] entry no longer in the config file: paused at start, resumed when it is back."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from bot.config import Config
from bot.models import ChannelRef
from bot.store.channel_entries import ChannelEntries
from bot.store.channels import Channel, ChannelStore

log = logging.getLogger(__name__)

# the paused channel's last_error (`briefbot channels` shows it); a channel paused so is resumed when its entry is back
REMOVED_NOTE = "briefings paused: its [[channels]] entry is no longer in the config file"


def removed_from_config(channel: Channel) -> bool:
    """Whether ``channel`` is paused because its [[channels]] entry left the config file (not by a person)."""
    return channel.paused and (channel.last_error or "").startswith(REMOVED_NOTE)


def removed_warning(channel: Channel, path: str | Path | None, *, still: bool, pending: bool = False) -> str:
    """``pending``: not paused yet (``briefbot check`` says what the next start of ``run`` will do)."""
    where = f" ({Path(path).name})" if path else ""
    done = "still paused" if still else "paused, its history kept"
    back = "brief it again (resumed at the next start)"
    if pending:
        done, back = "to be paused at the next start of `briefbot run`, its history kept", "keep briefing it"
    return (
        f"channel {channel.key}: made from a [[channels]] entry that is no longer in the config file{where}: its "
        f"briefings are {done}; put the entry back to {back}, or `briefbot channels remove {channel.key}` deletes it "
        "and its history for good"
    )


def _listed(config: Config) -> set[str]:
    keys = set()
    for item in config.channels:
        try:
            keys.add(ChannelRef.parse(item.id).key)
        except ValueError:  # a bad id: the config's own check says why
            continue
    return keys


async def removed_channel_warnings(
    config: Config, store: ChannelStore, *, path: str | Path | None = None
) -> list[tuple[str, str]]:
    """Read only, for ``briefbot check``: (channel key, warning) for each stored channel made from an entry the file no
    longer has, paused for it (``still``) or to be paused at the next start (``pending``), as ``run`` words them."""
    listed, entries = _listed(config), ChannelEntries(store.db)
    out = []
    for channel in await store.all():
        if channel.key in listed:
            continue
        if removed_from_config(channel):
            out.append((channel.key, removed_warning(channel, path, still=True)))
        elif await entries.get(channel.ref) is not None:
            out.append((channel.key, removed_warning(channel, path, still=False, pending=True)))
    return out


async def settle_removed_channels(
    config: Config, store: ChannelStore, *, now: datetime, path: str | Path | None = None
) -> list[str]:
    """At start, after the config's channels are seeded: a stored channel made from an entry (its entry recorded)
    that the file no longer has is paused with ``REMOVED_NOTE`` and its record dropped (a ``/brief resume`` after
    that is not undone at the next start); one WARNING each, said again at each start while it stays paused so.
    One paused so whose entry is back is resumed. A channel made in chat or by a command is not touched."""
    listed = _listed(config)
    entries = ChannelEntries(store.db)
    warnings = []
    for channel in await store.all():
        if channel.key in listed:
            if removed_from_config(channel):
                await store.set_paused(channel.ref, False, now=now)
                await store.set_error(channel.ref, None)
                log.info(
                    "channel %s: its [[channels]] entry is back in the config file: briefings resumed", channel.key
                )
            continue
        if removed_from_config(channel):
            warnings.append(removed_warning(channel, path, still=True))
        elif await entries.get(channel.ref) is not None:
            await store.set_paused(channel.ref, True, now=now)
            await store.set_error(channel.ref, f"{REMOVED_NOTE}; put it back, or `briefbot channels remove`")
            await entries.drop(channel.ref)
            warnings.append(removed_warning(channel, path, still=False))
    for warning in warnings:
        log.warning("%s", warning)
    return warnings
