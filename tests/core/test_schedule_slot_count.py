"""The due check computes only the slots a window needs (a sweep asks it for every channel each minute), and gives
what walking every slot of five days did: the same slots over clock changes, quiet hours and any window."""

from __future__ import annotations

import importlib
import random
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest

import bot.schedule as schedule_module
from bot.schedule import next_slot, parse_quiet_hours, parse_schedule, parse_timezone, slots_between
from tests.core.schedule_reference import old_slots_between

ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Australia/Sydney",
    "America/Havana",
    "Antarctica/Troll",
    "Asia/Kolkata",
    "Pacific/Apia",
)
SPECS = (
    "daily 08:00",
    "daily 00:00,02:30,23:30",
    "weekdays 01:30",
    "weekly sun 02:00",
    "every 5m",
    "every 7m",
    "every 45m",
    "every 4h",
    "every 24h",
    "*/15 * * * *",
    "30 1-3 * * *",
    "*/10 2 * * 0",
    "0 0 * * *",
)
QUIET = ("", "", "22:00-07:00", "01:00-03:00", "12:00-12:30", "02:30-02:45", "00:00-23:59", "23:00-00:30")
SPANS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(days=1),
    timedelta(days=3),
)


def changes(tz: zoneinfo.ZoneInfo, year: int) -> list[datetime]:
    """The instants (to the hour) around which ``tz`` changes its UTC offset in ``year``."""
    out, at = [], datetime(year, 1, 1, tzinfo=UTC)
    while at.year == year:
        if at.astimezone(tz).utcoffset() != (at + timedelta(hours=1)).astimezone(tz).utcoffset():
            out.append(at)
        at += timedelta(hours=1)
    return out


def windows(rng: random.Random) -> Iterator[tuple[str, datetime, datetime]]:
    for name in ZONES:
        tz = parse_timezone(name)
        year = 2011 if name == "Pacific/Apia" else 2026  # Apia skipped 30 December 2011 whole
        near = changes(tz, year) or [datetime(year, 6, 1, tzinfo=UTC)]
        for _ in range(45):
            after = rng.choice(near) + timedelta(minutes=rng.randrange(-3 * 1440, 3 * 1440))
            yield name, after, after + rng.choice(SPANS)


def test_the_slots_are_those_of_the_walk_through_every_slot() -> None:
    rng = random.Random(11)
    compared = 0
    for name, after, until in windows(rng):
        tz = parse_timezone(name)
        for spec in rng.sample(SPECS, 3):
            quiet = parse_quiet_hours(rng.choice(QUIET))
            schedule = parse_schedule(spec)
            assert slots_between(schedule, tz, after, until, quiet) == old_slots_between(
                schedule, tz, after, until, quiet
            ), (name, spec, quiet, after, until)
            compared += 1
    assert compared == len(ZONES) * 45 * 3


def test_every_five_minutes_by_the_minute_over_the_clock_changes() -> None:
    """Each minute's check over the nights the clocks change, as a sweep makes it, with and without quiet hours."""
    for name, night in (
        ("Europe/Berlin", datetime(2026, 3, 29, 0, tzinfo=UTC)),
        ("Europe/Berlin", datetime(2026, 10, 25, 0, tzinfo=UTC)),
        ("Australia/Lord_Howe", datetime(2026, 10, 3, 15, tzinfo=UTC)),
    ):
        tz = parse_timezone(name)
        for spec, quiet_text in (("every 5m", ""), ("every 5m", "01:00-03:00"), ("*/5 * * * *", "02:10-02:40")):
            schedule, quiet = parse_schedule(spec), parse_quiet_hours(quiet_text)
            for minute in range(0, 180, 3):
                now = night + timedelta(minutes=minute)
                after = now - timedelta(minutes=7)
                assert slots_between(schedule, tz, after, now, quiet) == old_slots_between(
                    schedule, tz, after, now, quiet
                ), (name, spec, quiet_text, now)


class Counted:
    """Counts the slot instants computed: those a day yields, and each wall time put through the time zone."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made = 0
        for name in ("day_slots", "wall_instants", "local_instant"):
            monkeypatch.setattr(schedule_module, name, self.counting(name, getattr(schedule_module, name)))

    def counting(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any) -> Any:
            out = real(*args)
            if name == "day_slots":
                self.made += sum(1 for _, wall in out if wall is not None)  # the others were counted one by one
            else:
                self.made += 1
            return out

        return counted


@pytest.mark.parametrize(
    ("spec", "quiet", "most"),
    [
        ("every 5m", "", 4),  # the window and N minutes each side; walking five days made 1,440
        ("every 5m", "22:00-07:00", 16),  # and the first slot of each night's quiet hours in the two days before
        ("*/5 * * * *", "", 2),
        ("daily 08:00", "", 1),
    ],
)
def test_a_due_check_computes_only_the_slots_its_window_needs(
    spec: str, quiet: str, most: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    sydney = parse_timezone("Australia/Sydney")
    now = datetime(2031, 1, 6, 8, 2, tzinfo=UTC)
    counted = Counted(monkeypatch)
    due = slots_between(parse_schedule(spec), sydney, now - timedelta(minutes=5), now, parse_quiet_hours(quiet))
    assert len(due) == (0 if spec == "daily 08:00" else 1)  # 19:00 in Sydney
    assert len(due) <= counted.made <= most


def test_the_next_slot_of_every_five_minutes_is_found_from_a_few_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    counted = Counted(monkeypatch)
    after = datetime(2031, 1, 6, 8, 2, tzinfo=UTC)
    assert next_slot(parse_schedule("every 5m"), parse_timezone("Europe/London"), after) == after + timedelta(minutes=3)
    assert counted.made <= 300  # the first day's search: its slots and one more each side, not five days of them


def test_no_zone_changes_its_offset_twice_within_two_days() -> None:
    """What ``_steady_midnight`` relies on: the same UTC offset at two midnights a day apart means no change between.
    The transitions tzdata lists (later ones follow a zone's yearly rule: at most two a year, months apart)."""
    pure = importlib.import_module("zoneinfo._zoneinfo").ZoneInfo  # its transition list; the C one keeps it

    closest = timedelta(days=999)
    for key in sorted(zoneinfo.available_timezones()):
        transitions = getattr(pure.no_cache(key), "_trans_utc", None)
        if transitions is None:
            pytest.skip("this Python's zoneinfo keeps its transitions elsewhere")
        tz = zoneinfo.ZoneInfo(key)
        moves = []
        for seconds in transitions:
            at = datetime.fromtimestamp(seconds, UTC)
            if (at - timedelta(seconds=1)).astimezone(tz).utcoffset() != at.astimezone(tz).utcoffset():
                moves.append(at)
        closest = min([closest, *(b - a for a, b in pairwise(moves))])
    assert closest > timedelta(days=2)


def test_a_steady_day_is_one_without_a_change() -> None:
    berlin = parse_timezone("Europe/Berlin")
    assert schedule_module._steady_midnight(date(2026, 3, 28), berlin) == datetime(2026, 3, 27, 23, tzinfo=UTC)
    assert schedule_module._steady_midnight(date(2026, 3, 29), berlin) is None  # 02:00 -> 03:00
    assert schedule_module._steady_midnight(date(2026, 3, 30), berlin) == datetime(2026, 3, 29, 22, tzinfo=UTC)
