"""Time windows people type ("since Monday", "this week", "yesterday", "24h") relative to an injected now."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.timeparse import parse_since

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {d[:3]: i for i, d in enumerate(_DAYS)}


class WhenError(ValueError):
    """A time window the bot cannot read; the message says what it can."""


class NoBriefingYet(WhenError):
    """"since last briefing" in a channel that has had no scheduled briefing."""


def _midnight(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def parse_when(text: str, now: datetime, *, last_briefing: datetime | None = None) -> datetime:
    """"Monday" (the latest Monday, today if it is Monday), "this week", "last week", "today",
    "yesterday", "24h"/"3d"/"1w", or an ISO date -> the start of the window (aware, like ``now``).
    "last briefing" (or "the briefing"): ``last_briefing``, the end of the period the channel's last scheduled
    briefing covered (its watermark); a WhenError when it has had none."""
    typed = re.sub(r"[^\w\- :]", " ", text.lower()).split()
    last = "last" in typed or "past" in typed
    words = [w for w in typed if w not in ("since", "from", "the", "on", "last", "past", "my", "our")] or typed
    phrase = " ".join(words)
    if not phrase:
        raise WhenError("empty time")
    if phrase in ("briefing", "brief"):
        if last_briefing is None:
            raise NoBriefingYet("this channel has had no scheduled briefing yet: try \"since 24h\" or \"since Monday\"")
        return last_briefing.astimezone(now.tzinfo) if now.tzinfo else last_briefing
    if phrase in ("today",):
        return _midnight(now)
    if phrase == "yesterday":
        return _midnight(now) - timedelta(days=1)
    if last and phrase == "week":  # "last week": the whole previous calendar week and this one
        return _midnight(now) - timedelta(days=now.weekday() + 7)
    if phrase in ("this week", "week"):
        return _midnight(now) - timedelta(days=now.weekday())
    if last and phrase == "month":
        first = _midnight(now).replace(day=1)
        return (first - timedelta(days=1)).replace(day=1)
    if phrase in ("this month", "month"):
        return _midnight(now).replace(day=1)
    day = _SHORT.get(phrase[:3]) if phrase.rstrip("s") in _DAYS or phrase in _SHORT else None
    if day is not None:
        back = (now.weekday() - day) % 7
        return _midnight(now) - timedelta(days=back)
    try:
        return parse_since(phrase, now)
    except ValueError as exc:
        raise WhenError(
            f"I can't read the time {text.strip()[:40]!r}: try 24h, 3 days, yesterday, Monday, this week, last week, "
            "last briefing or a date like 2026-11-01") from exc
