"""Config checks of the ``[[channels]]`` entries: one entry per channel, ids of their platform's shape, schedules,
timezones, quiet hours and topics as chat reads them, lengths, languages, alert thresholds and webhooks."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from bot.channel_languages import parse_languages
from bot.config_model import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS, ChannelConfig, Config, ConfigError, collect, read_as
from bot.config_tables import named_keys
from bot.config_webhooks import check_webhook_channel
from bot.models import BRIEFING_LENGTHS, CHANNEL_FORMS, PLATFORMS, channel_id_problem
from bot.schedule import ScheduleError, parse_quiet_hours, parse_schedule, parse_timezone
from bot.schedule_words import canonical_schedule, config_zone


def check_channels_kept(config: Config, skip: Collection[tuple[int, str]] = ()) -> tuple[tuple[ChannelConfig, ...],
                                                                                       list[ConfigError]]:
    """The channel entries with their schedules, timezones and quiet hours in the forms bot/schedule.py reads and
    their languages normalised, and every problem of every entry. ``skip``: ``(index, key)`` of the keys reading
    them named already (``named_keys``), read as their defaults, so not named again; ``(index, "")``: the whole
    entry."""
    errors: list[ConfigError] = []
    ids: dict[str, int] = {}
    channels = list(config.channels)
    for i, channel in enumerate(config.channels):
        if (i, "") in skip:
            continue
        found: list[ConfigError] = []
        collect(found, _check_id, i, channel, ids)
        if channel.length not in BRIEFING_LENGTHS:
            found.append(ConfigError(f"channels[{i}].length: expected full, short or headlines, "
                                     f"got {channel.length!r}"))
        languages = collect(found, _languages, i, channel)
        channels[i] = dataclasses.replace(channel, languages=channel.languages if languages is None else languages,
                                          schedule=_schedule(channel.schedule), timezone=_timezone(channel.timezone),
                                          quiet_hours=_quiet_hours(channel.quiet_hours))
        if channel.alerts != 0 and not MIN_ALERT_OUTLETS <= channel.alerts <= MAX_ALERT_OUTLETS:
            found.append(ConfigError(f"channels[{i}].alerts: expected 0 (off) or {MIN_ALERT_OUTLETS} to "
                                     f"{MAX_ALERT_OUTLETS} outlets, got {channel.alerts}"))
        collect(found, check_webhook_channel, i, channel)
        errors += _unsaid(found, i, skip)
    return tuple(channels), errors


def check_channel_configs(config: Config, skip: Collection[tuple[int, str]] = ()) -> None:
    """What ``run`` reads of the ``[[channels]]`` entries beyond loading them (a topic needs the topic parser):
    schedules, timezones, quiet hours and topics, every problem of every entry in one ConfigError naming its key
    path (``channels[2].schedule: expected "daily HH:MM", ..., got "sometimes"``). ``skip`` as for
    ``check_channels_kept``: a file with other problems has these said with them."""
    from bot.topics import parse_topic

    errors: list[ConfigError] = []
    for i, item in enumerate(config.channels):
        if (i, "") in skip:
            continue
        found: list[ConfigError] = []
        collect(found, read_as, f"channels[{i}].schedule", parse_schedule, item.schedule)
        if item.timezone:  # "" is [briefing] timezone's, checked with it
            collect(found, read_as, f"channels[{i}].timezone", config_zone, item.timezone)
        collect(found, read_as, f"channels[{i}].quiet_hours", parse_quiet_hours, item.quiet_hours)
        for n, topic in enumerate(item.topics):
            collect(found, read_as, f"channels[{i}].topics[{n}]", parse_topic, topic)
        errors += _unsaid(found, i, skip)
    if errors:
        raise ConfigError.of(errors)


def _unsaid(found: list[ConfigError], i: int, skip: Collection[tuple[int, str]]) -> list[ConfigError]:
    """The problems of entry ``i`` whose key was not named already (one read as its default: an id that is
    missing, "")."""
    said = {key for index, key in skip if index == i}
    return [e for e in found if not said & {key for _, key in named_keys([e], "channels")}]


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
