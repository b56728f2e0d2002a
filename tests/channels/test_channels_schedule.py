"""Schedules: parsing with clear errors, local-time slots across DST both ways, quiet hours, cron, config checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import ChannelConfig, Config, ConfigError
from bot.config_channels import check_channel_configs
from bot.schedule import (
    ScheduleError,
    next_slot,
    parse_quiet_hours,
    parse_schedule,
    parse_timezone,
    slots_between,
)

BRU = parse_timezone("Europe/Brussels")
NYC = parse_timezone("America/New_York")
KOL = parse_timezone("Asia/Kolkata")


def local(slots: list[datetime], tz: object) -> list[str]:
    return [s.astimezone(tz).strftime("%a %m-%d %H:%M %z") for s in slots]  # type: ignore[arg-type]


def test_daily_keeps_local_time_across_spring_and_autumn_in_brussels() -> None:
    spring = slots_between(parse_schedule("daily 08:00"), BRU, datetime(2026, 3, 27, tzinfo=UTC),
                           datetime(2026, 3, 31, tzinfo=UTC))
    assert [s.hour for s in spring] == [7, 7, 6, 6]  # UTC: CET then CEST
    assert {s.astimezone(BRU).hour for s in spring} == {8}
    autumn = slots_between(parse_schedule("daily 08:00"), BRU, datetime(2026, 10, 24, tzinfo=UTC),
                           datetime(2026, 10, 27, tzinfo=UTC))
    assert [s.hour for s in autumn] == [6, 7, 7]


def test_a_time_skipped_by_dst_moves_forward_and_a_repeated_one_runs_once() -> None:
    spec = parse_schedule("daily 02:30")
    spring = slots_between(spec, BRU, datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 30, 12, tzinfo=UTC))
    assert local(spring, BRU) == ["Sat 03-28 02:30 +0100", "Sun 03-29 03:30 +0200", "Mon 03-30 02:30 +0200"]
    autumn = slots_between(spec, BRU, datetime(2026, 10, 24, tzinfo=UTC), datetime(2026, 10, 26, 12, tzinfo=UTC))
    assert local(autumn, BRU) == ["Sat 10-24 02:30 +0200", "Sun 10-25 02:30 +0200", "Mon 10-26 02:30 +0100"]


def test_every_restarts_at_local_midnight_and_never_doubles_across_dst() -> None:
    slots = slots_between(parse_schedule("every 1h"), NYC, datetime(2026, 11, 1, 3, tzinfo=UTC),
                          datetime(2026, 11, 1, 10, tzinfo=UTC))
    assert local(slots, NYC) == ["Sun 11-01 00:00 -0400", "Sun 11-01 01:00 -0400", "Sun 11-01 01:00 -0500",
                                 "Sun 11-01 02:00 -0500", "Sun 11-01 03:00 -0500", "Sun 11-01 04:00 -0500",
                                 "Sun 11-01 05:00 -0500"]  # the repeated 01:00 runs again: hourly in real time
    assert len(set(slots)) == len(slots)
    spec = parse_schedule("every 90m")
    assert spec.spec == "every 90m" and spec.times[:3] == ((0, 0), (1, 30), (3, 0))


def test_weekdays_weekly_and_kolkata() -> None:
    week = (datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 8, tzinfo=UTC))  # Monday to Monday
    weekdays = slots_between(parse_schedule("weekdays 07:30"), NYC, *week)
    assert [s.astimezone(NYC).strftime("%a %H:%M") for s in weekdays] == [
        "Mon 07:30", "Tue 07:30", "Wed 07:30", "Thu 07:30", "Fri 07:30"]
    weekly = slots_between(parse_schedule("weekly mon 09:00"), KOL, *week)
    assert local(weekly, KOL) == ["Mon 06-01 09:00 +0530"]
    assert weekly[0] == datetime(2026, 6, 1, 3, 30, tzinfo=UTC)


def test_cron_fields_names_steps_and_day_or_rule() -> None:
    spec = parse_schedule("15 8-18/5 * * mon-fri")
    assert spec.times == ((8, 15), (13, 15), (18, 15))
    both = parse_schedule("0 9 1 * sun")  # the 1st of the month OR any Sunday (cron's rule)
    found = slots_between(both, BRU, datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 31, tzinfo=UTC))
    assert [s.astimezone(BRU).day for s in found] == [1, 8, 15, 22, 29]
    assert next_slot(parse_schedule("0 9 29 2 *"), BRU, datetime(2026, 1, 1, tzinfo=UTC)) == datetime(
        2028, 2, 29, 8, 0, tzinfo=UTC)


def test_quiet_hours_hold_a_slot_until_they_end() -> None:
    quiet = parse_quiet_hours("22:00-07:00")
    slots = slots_between(parse_schedule("daily 23:00"), BRU, datetime(2026, 1, 5, tzinfo=UTC),
                          datetime(2026, 1, 7, tzinfo=UTC), quiet)
    assert local(slots, BRU) == ["Mon 01-05 07:00 +0100", "Tue 01-06 07:00 +0100"]
    hourly = slots_between(parse_schedule("every 1h"), BRU, datetime(2026, 1, 5, 19, 30, tzinfo=UTC),
                           datetime(2026, 1, 6, 8, tzinfo=UTC), quiet)
    assert local(hourly, BRU) == ["Mon 01-05 21:00 +0100", "Tue 01-06 07:00 +0100", "Tue 01-06 08:00 +0100",
                                  "Tue 01-06 09:00 +0100"]


def test_slots_are_half_open_and_next_slot_is_strictly_after() -> None:
    spec = parse_schedule("daily 08:00")
    at = datetime(2026, 6, 1, 8, tzinfo=UTC)
    assert slots_between(spec, parse_timezone("UTC"), at, at + timedelta(days=1)) == [at + timedelta(days=1)]
    assert next_slot(spec, parse_timezone("UTC"), at) == at + timedelta(days=1)


@pytest.mark.parametrize(("text", "message"), [
    ("daily 7.30", 'expected "daily HH:MM", got "daily 7.30"'),
    ("7.30", 'expected "daily HH:MM", got "7.30"'),
    ("daily 25:00", 'expected "daily HH:MM", got "daily 25:00"'),
    ("weekdays 7", 'expected "weekdays HH:MM", got "weekdays 7"'),
    ("weekly funday 09:00", 'expected "weekly DAY HH:MM"'),
    ("every 3 days", 'expected "every Nh" or "every Nm"'),
    ("every 2m", '"every" takes 5 minutes to 24 hours'),
    ("61 * * * *", 'cron minute: expected 0-59, got "61"'),
    ("0 8 * * 1-9", "cron day of week: expected 0-7"),
    ("0 8 * * 5-1", "runs backwards"),
    ("hourly", 'expected "daily HH:MM", "weekdays HH:MM"'),
])
def test_bad_schedules_say_what_was_expected(text: str, message: str) -> None:
    with pytest.raises(ScheduleError) as info:
        parse_schedule(text)
    assert message in str(info.value)


def test_bad_timezone_and_quiet_hours() -> None:
    with pytest.raises(ScheduleError, match='unknown timezone "Europe/Brusels"'):
        parse_timezone("Europe/Brusels")
    with pytest.raises(ScheduleError, match="quiet hours"):
        parse_quiet_hours("22-7")
    assert parse_quiet_hours("") is None
    for same in ("22:00-22:00", "22:00 - 22:00", "7:00-07:00"):  # the right form, but no time between them
        with pytest.raises(ScheduleError) as info:
            parse_quiet_hours(same)
        assert str(info.value) == (f'quiet hours: the start and the end must differ, got "{same}" (e.g. '
                                   '"22:00-07:00")'), same


def test_config_errors_name_the_key_path() -> None:
    good = ChannelConfig(id="console:a")
    config = Config(channels=(good, good, ChannelConfig(id="slack:C1", schedule="7.30")))
    with pytest.raises(ConfigError, match=r'^channels\[2\]\.schedule: expected "daily HH:MM", got "7.30"$'):
        check_channel_configs(config)
    with pytest.raises(ConfigError, match=r"^channels\[0\]\.timezone: unknown timezone"):
        check_channel_configs(Config(channels=(ChannelConfig(id="console:a", timezone="Mars/Olympus"),)))
    with pytest.raises(ConfigError, match=r"^channels\[0\]\.topics\[1\]: OR needs a word"):
        check_channel_configs(Config(channels=(ChannelConfig(id="console:a", topics=("NATO", "OR")),)))
    check_channel_configs(Config(channels=(good,)))
