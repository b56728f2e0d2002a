"""asyncpg's "cannot switch to state …; another operation is in progress" (a connection left mid-operation, which
SQLAlchemy does not mark as lost) is retried by ``Database.transaction`` as a lost connection is: that connection is
dropped and the work runs again on a fresh one. SQLite and PostgreSQL, the error injected. Texts invented here."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.db import Database
from bot.store.schema import sources
from tests import pg

KEY = "https://quarnby-gazette.test/feed"


def stuck() -> sa.exc.DBAPIError:
    """What SQLAlchemy raises for asyncpg's stuck connection (as it raised it when a backend was ended mid-ingest)."""
    words = "cannot switch to state 12; another operation (2) is in progress"
    driver = asyncpg.exceptions.InternalClientError(words)
    adapted = AsyncAdapt_asyncpg_dbapi.InternalClientError(words, driver)  # type: ignore[no-untyped-call]
    adapted.__cause__ = driver
    return sa.exc.InternalError("INSERT INTO sources (key) VALUES ($1::VARCHAR)", {}, adapted)


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (
        f"sqlite:///{tmp_path / 'stuck.db'}"
        if request.param == "sqlite"
        else await pg.fresh_database("briefbot_test_stuck_retry")
    )
    database = await Database.open(url)
    yield database
    await database.close()


async def _raw(conn: AsyncConnection) -> object:
    return (await conn.get_raw_connection()).driver_connection


async def test_a_stuck_connection_is_dropped_and_the_transaction_run_again(
    any_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    used: list[object] = []

    async def work(conn: AsyncConnection) -> int:
        used.append(await _raw(conn))
        await conn.execute(
            sources.insert().values(
                key=KEY, kind="feed", name="Quarnby Gazette", failures=0, disabled=False, interval_seconds=0, articles=0
            )
        )
        if len(used) == 1:
            raise stuck()
        return len(used)

    with caplog.at_level(logging.WARNING):
        assert await any_db.transaction(work) == 2
    assert used[0] is not used[1]  # the stuck connection was not handed out again
    async with any_db.connect() as conn:
        assert (await conn.execute(sa.select(sa.func.count()).select_from(sources))).scalar() == 1
        assert await _raw(conn) is not used[0]  # nor later: the pool no longer holds it
    assert [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()] == [
        "the database connection was lost mid-transaction; retrying (attempt 2 of 3)"
    ]


async def test_a_connection_stuck_every_time_is_raised_after_the_last_attempt(any_db: Database) -> None:
    tries: list[int] = []

    async def work(conn: AsyncConnection) -> None:
        tries.append(1)
        raise stuck()

    with pytest.raises(sa.exc.InternalError, match="another operation"):
        await any_db.transaction(work)
    assert len(tries) == 3


async def test_another_internal_error_is_not_retried(any_db: Database) -> None:
    tries: list[int] = []

    async def work(conn: AsyncConnection) -> None:
        tries.append(1)
        raise sa.exc.InternalError("SELECT 1", {}, RuntimeError("a different fault"))

    with pytest.raises(sa.exc.InternalError):
        await any_db.transaction(work)
    assert tries == [1]
