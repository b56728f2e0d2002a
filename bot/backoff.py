"""When to poll a source next: durations, HTTP cache and Retry-After hints, backoff and jitter (pure)."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|d|w)", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+(?:\.\d+)?\s*(?:ms|s|sec|m|min|h|d|w)\s*)+$", re.IGNORECASE)
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)\"?\s*(?:,|$)", re.IGNORECASE)
_NO_CACHE = re.compile(r"(?:^|,)\s*(?:no-cache|no-store)\s*(?:,|$)", re.IGNORECASE)
RETRY_AFTER_CAP = timedelta(days=1)  # a server asking for more than a day is retried after a day


def parse_duration(text: str, *, key: str = "duration") -> timedelta:
    """``30m``, ``6h``, ``90s``, ``1d``, ``1h30m`` -> a timedelta; a clear ValueError otherwise."""
    if not _WHOLE.match(text):
        raise ValueError(f'{key}: expected a duration like "30m", "6h" or "1h30m", got {text!r}')
    seconds = sum(float(n) * _UNIT_SECONDS[u.lower()] for n, u in _PART.findall(text))
    if seconds <= 0:
        raise ValueError(f"{key}: a duration must be positive, got {text!r}")
    try:
        return timedelta(seconds=seconds)
    except OverflowError:  # past timedelta's 999,999,999 days
        raise ValueError(f"{key}: a duration too long to read, got {text!r}") from None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _http_date(text: str) -> datetime | None:
    try:
        value = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _asked(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    """Retry-After as delta-seconds or an HTTP date, not capped (but a number past a day is read as a day and a
    second: "99999999999999999999" would overflow a timedelta); None when absent or unreadable."""
    raw = _header(headers, "retry-after")
    if raw is None:
        return None
    raw = raw.strip()
    if raw.isdecimal():  # not isdigit: "²" is a digit int() cannot read
        return timedelta(seconds=min(int(raw), int(RETRY_AFTER_CAP.total_seconds()) + 1))
    when = _http_date(raw)
    return None if when is None else max(when - now, timedelta(0))


def retry_after(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    """Retry-After as delta-seconds or an HTTP date, capped at a day; None when absent or unreadable."""
    delay = _asked(headers, now)
    return None if delay is None else min(delay, RETRY_AFTER_CAP)


def retry_after_cut(source: str, headers: Mapping[str, str], now: datetime) -> str | None:
    """The log line for a Retry-After that asks for more than a day (honoured as a day: ``retry_after``); None when
    it asks for a day or less, or is absent or unreadable."""
    delay = _asked(headers, now)
    if delay is None or delay <= RETRY_AFTER_CAP:
        return None
    raw = (_header(headers, "retry-after") or "").strip()
    asked = f"{raw} s" if raw.isdecimal() else f"until {raw[:40]}"
    return (f"{source}: Retry-After asks to wait {asked}; the next poll is in "
            f"{int(RETRY_AFTER_CAP.total_seconds() // 3600)} h, the longest wait honoured")


def cache_lifetime(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    """How long the response says it stays fresh: Cache-Control max-age, else Expires minus Date."""
    control = _header(headers, "cache-control") or ""
    if _NO_CACHE.search(control):
        return None
    match = _MAX_AGE.search(control)
    if match:
        return timedelta(seconds=int(match.group(1)))
    expires_raw = _header(headers, "expires")
    if expires_raw is None:
        return None
    expires = _http_date(expires_raw)
    if expires is None:
        return None  # "Expires: 0" and other invalid dates mean already expired
    date_raw = _header(headers, "date")
    served = _http_date(date_raw) if date_raw else None
    return max(expires - (served or now), timedelta(0))


def backoff_delay(failures: int, interval: timedelta, max_backoff: timedelta) -> timedelta:
    """After n consecutive failures wait interval * 2**(n-1), capped at max_backoff (never below interval)."""
    if failures <= 0:
        return interval
    factor = 1 << min(failures - 1, 30)
    return max(interval, min(interval * factor, max_backoff))


@dataclass(frozen=True)
class PollTiming:
    """The scheduling rules for one source, from config and the source's own interval."""

    interval: timedelta
    max_backoff: timedelta
    jitter_seconds: float

    def jitter(self, rng: random.Random) -> timedelta:
        """Spread polls so sources added together do not stay in lock-step (never negative)."""
        return timedelta(seconds=rng.uniform(0, self.jitter_seconds)) if self.jitter_seconds > 0 else timedelta(0)

    def after_success(self, now: datetime, headers: Mapping[str, str], rng: random.Random) -> datetime:
        """Next poll after a good fetch: the interval, or longer if the server says the feed stays fresh."""
        delay = self.interval
        fresh = cache_lifetime(headers, now)
        if fresh is not None:
            delay = max(delay, min(fresh, max(self.max_backoff, self.interval)))
        return now + delay + self.jitter(rng)

    def after_failure(self, now: datetime, failures: int, headers: Mapping[str, str],
                      rng: random.Random, *, disabled: bool) -> datetime:
        """Next poll after a failed fetch: exponential backoff (the cap once disabled), or Retry-After."""
        delay = max(self.max_backoff, self.interval) if disabled else backoff_delay(
            failures, self.interval, self.max_backoff)
        asked = retry_after(headers, now)
        if asked is not None:
            delay = max(delay, asked)
        return now + delay + self.jitter(rng)
