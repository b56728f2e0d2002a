"""Schedules, quiet hours and timezones as people type them (``weekdays 7am``, ``every weekday at 7:00``, ``22-7``,
``europe/bucharest``) made into the forms bot/schedule.py reads; light: the config reads them without bot.commands."""

from __future__ import annotations

import difflib
import re
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from bot.schedule import DAYS, ScheduleError, parse_schedule, parse_timezone

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$")
_WEEKDAYS = ("weekdays", "weekday", "mon-fri", "monday-friday", "workdays")
_DAILY = ("daily", "day", "everyday")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # in DAYS' order
_MERIDIEM = re.compile(r"(\d)\s*([ap])\.?m\b\.?")  # "7 p.m.", "7 am" -> "7pm", "7am"
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?00)?$", re.IGNORECASE)


def _clock(word: str) -> str | None:
    """``7am`` -> ``07:00``, ``7:30pm`` -> ``19:30``, ``7.30`` -> ``07:30``; None when it is no time; ScheduleError
    when it is a time that does not exist (``25:00``)."""
    m = _CLOCK.match(word)
    if m is None or (m.group(2) is None and m.group(3) is None):
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if half is not None:
        if not 1 <= hour <= 12:
            raise ScheduleError(f'"{word}" is not a time of day: with am/pm the hour is 1 to 12')
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(f'"{word}" is not a time of day: hours go from 00 to 23 and minutes from 00 to 59')
    return f"{hour:02d}:{minute:02d}"


def spoken_schedule(text: str) -> str:
    """The schedule form for what was typed: ``weekdays 7am``, ``every weekday at 7:00`` and ``mon-fri 07:00`` ->
    ``weekdays 07:00``; ``at 8:00`` or ``8am`` -> ``daily 08:00``; ``every monday at 9:00`` -> ``weekly mon 09:00``.
    Anything else (``every 4h``, cron, a form it does not know) comes back as typed for the parser to judge."""
    words = [w for w in _MERIDIEM.sub(r"\1\2m", text.lower()).replace(" at ", " ").split() if w != "at"]
    if words[:1] == ["every"] and len(words) > 1 and not words[1][:1].isdigit():
        words = words[1:]  # "every weekday 7:00", "every day 8:00", "every monday 9:00"
    times = [_clock(w) for w in words]
    if not words or times[-1] is None or any(t is not None for t in times[:-1]):
        return text
    at = times[-1]
    kind = words[:-1]
    if not kind or kind in ([d] for d in _DAILY):
        return f"daily {at}"
    if kind in ([d] for d in _WEEKDAYS):
        return f"weekdays {at}"
    day = _day(kind[-1])
    if day is not None and len(set(kind[:-1])) == len(kind) - 1 and set(kind[:-1]) <= {"weekly", "on"}:
        return f"weekly {day} {at}"
    return text


def canonical_schedule(text: str) -> str:
    """A schedule as chat and ``briefbot schedule`` store it: read by chat's reader, then the parser's spec (``8am``,
    ``daily 8:00`` -> ``daily 08:00``; ``Every  1h`` -> ``every 1h``); as written when neither reads it."""
    try:
        return parse_schedule(spoken_schedule(text)).spec
    except ScheduleError:  # chat's reader refused it (``25:00``) or the parser did: the parser's word on it as written
        pass
    try:
        return parse_schedule(text).spec
    except ScheduleError:
        return text


def _day(word: str) -> str | None:
    """``mon``, ``monday`` or ``mondays`` -> ``mon``; None for anything else (``mon-sun``, ``mon,wed``)."""
    day = word[:3]
    if day not in DAYS:
        return None
    full = _DAY_NAMES[DAYS.index(day)]
    return day if word in (day, day + "s", full, full + "s") else None


_RANGE = re.compile(r"^\s*(\S+?)\s*(?:-|–|\bto\b)\s*(\S+)\s*$", re.IGNORECASE)


def spoken_quiet(text: str) -> str:
    """Quiet hours as typed (``22-7``, ``10pm-7am``, ``22:00 to 07:00``) -> ``22:00-07:00``; ``off`` and what it
    cannot read come back as typed."""
    m = _RANGE.match(text)
    if m is None:
        return text
    ends = [f"{int(w):02d}:00" if w.isdecimal() and len(w) <= 2 and int(w) <= 23 else _clock(w.lower())
            for w in m.groups()]
    return text if None in ends else f"{ends[0]}-{ends[1]}"


@cache
def _zones() -> dict[str, str]:
    """Every IANA zone name by its lower case (read once)."""
    return {name.lower(): name for name in available_timezones()}


def fixed_zone_advice(text: str) -> str:
    """What chat says of a zone name that zoneinfo knows as a fixed offset (EST as UTC-5, GMT as UTC+0, all year):
    the place's zone to write instead; "" for any other name. `briefbot check` warns with it (bot/check)."""
    name = text.strip()
    if name.lower() not in _FIXED:
        return ""
    place, keep = _FIXED[name.lower()]
    return (f'"{name}" is a fixed offset that never follows summer time; write the place\'s zone, which does: '
            f"{place} (or {keep} to keep {name}'s time all year)")


def fixed_zone_place(text: str) -> str:
    """The place's zone ``fixed_zone_advice`` names first for ``text`` (``EST`` -> ``America/New_York``); "" for a
    name it says nothing of."""
    found = _FIXED.get(text.strip().lower())
    return found[0].split(" ", 1)[0] if found is not None else ""


def spoken_zone(text: str) -> str:
    """The IANA name for a zone typed in any case (``europe/bucharest`` -> ``Europe/Bucharest``, ``utc`` -> ``UTC``);
    a fixed offset (``UTC+2``) is refused with the zone to write instead, since it never follows summer time."""
    name = text.strip()
    fixed = fixed_zone_advice(name)
    if fixed:
        raise ScheduleError(fixed)
    fixed = offset_zone_advice(name)
    if fixed:
        raise ScheduleError(fixed)
    return _zones().get(name.lower().replace(" ", "_"), name)


def offset_zone_advice(text: str) -> str:
    """What chat says of an offset zoneinfo has no zone for (``UTC+2``, ``GMT-5``, ``+02:00``): the place's zone to
    write, since an offset never follows summer time, or the Etc/ zone that keeps it; "" for any other name."""
    name = text.strip()
    offset = _OFFSET.match(name)
    if offset is None or name.lower() in _zones():
        return ""
    sign, hours = offset.group(1), int(offset.group(2))
    fixed = f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"  # the Etc/ zones' signs are inverted
    return (f'"{name}" is a fixed offset; write the place\'s zone, which follows its summer time '
            f"(e.g. Europe/Bucharest, America/New_York), or {fixed} to keep UTC{sign}{hours} all year")


def config_zone(text: str) -> ZoneInfo:
    """A timezone of the config file: any zone zoneinfo reads (EST and GMT load, `briefbot check` warns with
    ``fixed_zone_advice``); an offset it cannot read (``UTC+2``) is refused with chat's advice, else as unknown."""
    try:
        return parse_timezone(text)
    except ScheduleError:
        advice = offset_zone_advice(text)
        if advice:
            raise ScheduleError(advice) from None
        raise


_NEW_YORK, _CHICAGO, _DENVER, _LOS_ANGELES = "America/New_York", "America/Chicago", "America/Denver (or " \
    "America/Phoenix, which keeps MST all year)", "America/Los_Angeles"
_LONDON = "Europe/London"
# zoneinfo's fixed-offset abbreviations: the place zone to write instead, and the zone that keeps the offset
_FIXED = {"est": (_NEW_YORK, "Etc/GMT+5"), "mst": (_DENVER, "Etc/GMT+7"), "hst": ("Pacific/Honolulu", "Etc/GMT+10"),
          **{gmt: (_LONDON, "UTC") for gmt in ("gmt", "gmt0", "gmt+0", "gmt-0", "greenwich")}}
# abbreviations zoneinfo does not know, as people write them: the place zone meant
_SPOKEN = {"edt": _NEW_YORK, "cst": _CHICAGO, "cdt": _CHICAGO, "mdt": _DENVER, "pst": _LOS_ANGELES,
           "pdt": _LOS_ANGELES, "akst": "America/Anchorage", "akdt": "America/Anchorage", "hdt": "Pacific/Honolulu",
           "ast": "America/Halifax", "adt": "America/Halifax", "nst": "America/St_Johns", "bst": _LONDON,
           "ist": "Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)",
           "cest": "Europe/Paris (or Europe/Berlin, Europe/Brussels, ...)",
           "eest": "Europe/Athens (or Europe/Bucharest, Europe/Helsinki, ...)", "west": "Europe/Lisbon",
           "msk": "Europe/Moscow", "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "hkt": "Asia/Hong_Kong",
           "sgt": "Asia/Singapore", "aest": "Australia/Sydney (or Australia/Brisbane, which keeps AEST all year)",
           "aedt": "Australia/Sydney", "acst": "Australia/Adelaide", "acdt": "Australia/Adelaide",
           "awst": "Australia/Perth", "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland"}


def zone_key(typed: str) -> str:
    """The IANA zone for ``typed`` (``spoken_zone``), as chat and ``briefbot schedule --tz`` read it; ScheduleError
    naming the zone meant when there is no such zone: the place for an abbreviation (``PST``), the zone a city name
    ends (``Bucharest``), else the closest name (``Europe/Bucharst``)."""
    name = spoken_zone(typed)
    try:
        return parse_timezone(name).key
    except ScheduleError:
        pass
    key = name.lower().replace(" ", "_")
    if key in _SPOKEN:
        raise ScheduleError(f'unknown timezone "{typed}": write the place\'s zone, which follows its summer time: '
                            f"{_SPOKEN[key]}") from None
    cities = sorted((zone for zone in _zones().values() if zone.lower().rsplit("/", 1)[-1] == key and "/" in zone),
                    key=lambda zone: (zone.count("/"), zone))
    close = cities[:1] or [_zones()[z] for z in difflib.get_close_matches(key, _zones(), n=1, cutoff=0.75)]
    hint = f"did you mean {close[0]}?" if close else \
        "give an IANA zone name, a region and a city (Europe/Brussels, America/New_York), or UTC"
    raise ScheduleError(f'unknown timezone "{typed}": {hint}') from None
