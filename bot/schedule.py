"""Briefing schedules: parse daily/weekdays/weekly/every/cron specs; compute due slots in local time, DST-safe."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_EVERY = re.compile(r"^(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?)$")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = dict(zip(DAYS, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                     strict=True))
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SEARCH_LIMIT = timedelta(days=366 * 5)  # a cron for 29 February can wait four years
FORMS = '"daily HH:MM", "weekdays HH:MM", "weekly mon HH:MM", "every 4h" or a cron expression like "0 8 * * 1-5"'


class ScheduleError(ValueError):
    """A schedule, timezone or quiet-hours text that cannot be understood (one clear line)."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """Local wall-clock times on matching days (cron day rules: day-of-month OR weekday when both set)."""

    spec: str
    times: tuple[tuple[int, int], ...]  # (hour, minute), sorted
    months: frozenset[int] = frozenset(range(1, 13))
    monthdays: frozenset[int] = frozenset(range(1, 32))
    weekdays: frozenset[int] = frozenset(range(7))  # Monday = 0
    monthdays_set: bool = False
    weekdays_set: bool = False
    every: int = 0  # minutes between slots for "every N" (0: not an interval schedule)
    repeated_twice: bool = False  # a wall time the clocks go back over runs on both passes (every, cron with *)

    def runs_on(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        by_monthday = day.day in self.monthdays
        by_weekday = day.weekday() in self.weekdays
        if self.monthdays_set and self.weekdays_set:
            return by_monthday or by_weekday
        return by_monthday and by_weekday


def _hhmm(text: str, form: str, spec: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split(","):
        m = _HHMM.match(part.strip())
        if not m:
            raise ScheduleError(f'expected "{form}", got "{spec}"')
        out.append((int(m.group(1)), int(m.group(2))))
    return sorted(set(out))


def parse_schedule(text: str) -> Schedule:
    """Parse a schedule spec; ScheduleError says which form was expected and what was given."""
    spec = " ".join(text.strip().split())
    low = spec.lower()
    head, _, rest = low.partition(" ")
    if head == "daily":
        return Schedule(f"daily {rest}", tuple(_hhmm(rest, "daily HH:MM", spec)))
    if head == "weekdays":
        return Schedule(f"weekdays {rest}", tuple(_hhmm(rest, "weekdays HH:MM", spec)),
                        weekdays=frozenset(range(5)), weekdays_set=True)
    if head == "weekly":
        day, _, at = rest.partition(" ")
        if day[:3] not in DAYS or not at:
            raise ScheduleError(f'expected "weekly DAY HH:MM" (DAY one of {", ".join(DAYS)}), got "{spec}"')
        return Schedule(f"weekly {day[:3]} {at}", tuple(_hhmm(at, "weekly DAY HH:MM", spec)),
                        weekdays=frozenset({DAYS.index(day[:3])}), weekdays_set=True)
    if head == "every":
        return _every(rest, spec)
    if head == "cron":  # "cron 0 7 * * 1-5", or with the expression quoted: the same as the bare expression
        fields = spec.partition(" ")[2].strip().strip("\"'").split()
        if len(fields) != 5:
            raise ScheduleError(f"a cron expression has 5 fields (minute hour day-of-month month day-of-week), "
                                f'got {len(fields)} in "{spec}"')
        return _cron(" ".join(fields))
    if len(spec.split()) == 5:
        return _cron(spec)
    if _HHMM.match(low) or re.match(r"^\d{1,2}[.h]\d{2}$", low):
        raise ScheduleError(f'expected "daily HH:MM", got "{spec}"')
    raise ScheduleError(f'expected {FORMS}, got "{spec}"')


_WEEKDAY_WORDS = ("weekday", "weekdays", "workday", "workdays")  # "every weekday": Monday to Friday


def _day_schedule(word: str) -> tuple[str, str, str] | None:
    """What ``every <word>`` names, when the word is a day rather than a count of hours: (the days in words, how
    chat writes it, the schedule form), e.g. ``("on Mondays", "every monday", "weekly mon")``; None for anything
    else."""
    word = word.lower()
    if word in ("day", "days"):
        return "for every day", "every day", "daily"
    if word in _WEEKDAY_WORDS:
        return "on weekdays", "every weekday", "weekdays"
    day = word[:3]
    if day in DAYS and word.removesuffix("s") in (day, DAY_NAMES[day]):
        return f"on {DAY_NAMES[day].capitalize()}s", f"every {DAY_NAMES[day]}", f"weekly {day}"
    return None


def _every(rest: str, spec: str) -> Schedule:
    first, _, more = rest.partition(" ")
    named = _day_schedule(first)
    if named is not None:  # "every monday": a day, not "every 4h"
        days, chat, form = named
        if not more.strip():
            raise ScheduleError(f'a schedule {days} needs a time, e.g. "{chat} 08:00" (in chat) or "{form} 08:00"; '
                                f'got "{spec}"')
        raise ScheduleError(f'expected "{form} HH:MM" (in chat also "{chat} HH:MM"), got "{spec}"')
    m = _EVERY.match(rest.replace(" ", ""))
    if not m:
        raise ScheduleError(f'expected "every Nh" or "every Nm" (like "every 4h", "every 30m"), got "{spec}"')
    minutes = int(m.group(1)) * (60 if m.group(2).startswith("h") else 1)
    if not 5 <= minutes <= 1440:
        hint = "; use weekly or cron for longer" if minutes > 1440 else ""  # no hint for one too short
        raise ScheduleError(f'"every" takes 5 minutes to 24 hours, got "{spec}"{hint}')
    unit = f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"
    # Slots restart at local midnight each day, so "every 4h" is 00:00, 04:00, 08:00 ... on every day; across a
    # clock change see slots_between.
    times = tuple(divmod(k, 60) for k in range(0, 1440, minutes))
    return Schedule(f"every {unit}", times, every=minutes, repeated_twice=True)


def _cron_field(text: str, lo: int, hi: int, names: tuple[str, ...], name_base: int, what: str,
                spec: str) -> set[int]:
    def value(v: str) -> int:
        if v[:3].lower() in names and not v.isdecimal():
            return names.index(v[:3].lower()) + name_base
        if not v.isdecimal() or not lo <= int(v) <= hi:  # "²" is a digit int() cannot read
            raise ScheduleError(f'cron {what}: expected {lo}-{hi}, got "{v}" in "{spec}"')
        return int(v)

    out: set[int] = set()
    for part in text.split(","):
        body, _, step_text = part.partition("/")
        step = 1
        if step_text:
            if not step_text.isdecimal() or int(step_text) == 0:
                raise ScheduleError(f'cron {what}: bad step "/{step_text}" in "{spec}"')
            step = int(step_text)
        if body == "*":
            first, last = lo, hi
        elif "-" in body:
            a, _, b = body.partition("-")
            first, last = value(a), value(b)
            if first > last:
                raise ScheduleError(f'cron {what}: range "{body}" runs backwards in "{spec}"')
        else:
            first = value(body)
            last = hi if step_text else first
        out.update(range(first, last + 1, step))
    return out


def _cron(spec: str) -> Schedule:
    minute, hour, dom, month, dow = spec.split()
    minutes = _cron_field(minute, 0, 59, (), 0, "minute", spec)
    hours = _cron_field(hour, 0, 23, (), 0, "hour", spec)
    days = _cron_field(dom, 1, 31, (), 1, "day of month", spec)
    months = _cron_field(month, 1, 12, MONTHS, 1, "month", spec)
    cron_dows = _cron_field(dow, 0, 7, ("sun", "mon", "tue", "wed", "thu", "fri", "sat"), 0, "day of week", spec)
    return Schedule(
        spec, tuple(sorted((h, m) for h in hours for m in minutes)), months=frozenset(months),
        monthdays=frozenset(days), weekdays=frozenset((d - 1) % 7 for d in cron_dows),
        monthdays_set=not dom.startswith("*"), weekdays_set=not dow.startswith("*"),
        # cron(8)'s rule: a job with * in its minute or hour runs again in an hour the clocks repeat, a fixed one once
        repeated_twice=minute.startswith("*") or hour.startswith("*"))


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a name too long for a file name
        raise ScheduleError(f'unknown timezone "{name}"; use an IANA name like Europe/Brussels') from exc


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily local window (possibly across midnight) in which nothing is posted."""

    start: time
    end: time

    def contains(self, t: time) -> bool:
        if self.start <= self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end


def parse_quiet_hours(text: str) -> QuietHours | None:
    """``22:00-07:00`` -> QuietHours; empty text -> None."""
    if not text.strip():
        return None
    a, sep, b = text.strip().partition("-")
    ma, mb = _HHMM.match(a.strip()), _HHMM.match(b.strip())
    if not sep or not ma or not mb:
        raise ScheduleError(f'quiet hours: expected "HH:MM-HH:MM" like "22:00-07:00", got "{text}"')
    start, end = time(int(ma.group(1)), int(ma.group(2))), time(int(mb.group(1)), int(mb.group(2)))
    if start == end:  # the right form, but no time between them
        raise ScheduleError(f'quiet hours: the start and the end must differ, got "{text}" (e.g. "22:00-07:00")')
    return QuietHours(start, end)


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Local wall time -> UTC. A time skipped by DST moves forward by the gap; a repeated one is the first."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def wall_instants(day: date, at: time, tz: ZoneInfo) -> tuple[datetime, ...]:
    """Every UTC instant at which the local clock shows ``at`` on ``day``, in order: one; two for a time the clocks
    go back over; none for a time they skip going forward."""
    first = datetime.combine(day, at, tzinfo=tz)
    second = first.replace(fold=1)
    if first.utcoffset() == second.utcoffset():  # the usual case: no change at this wall time
        return (first.astimezone(UTC),)
    wall = datetime.combine(day, at)
    out: list[datetime] = []
    for fold in (0, 1):
        instant = wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == wall and instant not in out:
            out.append(instant)
    return tuple(out)


def _change_between(a: datetime, b: datetime, tz: ZoneInfo) -> datetime:
    """The first instant after ``a`` (to the second) at which ``tz`` has the UTC offset it has at ``b``."""
    offset = b.astimezone(tz).utcoffset()
    lo, hi = 0, int((b - a).total_seconds())  # the offset differs at a + lo and equals b's at a + hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if (a + timedelta(seconds=mid)).astimezone(tz).utcoffset() == offset:
            hi = mid
        else:
            lo = mid
    return a + timedelta(seconds=hi)


def _fill_spring_gaps(slots: list[datetime], minutes: int, tz: ZoneInfo,
                      times: tuple[tuple[int, int], ...]) -> list[datetime]:
    """For "every N": where dropping the wall times (of ``times``) the clocks skip leaves more than N minutes between
    two slots, add one at the moment of the change (the first valid time after the skipped ones)."""
    step = timedelta(minutes=minutes)
    out = slots[:1]
    for a, b in pairwise(slots):
        if b - a > step:  # across a change, or where quiet hours restart the interval (``quiet_restart``)
            offset_a, offset_b = a.astimezone(tz).utcoffset(), b.astimezone(tz).utcoffset()
            if offset_a is not None and offset_b is not None and offset_b > offset_a and _dropped(a, b, tz, times):
                out.append(_change_between(a, b, tz))
        out.append(b)
    return out


def _dropped(a: datetime, b: datetime, tz: ZoneInfo, times: tuple[tuple[int, int], ...]) -> bool:
    """Whether a wall time of ``times`` lies between the slots ``a`` and ``b`` (one the clocks skipped)."""
    wall_a, wall_b = (s.astimezone(tz).replace(tzinfo=None) for s in (a, b))
    later = [t for t in times if time(*t) > wall_a.time()]
    following = datetime.combine(wall_a.date(), time(*later[0])) if later else \
        datetime.combine(wall_a.date() + timedelta(days=1), time(*times[0]))
    return following < wall_b


@functools.lru_cache(maxsize=256)
def quiet_restart(schedule: Schedule, quiet: QuietHours) -> Schedule:
    """"every N" with quiet hours: when one of its times falls in them, the briefing it holds waits for their end and
    the interval restarts there: the times outside them become the end and every N minutes after it until they begin
    again (22:00-07:00 and "every 2h": 07:00, 09:00, ... 21:00, not 07:00 then 08:00 off midnight's grid). The times
    inside stay, each waiting for the end as before (what moves them on a night the clocks change). Any other
    schedule, or one with no time in the quiet hours (nothing waits, so nothing restarts), comes back as it is."""
    if not schedule.every:
        return schedule
    inside = [t for t in schedule.times if quiet.contains(time(*t))]
    if not inside:
        return schedule
    end = quiet.end.hour * 60 + quiet.end.minute
    awake = (quiet.start.hour * 60 + quiet.start.minute - end) % 1440  # from the end to the next start
    restarted = {divmod((end + k) % 1440, 60) for k in range(0, awake, schedule.every)}
    return replace(schedule, times=tuple(sorted({*inside, *restarted})))


@functools.lru_cache(maxsize=256)
def _longest_gap(times: tuple[tuple[int, int], ...]) -> int:
    """The most minutes between two wall times of ``times`` that follow each other, over midnight too."""
    minutes = [hour * 60 + minute for hour, minute in times]
    return max(b - a for a, b in pairwise([*minutes, minutes[0] + 1440]))


# How far before a window a slot can be that quiet hours move into it: less than a day of wall time, plus at most a
# day the clocks go back between (tzdata's largest step back is a day: Alaska, 1867).
QUIET_REACH = timedelta(days=2)
Wall = tuple[date, time]  # a slot's local date and wall time, where known without asking the time zone


def _after_quiet(slot: datetime, quiet: QuietHours, tz: ZoneInfo, wall: Wall | None = None,
                 ends: dict[date, tuple[datetime, ...]] | None = None) -> datetime:
    """``slot``, or the end of the quiet hours it falls in; ``wall`` is its local date and time when known, ``ends``
    a cache of each day's quiet-hours ends (one call of ``slots_between``)."""
    if wall is None:
        local = slot.astimezone(tz)
        wall = local.date(), local.time().replace(tzinfo=None)
    on, clock = wall
    if not quiet.contains(clock):
        return slot
    day = on if clock < quiet.end else on + timedelta(days=1)
    # quiet hours are wall times: in an hour the clocks repeat, a slot on the second pass waits for the second end;
    # an end the clocks skip is the change itself (they jump past it)
    ends = {} if ends is None else ends
    if day not in ends:
        ends[day] = wall_instants(day, quiet.end, tz)
    later = [end for end in ends[day] if end > slot]
    if later:
        return later[0]
    wall_end = datetime.combine(day, quiet.end)
    before, after = (wall_end.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (1, 0))
    return _change_between(before, after, tz) if before < after else after


@functools.lru_cache(maxsize=256)
def _since_midnight(times: tuple[tuple[int, int], ...]) -> tuple[timedelta, ...]:
    return tuple(timedelta(hours=hour, minutes=minute) for hour, minute in times)


@functools.lru_cache(maxsize=4096)  # every sweep asks again for the same few days of the channels' zones
def _steady_midnight(day: date, tz: ZoneInfo) -> datetime | None:
    """Local midnight of ``day`` in UTC when the clocks do not change from it to the next midnight, else None.
    tzdata never changes a zone's UTC offset twice within three days, so the same offset at both midnights, neither
    of them skipped or repeated, means no change between (tests/core/test_schedule_slot_count.py checks it)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    offset = start.utcoffset()
    if offset != start.replace(fold=1).utcoffset() or offset != end.utcoffset() \
            or offset != end.replace(fold=1).utcoffset():
        return None
    return start.astimezone(UTC)


def day_slots(schedule: Schedule, day: date, tz: ZoneInfo, lo: datetime, hi: datetime,
              quiet: QuietHours | None = None, after: datetime | None = None) -> list[tuple[datetime, Wall | None]]:
    """The wall-time slots of ``day`` (before quiet hours and "every N"'s slot at a change) from ``lo`` to ``hi``,
    each with its local date and time when the day has no clock change: only those are computed then. With
    ``quiet`` and ``after``, on a day more than a day from any clock change, a slot up to ``after`` outside the quiet
    hours is left out (it stays where it is, before the window, and is no neighbour of a slot added at a change),
    and of each stretch of quiet hours only its first is kept: all of them wait for the same end."""
    midnight = _steady_midnight(day, tz)
    if midnight is not None:  # the slots are midnight + the wall time: only the ones in the range are made
        since = _since_midnight(schedule.times)
        first, last = bisect_left(since, lo - midnight), bisect_right(since, hi - midnight)
        times = schedule.times
        if quiet is None or after is None or None in (_steady_midnight(day - timedelta(days=1), tz),
                                                      _steady_midnight(day + timedelta(days=1), tz)):
            return [(midnight + since[i], (day, time(*times[i]))) for i in range(first, last)]
        # up to ``after``: the first slot of each stretch of quiet hours in the day (they all wait for the same end)
        cut = min(last, bisect_right(since, after - midnight))
        start, end = (timedelta(hours=t.hour, minutes=t.minute) for t in (quiet.start, quiet.end))
        stretches = [(start, end)] if start < end else [(timedelta(0), end), (start, timedelta(days=1))]
        picked = [max(first, bisect_left(since, a)) for a, b in stretches if max(first, bisect_left(since, a))
                  < min(cut, bisect_left(since, b))]
        return [(midnight + since[i], (day, time(*times[i]))) for i in [*picked, *range(cut, last)]]
    out: list[tuple[datetime, Wall | None]] = []
    for hour, minute in schedule.times:
        at = time(hour, minute)
        passes = wall_instants(day, at, tz) if schedule.repeated_twice else ()
        if not passes and not schedule.every:
            passes = (local_instant(day, at, tz),)
        out.extend((instant, None) for instant in passes if lo <= instant <= hi)
    return out


def slots_between(schedule: Schedule, tz: ZoneInfo, after: datetime, until: datetime,
                  quiet: QuietHours | None = None) -> list[datetime]:
    """UTC slots ``s`` with ``after < s <= until``, each at most once (DST-safe, quiet hours applied).

    Clock changes: a fixed time (daily, weekdays, weekly, cron without * in minute or hour) the clocks repeat runs
    once, on the first pass, and one they skip runs that much later (02:30 -> 03:30). An interval schedule ("every
    N", and cron with * in minute or hour) runs a repeated wall time on both passes; "every N" drops the wall times
    the clocks skip and, where that would leave more than N minutes without a slot, runs once at the change.
    Nothing is added going back: "every N" stays on its wall times, so a repeated hour holding none of them makes
    that gap an hour longer ("every 4h": 00:00 to 04:00 is five hours that night). Quiet hours that hold one of
    "every N"'s times restart its interval at their end (``quiet_restart``).

    Only the slots that can matter are computed: those in the window, those before it that quiet hours can move
    into it (``QUIET_REACH``), and for "every N" the ones within the longest gap between its wall times each side
    (a slot added at a change lies between its two neighbours, each at most that far from it); on a day without a
    clock change, each of them is midnight plus its wall time, found by bisection, not a walk through the day."""
    if until <= after:
        return []
    if quiet is not None:
        schedule = quiet_restart(schedule, quiet)
    # two spare days each side: a slot added at a change depends on its neighbours, whatever the window
    first_day = (after.astimezone(tz) - timedelta(days=1 if quiet else 0)).date() - timedelta(days=2)
    last_day = until.astimezone(tz).date() + timedelta(days=2)
    pad = timedelta(minutes=_longest_gap(schedule.times) + 1) if schedule.every else timedelta(0)
    lo, hi = after - (QUIET_REACH if quiet else timedelta(0)) - pad, until + pad
    raw: dict[datetime, Wall | None] = {}
    day = first_day
    while day <= last_day:
        if schedule.runs_on(day):
            for instant, wall in day_slots(schedule, day, tz, lo, hi, quiet, after):
                raw[instant] = raw.get(instant) or wall
        day += timedelta(days=1)
    slots = sorted(raw)
    if schedule.every:
        slots = _fill_spring_gaps(slots, schedule.every, tz, schedule.times)
    found: set[datetime] = set()
    ends: dict[date, tuple[datetime, ...]] = {}
    for slot in slots:
        moved = _after_quiet(slot, quiet, tz, raw.get(slot), ends) if quiet is not None else slot
        if after < moved <= until:
            found.add(moved)
    return sorted(found)


def next_slot(schedule: Schedule, tz: ZoneInfo, after: datetime,
              quiet: QuietHours | None = None) -> datetime | None:
    """The first slot strictly after ``after`` (None if none within five years)."""
    start, span = after, timedelta(days=1)  # most schedules have a slot within a day: look there first
    while start - after < SEARCH_LIMIT:
        end = start + span
        span = timedelta(days=31)
        found = slots_between(schedule, tz, start, end, quiet)
        if found:
            return found[0]
        start = end
    return None
