"""Quiet hours restart "every N" at their end: the briefing held by them posts at the end and the next ones N after it,
not on midnight's grid (07:00 then 08:00); fixed times and schedules with no time in the quiet hours are unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import parse_quiet_hours, parse_schedule, parse_timezone, quiet_restart, slots_between

BUCHAREST = parse_timezone("Europe/Bucharest")  # 2026: 03:00 -> 04:00 on 29 March, 04:00 -> 03:00 on 25 October


def day_of(spec: str, quiet: str, on: date, tz: ZoneInfo = BUCHAREST) -> list[str]:
    """The local times of the briefings from ``on``'s midnight to the next (after the night's quiet hours)."""
    start = datetime.combine(on, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(on + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return [s.astimezone(tz).strftime("%H:%M") for s in slots_between(
        parse_schedule(spec), tz, start - timedelta(seconds=1), end - timedelta(seconds=1), parse_quiet_hours(quiet))]


def steps(start: str, minutes: int, before: str) -> list[str]:
    """``start`` and every ``minutes`` after it while before ``before`` (same day)."""
    at, stop = (datetime.combine(date(2026, 1, 1), time.fromisoformat(t)) for t in (start, before))
    out = []
    while at < stop:
        out.append(at.strftime("%H:%M"))
        at += timedelta(minutes=minutes)
    return out


JANUARY = date(2026, 1, 14)


@pytest.mark.parametrize(("spec", "quiet", "expected"), [
    # the user's case: the catch-up at 07:00, then every two hours (was 07:00, 08:00, 10:00 ... 20:00)
    ("every 2h", "22:00-07:00", steps("07:00", 120, "22:00")),
    ("every 3h", "22:00-07:00", steps("07:00", 180, "22:00")),  # was 07:00, 09:00, 12:00 ...
    ("every 90m", "22:00-07:00", steps("07:00", 90, "22:00")),  # was 07:00, 07:30, 09:00 ...
    ("every 2h", "22:00-06:47", steps("06:47", 120, "22:00")),  # an end at an odd minute: was 06:47, 08:00 ...
    ("every 45m", "23:10-06:05", steps("06:05", 45, "23:10")),
    ("every 24h", "22:00-07:00", ["07:00"]),
])
def test_the_interval_restarts_at_the_end_of_the_quiet_hours(spec: str, quiet: str, expected: list[str]) -> None:
    assert day_of(spec, quiet, JANUARY) == expected


@pytest.mark.parametrize(("spec", "quiet", "expected"), [
    ("every 2h", "22:00-08:00", steps("08:00", 120, "22:00")),  # the end on the grid: as midnight's grid had it
    ("every 4h", "01:00-03:00", steps("00:00", 240, "23:59")),  # no time in the quiet hours: nothing waits
    ("daily 06:00,17:00", "22:00-07:00", ["07:00", "17:00"]),  # fixed times keep their times
    ("0 */2 * * *", "22:00-07:00", ["07:00", *steps("08:00", 120, "22:00")]),  # a cron keeps its own
])
def test_what_does_not_restart(spec: str, quiet: str, expected: list[str]) -> None:
    assert day_of(spec, quiet, JANUARY) == expected


def test_quiet_hours_in_the_day_restart_it_over_midnight() -> None:
    """Quiet hours that do not cover midnight: the restarted times run on over it until they begin again."""
    assert day_of("every 2h", "12:00-13:30", JANUARY) == [*steps("01:30", 120, "12:00"),
                                                          *steps("13:30", 120, "23:59")]
    assert quiet_restart(parse_schedule("every 4h"), parse_quiet_hours("01:00-03:00")) == parse_schedule("every 4h")


@pytest.mark.parametrize("on", [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30), date(2026, 10, 24),
                                date(2026, 10, 25), date(2026, 10, 26)])
def test_the_days_around_the_clock_changes_in_bucharest_keep_the_restarted_times(on: date) -> None:
    assert day_of("every 2h", "22:00-07:00", on) == steps("07:00", 120, "22:00")
    assert day_of("every 90m", "22:00-06:47", on) == steps("06:47", 90, "22:00")


def test_across_the_changes_the_nights_are_shorter_and_longer_the_days_two_hours_apart() -> None:
    schedule, quiet = parse_schedule("every 2h"), parse_quiet_hours("22:00-07:00")
    for start, night in ((datetime(2026, 3, 28, tzinfo=UTC), 9 * 60), (datetime(2026, 10, 24, tzinfo=UTC), 11 * 60)):
        found = slots_between(schedule, BUCHAREST, start, start + timedelta(days=2), quiet)
        gaps = [int((b - a).total_seconds()) // 60 for a, b in pairwise(found)]
        assert gaps == [120] * 7 + [night] + [120] * 7  # 07:00 ... 21:00, the night of the change, 07:00 ... 21:00


def test_restarted_times_the_clocks_skip_or_repeat_follow_the_every_rules() -> None:
    """Quiet hours in the day: the restarted times run through the night the clocks change, as "every N" does."""
    schedule, quiet = parse_schedule("every 2h"), parse_quiet_hours("12:00-13:30")
    spring = slots_between(schedule, BUCHAREST, datetime(2026, 3, 28, 22, tzinfo=UTC),
                           datetime(2026, 3, 29, 4, tzinfo=UTC), quiet)
    # 03:30 does not exist: one briefing at the change (04:00 EEST), not three hours without one
    assert [s.astimezone(BUCHAREST).strftime("%H:%M%z") for s in spring] == ["01:30+0200", "04:00+0300",
                                                                              "05:30+0300"]
    autumn = slots_between(schedule, BUCHAREST, datetime(2026, 10, 24, 22, tzinfo=UTC),
                           datetime(2026, 10, 25, 4, tzinfo=UTC), quiet)
    assert [s.astimezone(BUCHAREST).strftime("%H:%M%z") for s in autumn] == ["01:30+0300", "03:30+0300",
                                                                              "03:30+0200", "05:30+0200"]


def test_a_long_gap_the_restart_leaves_gets_no_briefing_at_a_change_that_skips_none_of_its_times() -> None:
    """"every 3h", quiet 04:15-10:30: 01:30 is the last restarted time and 06:00 the first held one; the clocks jump
    from 03:00 to 04:00 between, skipping none of them, so nothing is added at 04:00 (outside the quiet hours)."""
    found = slots_between(parse_schedule("every 3h"), BUCHAREST, datetime(2026, 3, 28, 19, tzinfo=UTC),
                          datetime(2026, 3, 29, 11, tzinfo=UTC), parse_quiet_hours("04:15-10:30"))
    assert [s.astimezone(BUCHAREST).strftime("%H:%M%z") for s in found] == ["22:30+0200", "01:30+0200",
                                                                             "10:30+0300", "13:30+0300"]
