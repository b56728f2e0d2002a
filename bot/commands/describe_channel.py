"""How a channel's set-up reads to a person (schedule, next briefing, topics, length, languages, alerts): one
wording for ``/brief``, ``briefbot channels`` and the Home tab."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from bot.answer.plain import echoed_code
from bot.commands.channel_context import when
from bot.commands.language_input import named_languages
from bot.models import BriefingLength
from bot.schedule import ScheduleError, next_slot, parse_quiet_hours, parse_schedule, parse_timezone
from bot.store.channels import Channel
from digests.length import DESCRIPTIONS


def next_briefing(channel: Channel, now: datetime) -> datetime | None:
    """When the channel's next scheduled briefing is due after ``now``; None while it is paused or when its
    stored schedule cannot be read (a zone this machine's tz database lacks)."""
    if channel.paused:
        return None
    try:
        return next_slot(parse_schedule(channel.schedule), parse_timezone(channel.timezone), now,
                         parse_quiet_hours(channel.quiet_hours))
    except ScheduleError:
        return None


def next_briefing_line(channel: Channel, now: datetime) -> str:
    """``Next briefing: Tue 02 Jun 07:30 CEST.`` in the channel's zone, or that briefings are paused."""
    if channel.paused:
        return "Briefings are paused (`resume` restarts them)."
    try:
        return f"Next briefing: {when(next_briefing(channel, now), channel.timezone)}."
    except ScheduleError as exc:
        return f"Next briefing: unknown ({exc})."


def quiet_warning(channel: Channel) -> str:
    """A line saying which of the channel's briefing times fall inside its quiet hours (they wait until the hours
    end): "08:00 falls inside quiet hours (07:00-22:00): the briefing waits until they end at 22:00."; "" when none
    does, or when an interval schedule (``every 4h``, a cron with ``*``) has some outside them."""
    try:
        schedule, quiet = parse_schedule(channel.schedule), parse_quiet_hours(channel.quiet_hours)
    except ScheduleError:
        return ""
    if quiet is None:
        return ""
    inside = [f"{h:02d}:{m:02d}" for h, m in schedule.times if quiet.contains(time(h, m))]
    interval = bool(schedule.every) or schedule.repeated_twice
    if not inside or (interval and len(inside) < len(schedule.times)):
        return ""
    hours = f"quiet hours ({channel.quiet_hours}): "
    end = f"until they end at {quiet.end:%H:%M}."
    if len(inside) == len(schedule.times) > 1:
        return f"Every briefing time falls inside {hours}briefings wait {end}"
    if len(schedule.times) == 1:
        return f"{inside[0]} falls inside {hours}the briefing waits {end}"
    if len(inside) == 1:
        return f"{inside[0]} falls inside {hours}that briefing waits {end}"
    return f"{', '.join(inside)} fall inside {hours}those briefings wait {end}"


def schedule_line(channel: Channel) -> str:
    """``weekdays 07:30`` (Europe/Brussels, quiet 22:00-07:00)."""
    quiet = f", quiet {channel.quiet_hours}" if channel.quiet_hours else ""
    return f"`{channel.schedule}` ({channel.timezone}{quiet})"


def topics_line(topics: Sequence[str]) -> str:
    """Each topic as code: `NATO`, `"Mark Rutte" OR Stoltenberg`."""
    return ", ".join(echoed_code(topic) for topic in topics)


def length_line(length: BriefingLength) -> str:
    """``short (one summary sentence per story ...)``."""
    return f"{length} ({DESCRIPTIONS[length]})"


def languages_line(codes: Sequence[str]) -> str:
    """``English (en), French (fr)`` or ``all languages``, as the ``languages`` replies name them."""
    return named_languages(codes)


def alerts_line(outlets: int) -> str:
    """``on at 3 outlets`` or ``off``."""
    return f"on at {outlets} outlets" if outlets > 0 else "off"
