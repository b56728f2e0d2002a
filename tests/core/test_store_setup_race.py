"""Two commands setting up a new PostgreSQL store at once: one migrates, the other waits for it and finds the store
set up (no "duplicate key value violates unique constraint pg_type_typname_nsp_index")."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from tests.pg import fresh_database

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("openers", [2, 3])
async def test_concurrent_set_ups_of_a_new_store_both_succeed(openers: int) -> None:
    url = await fresh_database("briefbot_test_setup_race")
    opened = await asyncio.gather(*(Database.open(url) for _ in range(openers)), return_exceptions=True)
    try:
        assert [o for o in opened if isinstance(o, BaseException)] == []
    finally:
        for database in opened:
            if isinstance(database, Database):
                await database.close()
    database = await Database.open(url)
    try:
        assert await database.schema_version() == len(MIGRATIONS)
        async with database.connect() as conn:
            versions = (await conn.execute(sa.text("SELECT version FROM schema_version ORDER BY version"))).scalars()
            assert list(versions) == list(range(1, len(MIGRATIONS) + 1))  # each migration ran once
    finally:
        await database.close()
