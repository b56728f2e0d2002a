"""Config checks of the ``[[channels]]`` entries: one entry per channel, ids of their platform's shape, schedules as
chat reads them, lengths, languages, alert thresholds and webhooks."""

from __future__ import annotations

import dataclasses

from bot.channel_languages import parse_languages
from bot.config_model import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS, ChannelConfig, Config, ConfigError
from bot.config_webhooks import check_webhook_channel
from bot.models import BRIEFING_LENGTHS, CHANNEL_FORMS, PLATFORMS, channel_id_problem
from bot.schedule import ScheduleError, parse_schedule


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
        channels[i] = dataclasses.replace(channel, languages=languages, schedule=_schedule(channel.schedule))
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


def _schedule(text: str) -> str:
    """The schedule in the form bot/schedule.py reads, from any form chat and ``briefbot schedule`` read
    (``weekdays 7:30am``, ``every monday at 9:00``, ``7pm``); one it cannot read stays as written, for the channel
    checks to name with its key path (``channels[2].schedule: expected "daily HH:MM", ...``), all problems at once."""
    try:
        parse_schedule(text)
        return text  # as written: stored channels seeded from it compare equal
    except ScheduleError:
        pass
    # chat's reader, imported only for a schedule not already in the parser's form: bot.commands imports much
    from bot.commands.schedule_input import spoken_schedule

    try:
        return parse_schedule(spoken_schedule(text)).spec
    except ScheduleError:
        return text
