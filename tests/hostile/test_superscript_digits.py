"""Characters that are digits to ``str.isdigit`` but not numbers ``int`` can read (``²``, ``³``, ``①``) never crash
a reader: a headline's toll, a schedule, a Retry-After header, quiet hours (a story number typed in chat:
tests/channels/test_superscript_story_number.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.backoff import retry_after
from bot.nlp.spelled_numbers import spelled_quantities
from bot.schedule import ScheduleError, parse_schedule
from bot.schedule_words import spoken_quiet
from digests.figures_differ import death_toll

NOW = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("mark", ["²", "³", "①"])
def test_a_digit_int_cannot_read_is_no_number(mark: str) -> None:
    assert mark.isdigit() and not mark.isdecimal()
    assert spelled_quantities([mark, "dead"]) == [mark, "dead"]
    assert death_toll(f"Harbour {mark} dead as storm hits") is None
    assert retry_after({"Retry-After": mark}, NOW) is None
    assert spoken_quiet(f"{mark}-7") == f"{mark}-7"
    for spec in (f"cron {mark} 8 * * *", f"cron */{mark} * * * *"):
        with pytest.raises(ScheduleError):
            parse_schedule(spec)

