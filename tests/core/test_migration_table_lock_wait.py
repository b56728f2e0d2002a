"""An older briefbot still using a table the next migration alters (an open transaction, a long query): the newer
one's migration waits a bounded time for that table's lock, then fails with one line naming the store and the table,
changes nothing (exit 3), and migrates once the lock is released (PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
import sqlalchemy as sa

from bot import cli
from bot.store import db as store_db
from bot.store.db import Database, StoreError, redact_url
from bot.store.migrations import MIGRATIONS
from tests import pg

pytestmark = pytest.mark.postgres

TINY = 0.05  # seconds: the migration's lock_timeout here (nothing sleeps)
BEFORE = 24  # v25 adds a column to attributions (ALTER TABLE: an ACCESS EXCLUSIVE lock); later ones follow it


async def store_at_v24(name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store migrated up to ``BEFORE``, as an older briefbot left it."""
    url = await pg.fresh_database(name)
    monkeypatch.setattr(store_db, "MIGRATIONS", MIGRATIONS[:BEFORE])
    older = await Database.open(url)
    await older.close()
    monkeypatch.setattr(store_db, "MIGRATIONS", MIGRATIONS)
    monkeypatch.setattr(store_db, "MIGRATION_TABLE_LOCK_WAIT_SECONDS", TINY)
    return url


@asynccontextmanager
async def older_bot_reading(url: str) -> AsyncIterator[None]:
    """A second connection inside an open transaction that has read attributions (holds ACCESS SHARE on it)."""
    older = await Database.open(url, migrate=False)
    try:
        async with older.begin() as conn:
            await conn.execute(sa.text("LOCK TABLE attributions IN ACCESS SHARE MODE"))
            yield
    finally:
        await older.close()


async def version_and_columns(url: str) -> tuple[int, list[str]]:
    database = await Database.open(url, migrate=False)
    try:
        async with database.connect() as conn:
            columns = list((await conn.execute(sa.text(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'attributions'"))).scalars())
        return await database.schema_version(), columns
    finally:
        await database.close()


async def test_a_table_another_process_uses_is_waited_for_briefly_then_one_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = await store_at_v24("briefbot_test_migration_table_lock", monkeypatch)
    async with older_bot_reading(url):
        with pytest.raises(StoreError) as raised:
            await Database.open(url)
        version, columns = await version_and_columns(url)
    line = str(raised.value)
    assert "\n" not in line and line.startswith(f"the store at {redact_url(url)}")
    assert 'another briefbot process is using its table "attributions"' in line
    assert f"past {TINY:g} s" in line and "stop the older briefbot first" in line
    assert f"nothing was changed (the store stays at schema version {BEFORE})" in line
    assert version == BEFORE and "cue_particle" not in columns  # the migration's transaction rolled back
    opened = await Database.open(url)  # released: migrated at once
    try:
        assert await opened.schema_version() == len(MIGRATIONS)
    finally:
        await opened.close()
    assert "cue_particle" in (await version_and_columns(url))[1]


async def test_the_command_exits_3_with_that_line(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url = await store_at_v24("briefbot_test_migration_table_lock_exit", monkeypatch)
    async with older_bot_reading(url):
        code = await cli._run(cli.parse_args(["--db", url, "sources"]))
    err = capsys.readouterr().err
    assert code == 3
    [line] = err.splitlines()
    assert line.startswith("briefbot: ") and 'is using its table "attributions"' in line


def test_the_bound_is_seconds_not_minutes() -> None:
    # every query of the running bot on that table queues behind the waiting ALTER TABLE: stall it briefly only
    assert 1 <= store_db.MIGRATION_TABLE_LOCK_WAIT_SECONDS <= 30
    assert store_db._waited(store_db.MIGRATION_TABLE_LOCK_WAIT_SECONDS).endswith(" s")


async def test_versions_migrated_before_the_blocked_one_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    url = await pg.fresh_database("briefbot_test_migration_table_lock_part")
    monkeypatch.setattr(store_db, "MIGRATIONS", MIGRATIONS[:BEFORE - 1])
    await (await Database.open(url)).close()
    monkeypatch.setattr(store_db, "MIGRATIONS", MIGRATIONS)
    monkeypatch.setattr(store_db, "MIGRATION_TABLE_LOCK_WAIT_SECONDS", TINY)
    async with older_bot_reading(url):  # v24 (stories and articles) goes through; v25 waits for attributions
        with pytest.raises(StoreError) as raised:
            await Database.open(url)
        version, _ = await version_and_columns(url)
    assert version == BEFORE
    assert (f"the store was migrated to schema version {BEFORE} only; version {BEFORE + 1} changed nothing"
            in str(raised.value))


@pytest.mark.parametrize(("statement", "table"), [
    ("ALTER TABLE attributions ADD COLUMN cue_particle TEXT", "attributions"),
    ('UPDATE "sources" SET articles = $1 WHERE sources.key = $2', "sources"),
    ("CREATE INDEX ix_articles_fetched ON articles (fetched_at)", "articles"),
    ("SELECT 1", None),
])
def test_the_table_is_read_from_the_waiting_statement(statement: str, table: str | None) -> None:
    assert store_db._table_named(statement) == table
