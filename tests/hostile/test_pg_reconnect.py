"""PostgreSQL connections terminated server-side during a stream of writes (never the server restarted:
it is shared). Uses its own database, briefbot_test_hostile."""

from __future__ import annotations

import pytest

from benchmarks.reliability_pg import terminate_during_writes
from tests.pg import fresh_database

pytestmark = pytest.mark.postgres
DB_NAME = "briefbot_test_hostile"


async def test_connections_killed_between_writes_are_replaced_transparently() -> None:
    url = await fresh_database(DB_NAME)
    report = await terminate_during_writes(url, 60, every=6)
    assert report.terminations > 0
    assert report.errors_escaped == 0 and report.lost == 0 and report.acknowledged == 60


async def test_connections_killed_mid_write_lose_nothing_acknowledged() -> None:
    url = await fresh_database(DB_NAME)
    report = await terminate_during_writes(url, 40, every=4, mid_transaction=True)
    assert report.terminations > 0
    assert report.lost == 0  # every save that returned is in the store
    assert report.acknowledged >= 40 - report.terminations  # each kill costs at most the write in flight


async def test_connections_killed_mid_write_raise_nothing() -> None:
    url = await fresh_database(DB_NAME)
    report = await terminate_during_writes(url, 40, every=4, mid_transaction=True)
    assert report.errors_escaped == 0, report.error_kinds
