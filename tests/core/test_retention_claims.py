"""Retention of claims: `briefbot prune` and the daily job remove claims of chat messages a day old, with any
question a stopped run left in them; recent claims stay, and retention off removes nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.cli_retention import prune_job
from bot.config import parse_config
from bot.models import ChannelRef
from bot.store.answered import KEEP_CLAIMS, AnsweredStore
from bot.store.db import Database
from bot.store.retention import PruneReport, claims_cutoff, prune
from bot.store.schema import answered_messages
from tests.pg import fresh_database

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CHANNEL = ChannelRef("discord", "1234")


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/store.db"
    else:
        url = await fresh_database("briefbot_test_retention_claims")
    database = await Database.open(url)
    yield database
    await database.close()


async def stored(db: Database) -> dict[str, str | None]:
    """Message id -> question kept, for every claim in the store."""
    async with db.connect() as conn:
        found = await conn.execute(sa.select(answered_messages.c.message, answered_messages.c.question))
        return {str(r.message): r.question for r in found}


async def claims(db: Database) -> None:
    """An old claim left undone with its question, an old one done, and a recent one left undone."""
    stopped = AnsweredStore(db, owner="stopped-run")
    assert await stopped.claim(CHANNEL, "old-undone", now=NOW - KEEP_CLAIMS - timedelta(hours=2),
                               question='{"text": "who said what about the harbour"}')
    assert await stopped.claim(CHANNEL, "old-done", now=NOW - KEEP_CLAIMS - timedelta(hours=1))
    await stopped.done(CHANNEL, "old-done")
    assert await stopped.claim(CHANNEL, "recent", now=NOW - timedelta(hours=3), question='{"text": "brief me"}')


async def test_prune_removes_claims_a_day_old_with_their_questions_and_keeps_recent_ones(db: Database) -> None:
    await claims(db)
    assert set(await stored(db)) == {"old-undone", "old-done", "recent"}

    dry = await prune(db, before=NOW - timedelta(days=90), claims_before=claims_cutoff(NOW), dry_run=True)
    assert dry == PruneReport(answered_claims=2)
    assert set(await stored(db)) == {"old-undone", "old-done", "recent"}

    report = await prune(db, before=NOW - timedelta(days=90), claims_before=claims_cutoff(NOW))

    assert report == PruneReport(answered_claims=2)
    assert await stored(db) == {"recent": '{"text": "brief me"}'}


async def test_without_a_claims_cut_off_prune_leaves_claims_alone(db: Database) -> None:
    await claims(db)

    assert await prune(db, before=NOW - timedelta(days=90)) == PruneReport()
    assert set(await stored(db)) == {"old-undone", "old-done", "recent"}


async def test_the_daily_job_removes_old_claims_and_retention_off_has_no_job(db: Database) -> None:
    await claims(db)
    job = prune_job(parse_config({"database": {"keep_days": 90}}, {}), db)
    off = prune_job(parse_config({"database": {"keep_days": 0}}, {}), db)
    assert job is not None and off is None

    report = await job(NOW)

    assert report.answered_claims == 2
    assert set(await stored(db)) == {"recent"}
