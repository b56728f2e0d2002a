"""``every N`` on a night the clocks go back keeps to its local wall-clock times: a slot each time the clock shows
one, none added, so with no time in the repeated hour that hour lengthens one gap (``every 4h``: five hours)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import next_slot, parse_schedule, parse_timezone, slots_between

BUCHAREST = parse_timezone("Europe/Bucharest")  # last Sunday of October: 04:00 EEST -> 03:00 EET

# a day either side of each 2026 fall-back, as UTC windows
FALL_BACKS = {
    "Europe/Bucharest": (datetime(2026, 10, 24, 0, tzinfo=UTC), datetime(2026, 10, 27, 0, tzinfo=UTC)),
    "Europe/Berlin": (datetime(2026, 10, 24, 0, tzinfo=UTC), datetime(2026, 10, 27, 0, tzinfo=UTC)),
    "America/New_York": (datetime(2026, 10, 31, 6, tzinfo=UTC), datetime(2026, 11, 3, 6, tzinfo=UTC)),
    "Australia/Lord_Howe": (datetime(2026, 4, 3, 12, tzinfo=UTC), datetime(2026, 4, 6, 12, tzinfo=UTC)),  # 30 min
    "America/Santiago": (datetime(2026, 4, 3, 12, tzinfo=UTC), datetime(2026, 4, 6, 12, tzinfo=UTC)),  # at midnight
}
SPECS = ["every 4h", "every 3h", "every 2h", "every 5h", "every 90m", "every 45m", "every 30m", "every 25m",
         "every 1h", "every 24h"]


def local(found: list[datetime], tz: ZoneInfo) -> list[str]:
    return [s.astimezone(tz).strftime("%H:%M%z") for s in found]


def gaps(found: list[datetime]) -> list[int]:
    return [int((b - a).total_seconds()) // 60 for a, b in pairwise(found)]


def clock_shows(spec: str, tz: ZoneInfo, after: datetime, until: datetime) -> list[datetime]:
    """The oracle, minute by minute in UTC: every instant at which the local clock shows one of the schedule's
    times (on a fall-back night no wall time is skipped, so these are all the slots there are)."""
    grid = set(parse_schedule(spec).times)
    found, at = [], after + timedelta(minutes=1)
    while at <= until:
        shown = at.astimezone(tz)
        if (shown.hour, shown.minute) in grid:
            found.append(at)
        at += timedelta(minutes=1)
    return found


def test_every_4h_in_bucharest_keeps_00_04_08_and_that_night_waits_five_hours() -> None:
    night = (datetime(2026, 10, 24, 18, tzinfo=UTC), datetime(2026, 10, 25, 8, tzinfo=UTC))
    found = slots_between(parse_schedule("every 4h"), BUCHAREST, *night)
    assert local(found, BUCHAREST) == ["00:00+0300", "04:00+0200", "08:00+0200"]
    assert gaps(found) == [300, 240]  # the hour the clocks go back lengthens the gap it falls in; no 03:00 is added
    after = next_slot(parse_schedule("every 4h"), BUCHAREST, found[0])
    assert after == found[1] == datetime(2026, 10, 25, 2, tzinfo=UTC)


def test_a_time_inside_the_repeated_hour_runs_on_both_passes_instead() -> None:
    night = (datetime(2026, 10, 24, 18, tzinfo=UTC), datetime(2026, 10, 25, 5, tzinfo=UTC))
    found = slots_between(parse_schedule("every 3h"), BUCHAREST, *night)
    assert local(found, BUCHAREST) == ["00:00+0300", "03:00+0300", "03:00+0200", "06:00+0200"]
    assert gaps(found) == [180, 60, 180]
    two_hourly = slots_between(parse_schedule("every 2h"), BUCHAREST, *night)  # 02:00 and 04:00 straddle it
    assert local(two_hourly, BUCHAREST) == ["22:00+0300", "00:00+0300", "02:00+0300", "04:00+0200", "06:00+0200"]
    assert gaps(two_hourly) == [120, 120, 180, 120]


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("zone", sorted(FALL_BACKS))
def test_on_a_fall_back_night_the_slots_are_exactly_when_the_clock_shows_a_scheduled_time(spec: str,
                                                                                           zone: str) -> None:
    tz = parse_timezone(zone)
    after, until = FALL_BACKS[zone]
    found = slots_between(parse_schedule(spec), tz, after, until)
    assert found == clock_shows(spec, tz, after, until)
    offsets = {int((s.astimezone(tz).utcoffset() or timedelta()).total_seconds()) // 60 for s in found}
    back = max(offsets) - min(offsets)  # how far the clocks go back: an hour, half an hour at Lord Howe
    assert back in (30, 60)
    every = parse_schedule(spec).every
    assert max(gaps(found)) <= every + back  # at most the hour (half hour at Lord Howe) the clocks go back
