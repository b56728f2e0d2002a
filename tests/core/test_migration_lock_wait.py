"""Another process holding the migration lock and stuck (not dead): opening the store waits a bounded time, then
fails with one line naming the store (exit 3), never migrating beside it (PostgreSQL)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot import cli
from bot.store import db as store_db
from bot.store.db import MIGRATION_LOCK_KEY, Database, StoreError, redact_url
from bot.store.migrations import MIGRATIONS
from tests import pg

pytestmark = pytest.mark.postgres

TINY = 0.05  # seconds: the server's lock_timeout for the waiting side (nothing here sleeps)


async def tables(url: str) -> list[str]:
    database = await Database.open(url, migrate=False)
    try:
        async with database.connect() as conn:
            return list((await conn.execute(sa.text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))).scalars())
    finally:
        await database.close()


async def test_a_stuck_migration_is_waited_for_a_bounded_time_then_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    url = await pg.fresh_database("briefbot_test_migration_lock_wait")
    monkeypatch.setattr(store_db, "MIGRATION_LOCK_WAIT_SECONDS", TINY)
    stuck = await Database.open(url, migrate=False)
    try:
        async with stuck.advisory_lock(MIGRATION_LOCK_KEY) as holds:  # never released while the other waits
            assert holds
            with pytest.raises(StoreError) as raised:
                await Database.open(url)
            assert await tables(url) == []  # nothing migrated beside the stuck one
        line = str(raised.value)
        assert "\n" not in line and redact_url(url) in line
        assert f"another briefbot process has been migrating it for {TINY:g} s" in line
        opened = await Database.open(url)  # released: migrated at once
        try:
            assert await opened.schema_version() == len(MIGRATIONS)
        finally:
            await opened.close()
    finally:
        await stuck.close()


async def test_the_command_exits_3_with_that_line(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url = await pg.fresh_database("briefbot_test_migration_lock_exit")
    monkeypatch.setattr(store_db, "MIGRATION_LOCK_WAIT_SECONDS", TINY)
    stuck = await Database.open(url, migrate=False)
    try:
        async with stuck.advisory_lock(MIGRATION_LOCK_KEY):
            code = await cli._run(cli.parse_args(["--db", url, "sources"]))
    finally:
        await stuck.close()
    err = capsys.readouterr().err
    assert code == 3
    [line] = err.splitlines()
    assert line.startswith("briefbot: ") and "another briefbot process has been migrating it" in line


def test_the_bound_is_generous_and_read_in_minutes() -> None:
    assert store_db.MIGRATION_LOCK_WAIT_SECONDS >= 10 * 60  # a real migration of a big store may take minutes
    assert store_db._waited(store_db.MIGRATION_LOCK_WAIT_SECONDS).endswith(" minutes")
