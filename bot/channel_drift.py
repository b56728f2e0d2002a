"""Where a [[channels]] entry differs from the channel the store holds: the file only creates, the store rules after."""

from __future__ import annotations

import logging
from collections.abc import Collection

from bot.config import ChannelConfig, Config
from bot.models import ChannelRef
from bot.schedule import ScheduleError, parse_schedule
from bot.store.channels import Channel, ChannelStore
from digests.length import stored_length

log = logging.getLogger(__name__)


def config_drift(item: ChannelConfig, stored: Channel, default_timezone: str,
                 seeded_topics: Collection[str] | None = None) -> list[str]:
    """The keys ``item`` writes (those not left at their defaults) whose value the stored channel does not have, as
    ``schedule "every 5m" (the store has "every 1h")``; [] when they agree. Topics are compared with
    ``seeded_topics`` (those the store still has from the file) when given: topics added from chat are not the
    file's."""
    written = {key for key, default in _DEFAULTS.items() if getattr(item, key) != default}
    wanted: dict[str, object] = {
        "schedule": _schedule(item.schedule), "timezone": item.timezone or default_timezone,
        "quiet_hours": item.quiet_hours, "max_stories": item.max_stories, "alerts": item.alerts,
        "length": stored_length(item.length), "languages": " ".join(item.languages),
        "topics": ", ".join(sorted(set(item.topics)))}
    held: dict[str, object] = {
        "schedule": _schedule(stored.schedule), "timezone": stored.timezone, "quiet_hours": stored.quiet_hours,
        "max_stories": stored.max_stories, "alerts": stored.alert_outlets, "length": stored.length,
        "languages": " ".join(stored.languages),
        "topics": ", ".join(sorted(set(stored.topics if seeded_topics is None else seeded_topics)))}
    return [f'{key} "{wanted[key]}" (the store has "{held[key]}")' for key in wanted
            if key in written and wanted[key] != held[key]]


def drift_warning(index: int, item: ChannelConfig, stored: Channel, default_timezone: str,
                  seeded_topics: Collection[str] | None = None) -> str:
    """One log line naming what the file says and the store does not, or "" when they agree."""
    drift = config_drift(item, stored, default_timezone, seeded_topics)
    if not drift:
        return ""
    return (f"channels[{index}] {item.id}: the config file's {'; '.join(drift)} is not applied: a [[channels]] entry "
            f"only creates the channel, which is then changed from chat or with `briefbot schedule/subscribe/alerts/"
            f"length/languages {item.id} ...` (`briefbot channels` shows what is used)")


async def log_config_drift(config: Config, store: ChannelStore, created: Collection[ChannelRef]) -> list[str]:
    """At start: one warning per [[channels]] entry the store's channel (made before this start) disagrees with, on
    the keys the entry writes (a channel changed from chat, its file unchanged, is no drift)."""
    warnings = []
    for i, item in enumerate(config.channels):
        ref = ChannelRef.parse(item.id)
        stored = None if ref in created else await store.get(ref)
        warning = "" if stored is None else drift_warning(
            i, item, stored, config.briefing.timezone, await store.seeded_topics(ref))
        if warning:
            log.warning("%s", warning)
            warnings.append(warning)
    return warnings


_DEFAULTS = {key: getattr(ChannelConfig(), key) for key in (
    "schedule", "timezone", "quiet_hours", "max_stories", "alerts", "length", "languages", "topics")}


def _schedule(text: str) -> str:
    try:
        return parse_schedule(text).spec
    except ScheduleError:
        return text
