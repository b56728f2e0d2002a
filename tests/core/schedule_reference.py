"""The slot maths as it was before it computed only the slots a window needs: every slot of every day from two days
before the window to two after, each through the time zone. The reference ``test_schedule_slot_count.py`` compares
``slots_between`` with, over clock changes, quiet hours and many windows."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.schedule import (
    QuietHours,
    Schedule,
    _change_between,
    _fill_spring_gaps,
    local_instant,
    quiet_restart,
    wall_instants,
)


def old_after_quiet(slot: datetime, quiet: QuietHours, tz: ZoneInfo) -> datetime:
    local = slot.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    if not quiet.contains(clock):
        return slot
    day = local.date() if clock < quiet.end else local.date() + timedelta(days=1)
    # quiet hours are wall times: in an hour the clocks repeat, a slot on the second pass waits for the second end;
    # an end the clocks skip is the change itself (they jump past it)
    ends = [end for end in wall_instants(day, quiet.end, tz) if end > slot]
    if ends:
        return ends[0]
    wall = datetime.combine(day, quiet.end)
    before, after = (wall.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (1, 0))
    return _change_between(before, after, tz) if before < after else after


def old_slots_between(
    schedule: Schedule, tz: ZoneInfo, after: datetime, until: datetime, quiet: QuietHours | None = None
) -> list[datetime]:
    """UTC slots ``s`` with ``after < s <= until``, each at most once (DST-safe, quiet hours applied).

    Clock changes: a fixed time (daily, weekdays, weekly, cron without * in minute or hour) the clocks repeat runs
    once, on the first pass, and one they skip runs that much later (02:30 -> 03:30). An interval schedule ("every
    N", and cron with * in minute or hour) runs a repeated wall time on both passes; "every N" drops the wall times
    the clocks skip and, where that would leave more than N minutes without a slot, runs once at the change.
    Nothing is added going back: "every N" stays on its wall times, so a repeated hour holding none of them makes
    that gap an hour longer ("every 4h": 00:00 to 04:00 is five hours that night)."""
    if until <= after:
        return []
    if quiet is not None:  # the times "every N" runs at with these quiet hours (the same rule, not walked)
        schedule = quiet_restart(schedule, quiet)
    # two spare days each side: a slot added at a change depends on its neighbours, whatever the window
    first_day = (after.astimezone(tz) - timedelta(days=1 if quiet else 0)).date() - timedelta(days=2)
    last_day = until.astimezone(tz).date() + timedelta(days=2)
    raw: set[datetime] = set()
    day = first_day
    while day <= last_day:
        if schedule.runs_on(day):
            for hour, minute in schedule.times:
                at = time(hour, minute)
                passes = wall_instants(day, at, tz) if schedule.repeated_twice else ()
                if not passes and not schedule.every:
                    passes = (local_instant(day, at, tz),)
                raw.update(passes)
        day += timedelta(days=1)
    slots = sorted(raw)
    if schedule.every:
        slots = _fill_spring_gaps(slots, schedule.every, tz, schedule.times)
    found: set[datetime] = set()
    for slot in slots:
        moved = old_after_quiet(slot, quiet, tz) if quiet is not None else slot
        if after < moved <= until:
            found.add(moved)
    return sorted(found)
