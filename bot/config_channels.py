"""Config checks of the ``[[channels]]`` entries: one entry per channel, ids of their platform's shape, lengths,
languages, alert thresholds and webhooks."""

from __future__ import annotations

import dataclasses

from bot.channel_languages import parse_languages
from bot.config_model import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS, ChannelConfig, Config, ConfigError
from bot.config_webhooks import check_webhook_channel
from bot.models import BRIEFING_LENGTHS, CHANNEL_FORMS, PLATFORMS, channel_id_problem


def check_channels(config: Config) -> tuple[ChannelConfig, ...]:
    """The channel entries checked, their languages normalised; raises ConfigError naming the entry and key."""
    webhooks: dict[str, int] = {}
    ids: dict[str, int] = {}
    channels = list(config.channels)
    for i, channel in enumerate(config.channels):
        if channel.id in ids:  # two entries for one channel: which schedule and topics would win is a guess
            raise ConfigError(f"channels[{i}].id: {channel.id} is already channels[{ids[channel.id]}]; "
                              "give each channel one [[channels]] entry (several topics go in its topics list)")
        ids[channel.id] = i
        if channel.length not in BRIEFING_LENGTHS:
            raise ConfigError(f"channels[{i}].length: expected full, short or headlines, got {channel.length!r}")
        try:
            languages = parse_languages(channel.languages)
        except ValueError as exc:
            raise ConfigError(f"channels[{i}].languages: {exc}") from None
        channels[i] = dataclasses.replace(channel, languages=languages)
        if channel.alerts != 0 and not MIN_ALERT_OUTLETS <= channel.alerts <= MAX_ALERT_OUTLETS:
            raise ConfigError(f"channels[{i}].alerts: expected 0 (off) or {MIN_ALERT_OUTLETS} to "
                              f"{MAX_ALERT_OUTLETS} outlets, got {channel.alerts}")
        platform, _, ident = channel.id.partition(":")
        if platform not in PLATFORMS or not ident:
            raise ConfigError(f"channels[{i}].id: expected {CHANNEL_FORMS}, got {channel.id!r}")
        if problem := channel_id_problem(platform, ident):
            raise ConfigError(f"channels[{i}].id: {channel.id!r}: {problem}")
        check_webhook_channel(i, channel, webhooks)
    return tuple(channels)
