"""Read times people type: 24h, 3 days, 90m, 1w or an ISO date."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_RELATIVE = re.compile(
    r"^\s*(\d+)\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_since(text: str, now: datetime) -> datetime:
    """``24h``, ``3 days``, ``90m``, ``1w`` or an ISO date/time -> an aware datetime.

    A date or time without a zone is read in ``now``'s zone (UTC when ``now`` has none), so "2026-11-01" asked
    in a channel on Brussels time means midnight in Brussels."""
    match = _RELATIVE.match(text)
    if match:
        try:
            return now - timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)[0].lower()])
        except OverflowError:  # "99999999999d": further back than a datetime reaches
            raise ValueError(f"--since: {text.strip()!r} reaches back further than year 1") from None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f'--since: expected "24h", "3d", "90m" or a date like 2026-11-01, got {text!r}') from exc
    return value.replace(tzinfo=now.tzinfo or UTC) if value.tzinfo is None else value
