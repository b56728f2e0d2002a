"""Pure scheduling rules: durations, cache and Retry-After hints, exponential backoff, jitter."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.backoff import PollTiming, backoff_delay, cache_lifetime, parse_duration, retry_after

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HTTP_NOW = "Fri, 20 Nov 2026 09:00:00 GMT"


@pytest.mark.parametrize(("text", "seconds"), [
    ("30m", 1800), ("6h", 21600), ("90s", 90), ("1d", 86400), ("1h30m", 5400), (" 2 h ", 7200), ("500ms", 0.5),
])
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "30", "m30", "6 hours", "0m", "-5m", "1h x"])
def test_parse_duration_refuses_with_the_key(text: str) -> None:
    with pytest.raises(ValueError, match=r"scheduler\.max_backoff"):
        parse_duration(text, key="scheduler.max_backoff")


def test_retry_after_seconds_and_date() -> None:
    assert retry_after({"Retry-After": "120"}, NOW) == timedelta(seconds=120)
    assert retry_after({"retry-after": "Fri, 20 Nov 2026 09:05:00 GMT"}, NOW) == timedelta(minutes=5)
    assert retry_after({"Retry-After": "Fri, 20 Nov 2026 08:00:00 GMT"}, NOW) == timedelta(0)  # past
    assert retry_after({"Retry-After": "999999999"}, NOW) == timedelta(days=1)  # capped
    assert retry_after({"Retry-After": "9" * 40}, NOW) == timedelta(days=1)  # capped, not an OverflowError
    assert retry_after({"Retry-After": "soon"}, NOW) is None
    assert retry_after({}, NOW) is None


def test_cache_lifetime() -> None:
    assert cache_lifetime({"Cache-Control": "public, max-age=7200"}, NOW) == timedelta(hours=2)
    assert cache_lifetime({"Cache-Control": "no-cache, max-age=7200"}, NOW) is None
    assert cache_lifetime({"Cache-Control": "s-maxage=9"}, NOW) is None
    expires = {"Expires": "Fri, 20 Nov 2026 12:00:00 GMT", "Date": HTTP_NOW}
    assert cache_lifetime(expires, NOW) == timedelta(hours=3)
    # Expires is measured against the server's Date, not our clock
    assert cache_lifetime({"Expires": "Fri, 20 Nov 2026 12:00:00 GMT", "Date": "Fri, 20 Nov 2026 11:00:00 GMT"},
                          NOW) == timedelta(hours=1)
    assert cache_lifetime({"Expires": "0"}, NOW) is None
    assert cache_lifetime({}, NOW) is None


def test_backoff_doubles_from_the_interval_and_is_capped() -> None:
    interval, cap = timedelta(minutes=30), timedelta(hours=6)
    delays = [backoff_delay(n, interval, cap) for n in range(0, 9)]
    assert [d / timedelta(minutes=1) for d in delays] == [30, 30, 60, 120, 240, 360, 360, 360, 360]
    assert backoff_delay(10_000, interval, cap) == cap  # no overflow on long outages
    # an interval longer than the cap is never shortened by backoff
    assert backoff_delay(3, timedelta(hours=12), cap) == timedelta(hours=12)


def test_success_never_sooner_than_interval_and_honours_max_age() -> None:
    timing = PollTiming(timedelta(minutes=30), timedelta(hours=6), jitter_seconds=0)
    rng = random.Random(1)
    assert timing.after_success(NOW, {"Cache-Control": "max-age=60"}, rng) == NOW + timedelta(minutes=30)
    assert timing.after_success(NOW, {"Cache-Control": "max-age=3600"}, rng) == NOW + timedelta(hours=1)
    assert timing.after_success(NOW, {"Cache-Control": "max-age=31536000"}, rng) == NOW + timedelta(hours=6)


def test_failure_honours_retry_after_and_disabled_uses_cap() -> None:
    timing = PollTiming(timedelta(minutes=30), timedelta(hours=6), jitter_seconds=0)
    rng = random.Random(1)
    assert timing.after_failure(NOW, 1, {}, rng, disabled=False) == NOW + timedelta(minutes=30)
    assert timing.after_failure(NOW, 1, {"Retry-After": "7200"}, rng, disabled=False) == NOW + timedelta(hours=2)
    assert timing.after_failure(NOW, 3, {"Retry-After": "10"}, rng, disabled=False) == NOW + timedelta(hours=2)
    assert timing.after_failure(NOW, 1, {}, rng, disabled=True) == NOW + timedelta(hours=6)


def test_jitter_is_seeded_bounded_and_spreads() -> None:
    timing = PollTiming(timedelta(minutes=30), timedelta(hours=6), jitter_seconds=60)
    times = [timing.after_success(NOW, {}, random.Random(seed)) for seed in range(50)]
    assert all(NOW + timedelta(minutes=30) <= t <= NOW + timedelta(minutes=31) for t in times)
    assert len(set(times)) == 50
    again = [timing.after_success(NOW, {}, random.Random(seed)) for seed in range(50)]
    assert again == times
