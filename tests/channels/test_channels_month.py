"""A simulated month per DST change, in three timezones, with crashes: every slot once, no story repeated or missed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests import pg
from tests.channels.month_sim import simulate

SPRING = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))  # US 8 March, EU 29 March
AUTUMN = (datetime(2026, 10, 15, tzinfo=UTC), datetime(2026, 11, 15, tzinfo=UTC))  # EU 25 October, US 1 November


@pytest.mark.parametrize(("window", "seed"), [(SPRING, 1), (AUTUMN, 2)], ids=["spring", "autumn"])
async def test_a_month_on_sqlite_with_crashes_delivers_every_slot_once(
        tmp_path: Path, window: tuple[datetime, datetime], seed: int) -> None:
    result = await simulate(f"sqlite:///{tmp_path / 'month.db'}", *window, seed=seed)
    assert result.problems == []
    assert result.crashes >= 20 and result.deduped_reposts >= 1  # crashes happened, re-posts were absorbed
    assert result.slots > 250 and result.posts > 250 and result.stories > 150


async def test_two_weeks_on_postgresql_with_crashes_deliver_every_slot_once() -> None:
    url = await pg.fresh_database("briefbot_test_channels")
    # both autumn changes (EU 25 October, US 1 November) in a shorter window: the store is what differs here
    result = await simulate(url, datetime(2026, 10, 20, tzinfo=UTC), datetime(2026, 11, 5, tzinfo=UTC), seed=3)
    assert result.problems == []
    assert result.crashes >= 10 and result.slots > 120
