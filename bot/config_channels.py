"""Config checks of the ``[[channels]]`` entries: one entry per channel, ids of their platform's shape, schedules,
timezones, quiet hours and topics as chat reads them, lengths, languages, alert thresholds and webhooks."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from bot.channel_languages import parse_languages
from bot.config_model import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS, ChannelConfig, Config, ConfigError, collect, read_as
from bot.config_webhooks import check_webhook_channel
from bot.models import BRIEFING_LENGTHS, CHANNEL_FORMS, PLATFORMS, channel_id_problem
from bot.schedule import ScheduleError, parse_quiet_hours, parse_schedule, parse_timezone
from bot.schedule_words import canonical_schedule, config_zone


def check_channels(config: Config, skip: Collection[int] = ()) -> tuple[ChannelConfig, ...]:
    """The channel entries checked, their languages normalised; raises ConfigError naming the entry and key of every
    problem of every entry (``ConfigError.problems``), as the rest of the file is checked. ``skip``: the indexes of
    entries whose problems reading them said already."""
    errors: list[ConfigError] = []
    ids: dict[str, int] = {}
    channels = list(config.channels)
    for i, channel in enumerate(config.channels):
        if i in skip:
            continue
        collect(errors, _check_id, i, channel, ids)
        if channel.length not in BRIEFING_LENGTHS:
            errors.append(ConfigError(f"channels[{i}].length: expected full, short or headlines, "
                                      f"got {channel.length!r}"))
        languages = collect(errors, _languages, i, channel)
        channels[i] = dataclasses.replace(channel, languages=channel.languages if languages is None else languages,
                                          schedule=_schedule(channel.schedule), timezone=_timezone(channel.timezone),
                                          quiet_hours=_quiet_hours(channel.quiet_hours))
        if channel.alerts != 0 and not MIN_ALERT_OUTLETS <= channel.alerts <= MAX_ALERT_OUTLETS:
            errors.append(ConfigError(f"channels[{i}].alerts: expected 0 (off) or {MIN_ALERT_OUTLETS} to "
                                      f"{MAX_ALERT_OUTLETS} outlets, got {channel.alerts}"))
        collect(errors, check_webhook_channel, i, channel)
    if errors:
        raise ConfigError.of(errors)
    return tuple(channels)


def check_channel_configs(config: Config) -> None:
    """What ``run`` reads of the ``[[channels]]`` entries beyond loading them (a topic needs the topic parser):
    schedules, timezones, quiet hours and topics, every problem of every entry in one ConfigError naming its key
    path (``channels[2].schedule: expected "daily HH:MM", ..., got "sometimes"``)."""
    from bot.topics import parse_topic

    errors: list[ConfigError] = []
    for i, item in enumerate(config.channels):
        collect(errors, read_as, f"channels[{i}].schedule", parse_schedule, item.schedule)
        collect(errors, read_as, f"channels[{i}].timezone", config_zone, item.timezone or config.briefing.timezone)
        collect(errors, read_as, f"channels[{i}].quiet_hours", parse_quiet_hours, item.quiet_hours)
        for n, topic in enumerate(item.topics):
            collect(errors, read_as, f"channels[{i}].topics[{n}]", parse_topic, topic)
    if errors:
        raise ConfigError.of(errors)


def _check_id(i: int, channel: ChannelConfig, ids: dict[str, int]) -> None:
    """One entry per channel, its id of its platform's shape."""
    if channel.id in ids:  # two entries for one channel: which schedule and topics would win is a guess
        raise ConfigError(f"channels[{i}].id: {channel.id} is already channels[{ids[channel.id]}]; "
                          "give each channel one [[channels]] entry (several topics go in its topics list)")
    ids[channel.id] = i
    platform, _, ident = channel.id.partition(":")
    if platform not in PLATFORMS or not ident:
        raise ConfigError(f"channels[{i}].id: expected {CHANNEL_FORMS}, got {channel.id!r}")
    if problem := channel_id_problem(platform, ident):
        raise ConfigError(f"channels[{i}].id: {channel.id!r}: {problem}")


def _languages(i: int, channel: ChannelConfig) -> tuple[str, ...]:
    try:
        return parse_languages(channel.languages)
    except ValueError as exc:
        raise ConfigError(f"channels[{i}].languages: {exc}") from None


def _schedule(text: str) -> str:
    """The schedule in the form bot/schedule.py reads, from any form chat and ``briefbot schedule`` read
    (``weekdays 7:30am``, ``every monday at 9:00``, ``7pm``); one it cannot read stays as written, for the channel
    checks to name with its key path (``channels[2].schedule: expected "daily HH:MM", ...``), all problems at once.
    Read as chat stores it (``daily 8:00`` -> ``daily 08:00``): a channel made from it, then rescheduled as the drift
    warning says, compares equal."""
    return canonical_schedule(text)


def _timezone(text: str) -> str:
    """The IANA zone for a zone written in any case (``europe/brussels``), as chat and ``briefbot schedule --tz``
    read it; "" (``[briefing] timezone``) and one it cannot read stay as written, for the channel checks to name
    (``channels[2].timezone: unknown timezone ...``)."""
    if not text:
        return text
    try:
        parse_timezone(text)
        return text
    except ScheduleError:
        pass
    from bot.schedule_words import spoken_zone

    try:
        return parse_timezone(spoken_zone(text)).key
    except ScheduleError:
        return text


def _quiet_hours(text: str) -> str:
    """Quiet hours in the form bot/schedule.py reads (``22:00-07:00``) from any form chat reads (``22-7``,
    ``10pm-7am``); one it cannot read stays as written, for the channel checks to name."""
    try:
        parse_quiet_hours(text)
        return text
    except ScheduleError:
        pass
    from bot.schedule_words import spoken_quiet

    spoken = spoken_quiet(text)
    try:
        parse_quiet_hours(spoken)
        return spoken
    except ScheduleError:
        return text
