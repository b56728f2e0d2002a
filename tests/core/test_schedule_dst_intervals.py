"""Interval schedules across clock changes: the repeated hour runs again, skipped times leave no gap over N."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import next_slot, parse_quiet_hours, parse_schedule, parse_timezone, slots_between

BERLIN = parse_timezone("Europe/Berlin")
NYC = parse_timezone("America/New_York")
LORD_HOWE = parse_timezone("Australia/Lord_Howe")  # clocks move by 30 minutes
SANTIAGO = parse_timezone("America/Santiago")  # clocks move at midnight: 00:00 does not exist that day

# the nights of the 2026 changes, as UTC windows a little wider than the change
BERLIN_AUTUMN = (datetime(2026, 10, 24, 20, tzinfo=UTC), datetime(2026, 10, 25, 6, tzinfo=UTC))
BERLIN_SPRING = (datetime(2026, 3, 28, 20, tzinfo=UTC), datetime(2026, 3, 29, 6, tzinfo=UTC))
NYC_AUTUMN = (datetime(2026, 11, 1, 2, tzinfo=UTC), datetime(2026, 11, 1, 12, tzinfo=UTC))
NYC_SPRING = (datetime(2026, 3, 8, 2, tzinfo=UTC), datetime(2026, 3, 8, 12, tzinfo=UTC))
LORD_HOWE_SPRING = (datetime(2026, 10, 3, 10, tzinfo=UTC), datetime(2026, 10, 3, 20, tzinfo=UTC))
SANTIAGO_SPRING = (datetime(2026, 9, 5, 20, tzinfo=UTC), datetime(2026, 9, 6, 10, tzinfo=UTC))


def slots(spec: str, tz: ZoneInfo, window: tuple[datetime, datetime], quiet: str = "") -> list[datetime]:
    return slots_between(parse_schedule(spec), tz, *window, parse_quiet_hours(quiet))


def local(found: list[datetime], tz: ZoneInfo) -> list[str]:
    return [s.astimezone(tz).strftime("%H:%M%z") for s in found]


def gaps(found: list[datetime]) -> list[int]:
    return [int((b - a).total_seconds()) // 60 for a, b in pairwise(found)]


def test_every_30m_keeps_running_through_the_repeated_hour() -> None:
    found = slots("every 30m", BERLIN, (datetime(2026, 10, 24, 23, tzinfo=UTC), datetime(2026, 10, 25, 2, 30,
                                                                                         tzinfo=UTC)))
    assert found == [datetime(2026, 10, 24, 23, 30, tzinfo=UTC) + timedelta(minutes=30 * k) for k in range(7)]
    assert local(found, BERLIN) == ["01:30+0200", "02:00+0200", "02:30+0200", "02:00+0100", "02:30+0100",
                                    "03:00+0100", "03:30+0100"]


@pytest.mark.parametrize("minutes", [5, 10, 15, 20, 30, 60])
@pytest.mark.parametrize(("tz", "window"), [(BERLIN, BERLIN_AUTUMN), (BERLIN, BERLIN_SPRING),
                                            (NYC, NYC_AUTUMN), (NYC, NYC_SPRING)])
def test_an_interval_that_divides_the_hour_stays_exact_in_real_time_both_ways(
        minutes: int, tz: ZoneInfo, window: tuple[datetime, datetime]) -> None:
    found = slots(f"every {minutes}m", tz, window)
    assert set(gaps(found)) == {minutes}
    assert len(found) == len(set(found))


def test_every_2h_runs_the_repeated_two_oclock_twice_and_the_skipped_one_at_the_change() -> None:
    autumn = slots("every 2h", BERLIN, BERLIN_AUTUMN)
    assert local(autumn, BERLIN) == ["00:00+0200", "02:00+0200", "02:00+0100", "04:00+0100", "06:00+0100"]
    assert gaps(autumn) == [120, 60, 120, 120]
    spring = slots("every 2h", BERLIN, BERLIN_SPRING)
    assert local(spring, BERLIN) == ["22:00+0100", "00:00+0100", "03:00+0200", "04:00+0200", "06:00+0200",
                                     "08:00+0200"]
    assert max(gaps(spring)) == 120


def test_every_4h_stays_on_its_local_times_and_the_long_night_is_one_hour_longer() -> None:
    assert local(slots("every 4h", BERLIN, BERLIN_AUTUMN), BERLIN) == ["00:00+0200", "04:00+0100"]  # 5 h apart
    assert local(slots("every 4h", BERLIN, BERLIN_SPRING), BERLIN) == ["00:00+0100", "04:00+0200", "08:00+0200"]


@pytest.mark.parametrize("minutes", [5, 7, 25, 30, 45, 50, 90, 120, 150, 240, 420, 720])
@pytest.mark.parametrize(("tz", "window"), [(BERLIN, BERLIN_SPRING), (NYC, NYC_SPRING),
                                            (LORD_HOWE, LORD_HOWE_SPRING), (SANTIAGO, SANTIAGO_SPRING)])
def test_spring_forward_never_leaves_more_than_n_minutes_and_runs_no_skipped_wall_time(
        minutes: int, tz: ZoneInfo, window: tuple[datetime, datetime]) -> None:
    spec = parse_schedule(f"every {minutes}m" if minutes % 60 else f"every {minutes // 60}h")
    around = (window[0] - timedelta(days=1), window[1] + timedelta(days=1))
    found = slots_between(spec, tz, *around)
    assert max(gaps(found)) <= minutes
    grid = {f"{h:02d}:{m:02d}" for h, m in spec.times}
    for slot in found:  # every slot is on the local grid, or is the moment the clocks jumped forward
        shown = slot.astimezone(tz)
        jumped = (shown.utcoffset() or timedelta()) > ((slot - timedelta(seconds=1)).astimezone(tz).utcoffset()
                                                       or timedelta())
        assert shown.strftime("%H:%M") in grid or jumped


def test_a_skipped_time_is_replaced_once_not_moved_forward_one_by_one() -> None:
    found = slots("every 25m", BERLIN, (datetime(2026, 3, 29, 0, tzinfo=UTC), datetime(2026, 3, 29, 2, tzinfo=UTC)))
    # 02:05, 02:30 and 02:55 do not exist: one briefing at the change, then the grid again
    assert local(found, BERLIN) == ["01:15+0100", "01:40+0100", "03:00+0200", "03:20+0200", "03:45+0200"]


def test_santiago_midnight_that_does_not_exist_runs_at_the_change() -> None:
    assert local(slots("every 4h", SANTIAGO, SANTIAGO_SPRING), SANTIAGO) == [
        "20:00-0400", "01:00-0300", "04:00-0300"]


def test_cron_with_a_star_repeats_with_the_clock_and_a_fixed_cron_or_daily_runs_once() -> None:
    night = (datetime(2026, 10, 24, 23, tzinfo=UTC), datetime(2026, 10, 25, 3, tzinfo=UTC))
    assert local(slots("cron */20 2 * * *", BERLIN, night), BERLIN) == [
        "02:00+0200", "02:20+0200", "02:40+0200", "02:00+0100", "02:20+0100", "02:40+0100"]
    assert local(slots("0 * * * *", BERLIN, night), BERLIN) == [
        "02:00+0200", "02:00+0100", "03:00+0100", "04:00+0100"]
    assert local(slots("0,20,40 2 * * *", BERLIN, night), BERLIN) == ["02:00+0200", "02:20+0200", "02:40+0200"]
    assert local(slots("daily 02:30", BERLIN, night), BERLIN) == ["02:30+0200"]
    spring = (datetime(2026, 3, 28, 23, tzinfo=UTC), datetime(2026, 3, 29, 3, tzinfo=UTC))
    assert local(slots("daily 02:30", BERLIN, spring), BERLIN) == ["03:30+0200"]  # the daily rule is unchanged


def test_quiet_hours_are_wall_times_so_the_repeated_hour_is_quiet_again() -> None:
    found = slots("every 30m", BERLIN, BERLIN_AUTUMN, quiet="23:00-02:30")
    assert local(found, BERLIN)[:4] == ["22:30+0200", "02:30+0200", "02:30+0100", "03:00+0100"]


def test_quiet_hours_ending_in_the_skipped_hour_end_at_the_change_without_extra_briefings() -> None:
    found = slots("every 2h", BERLIN, BERLIN_SPRING, quiet="23:00-02:30")
    # the interval restarts at the end of the quiet hours (02:30, 04:30, ... 22:30); that night the catch-up runs at
    # the change, as 02:30 does not exist, and the day keeps its times
    assert local(found, BERLIN) == ["22:30+0100", "03:00+0200", "04:30+0200", "06:30+0200"]
    daily = slots("daily 01:00", BERLIN, BERLIN_SPRING, quiet="00:30-02:30")
    assert local(daily, BERLIN) == ["03:00+0200"]  # the clock jumps from 02:00 to 03:00, past the end


@pytest.mark.parametrize("spec", ["every 30m", "every 2h", "every 25m", "every 4h", "cron */20 2 * * *",
                                  "daily 02:30"])
@pytest.mark.parametrize("quiet", ["", "23:00-02:30"])
@pytest.mark.parametrize(("tz", "window"), [(BERLIN, BERLIN_AUTUMN), (BERLIN, BERLIN_SPRING),
                                            (SANTIAGO, SANTIAGO_SPRING), (LORD_HOWE, LORD_HOWE_SPRING)])
def test_next_slot_walks_the_same_slots_as_one_window(spec: str, quiet: str, tz: ZoneInfo,
                                                      window: tuple[datetime, datetime]) -> None:
    """The scheduler asks next_slot after each delivered slot: that walk must neither skip nor repeat one."""
    schedule, hours = parse_schedule(spec), parse_quiet_hours(quiet)
    start, end = window[0] - timedelta(hours=12), window[1] + timedelta(hours=12)
    walked: list[datetime] = []
    at = start
    while (after := next_slot(schedule, tz, at, hours)) is not None and after <= end:
        walked.append(after)
        at = after
    assert walked == slots_between(schedule, tz, start, end, hours)
    for minutes in range(0, 34 * 60, 37):  # and any window start agrees with the whole
        cut = start + timedelta(minutes=minutes)
        assert slots_between(schedule, tz, cut, end, hours) == [s for s in walked if s > cut]
