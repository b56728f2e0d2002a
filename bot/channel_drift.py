"""A [[channels]] entry edited since its channel was made from it, and not yet taken by the store: warned at start."""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from bot.config import ChannelConfig, Config
from bot.config_lines import located
from bot.models import ChannelRef
from bot.store.channel_entries import (
    ENTRY_KEYS,
    ChannelEntries,
    Entry,
    EntryValue,
    normal_quiet,
    normal_schedule,
    normal_value,
)
from bot.store.channels import Channel, ChannelStore
from digests.length import stored_length

log = logging.getLogger(__name__)


def held_values(stored: Channel) -> dict[str, EntryValue]:
    """The store's channel in the terms of ``Entry``: what it uses for each key a [[channels]] entry has."""
    return {
        "schedule": normal_schedule(stored.schedule), "timezone": stored.timezone,
        "quiet_hours": normal_quiet(stored.quiet_hours), "max_stories": stored.max_stories,
        "alerts": stored.alert_outlets,
        "length": stored.length, "languages": sorted(set(stored.languages)), "topics": sorted(set(stored.topics))}


def taken(key: str, was: EntryValue, now: EntryValue, held: EntryValue) -> bool:
    """Whether the store has the file's edit of ``key`` from ``was`` to ``now``: the same value, or for topics
    the topics the edit added and none it removed (others, added from chat, may be there too)."""
    if key != "topics" or not isinstance(was, list) or not isinstance(now, list) or not isinstance(held, list):
        return now == held
    return set(now) - set(was) <= set(held) and not (set(was) - set(now)) & set(held)


def unapplied_edits(recorded: Entry, current: Entry, stored: Channel) -> tuple[list[str], Entry]:
    """The keys edited in the file since ``recorded`` whose edit the store has not taken, each as ``schedule "every
    5m" (the entry said "every 1h"; the store has "every 4h")``; and the entry to keep recorded: ``recorded`` brought
    up to the file for the edits the store has taken and for keys it lacked (written by an older briefbot)."""
    held = held_values(stored)
    keep = dict(recorded.values)
    parts = []
    for key in ENTRY_KEYS:
        now = current.values[key]
        if key not in keep:
            keep[key] = now
        was = keep[key] = normal_value(key, keep[key])
        if was == now:
            continue
        if taken(key, was, now, held[key]):
            keep[key] = now
        else:
            parts.append(f"{key} {_shown(key, now)} (the entry said {_shown(key, was)}; the store has "
                         f"{_shown(key, held[key])})")
    return parts, Entry(keep)


def config_drift(item: ChannelConfig, stored: Channel, default_timezone: str,
                 seeded_topics: Collection[str] | None = None) -> list[str]:
    """For a channel with no recorded entry: the keys ``item`` writes (those not left at their defaults) whose value
    the stored channel does not have, as ``schedule "every 5m" (the store has "every 1h")``; [] when they agree.
    Topics are compared with ``seeded_topics`` (those the store still has from the file) when given."""
    written = {key for key, default in _DEFAULTS.items() if getattr(item, key) != default}
    wanted: dict[str, object] = {
        "schedule": normal_schedule(item.schedule), "timezone": item.timezone or default_timezone,
        "quiet_hours": normal_quiet(item.quiet_hours), "max_stories": item.max_stories, "alerts": item.alerts,
        "length": stored_length(item.length), "languages": " ".join(item.languages),
        "topics": ", ".join(sorted(set(item.topics)))}
    held: dict[str, object] = {
        "schedule": normal_schedule(stored.schedule), "timezone": stored.timezone,
        "quiet_hours": normal_quiet(stored.quiet_hours),
        "max_stories": stored.max_stories, "alerts": stored.alert_outlets, "length": stored.length,
        "languages": " ".join(stored.languages),
        "topics": ", ".join(sorted(set(stored.topics if seeded_topics is None else seeded_topics)))}
    return [f'{key} "{wanted[key]}" (the store has "{held[key]}")' for key in wanted
            if key in written and wanted[key] != held[key]]


def edit_warning(index: int, item: ChannelConfig, parts: list[str], path: str | Path | None = None) -> str:
    """One log line for an entry edited since its channel was made from it, or "" when there is no such edit."""
    if not parts:
        return ""
    return (f"{_named(index, item, path)}: the config file's {'; '.join(parts)} is not applied: {_how(item)}; "
            f"said at each start until the store has it or the entry is set back")


def first_look_warning(index: int, item: ChannelConfig, drift: list[str], path: str | Path | None = None) -> str:
    """One log line for a channel with no recorded entry whose store disagrees with the file, or "" if none."""
    if not drift:
        return ""
    return (f"{_named(index, item, path)}: the config file's {'; '.join(drift)} is not applied: {_how(item)}; "
            f"said once: the channel was not made from this entry since briefbot records it (an older version, or "
            f"made from chat), so the entry as it reads now is recorded and only later edits of it are warned about")


async def log_config_drift(config: Config, store: ChannelStore, created: Collection[ChannelRef], *, now: datetime,
                           path: str | Path | None = None) -> list[str]:
    """At start: one warning per [[channels]] entry of ``config`` (read from ``path``) edited since its channel was
    made from it, on the edits the store has not taken; a channel with no recorded entry is compared as before,
    once, and its entry recorded. Channels in ``created`` were made from the file at this start."""
    warnings = []
    for i, item in enumerate(config.channels):
        ref = ChannelRef.parse(item.id)
        stored = None if ref in created else await store.get(ref)
        warning = "" if stored is None else await _check(i, item, stored, config, store, now=now, path=path)
        if warning:
            log.warning("%s", warning)
            warnings.append(warning)
    return warnings


async def _check(index: int, item: ChannelConfig, stored: Channel, config: Config, store: ChannelStore, *,
                 now: datetime, path: str | Path | None) -> str:
    """The warning for one entry ("" for none), keeping its recorded entry up to date."""
    entries = ChannelEntries(store.db)
    current = Entry.of(item, config.briefing.timezone)
    recorded = await entries.get(stored.ref)
    if recorded is None:
        drift = config_drift(item, stored, config.briefing.timezone, await store.seeded_topics(stored.ref))
        await entries.put(stored.ref, current, now=now)
        return first_look_warning(index, item, drift, path)
    if recorded.digest == current.digest:
        return ""
    parts, keep = unapplied_edits(recorded, current, stored)
    if keep.digest != recorded.digest:
        await entries.put(stored.ref, keep, now=now)
    return edit_warning(index, item, parts, path)


def _named(index: int, item: ChannelConfig, path: str | Path | None) -> str:
    """``channels[2] slack:C0123 (config.toml, line 14)``: the entry, and where its header is in the file."""
    return f"channels[{index}] {item.id}{located(path, f'channels[{index}]')}"


def _how(item: ChannelConfig) -> str:
    return (f"a [[channels]] entry only creates the channel, which is then changed from chat or with `briefbot "
            f"schedule/subscribe/alerts/length/languages {item.id} ...` (`briefbot channels` shows what is used)")


def _shown(key: str, value: EntryValue) -> str:
    if isinstance(value, list):
        return '"' + (", " if key == "topics" else " ").join(value) + '"'
    return f'"{value}"'


_DEFAULTS = {key: getattr(ChannelConfig(), key) for key in ENTRY_KEYS}
