"""Stored channels whose timezone is a fixed offset ("EST", "GMT"): the warning ``check`` and ``run``'s start give."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.schedule_words import fixed_zone_advice, fixed_zone_place
from bot.store.channels import Channel

log = logging.getLogger(__name__)


def fixed_zone_warnings(channels: Iterable[Channel]) -> list[tuple[str, str]]:
    """``(channel key, warning)`` for each channel stored with a fixed-offset zone (set in chat before chat refused
    them, or made from a [[channels]] entry that wrote one): its briefings keep that offset all year; the place's
    zone to set, and how."""
    found = []
    for channel in channels:
        advice = fixed_zone_advice(channel.timezone)
        if not advice:
            continue
        place, key = fixed_zone_place(channel.timezone), channel.ref.key
        found.append(
            (
                key,
                f"its schedule as stored, {channel.schedule} ({channel.timezone}): {advice}; set it with "
                f'`schedule tz {place}` in the channel or `briefbot schedule {key} "{channel.schedule}" '
                f"--tz {place}`",
            )
        )
    return found


def log_fixed_zones(channels: Iterable[Channel]) -> None:
    """At start: one warning per stored channel on a fixed-offset zone."""
    for key, warning in fixed_zone_warnings(channels):
        log.warning("%s: %s", key, warning)
