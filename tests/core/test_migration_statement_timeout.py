"""A migration statement that runs past database.migration_statement_timeout_seconds (a runaway statement, or one
stuck behind something other than a lock) is stopped by the server: one line naming the store, the migration step and
the setting to raise, the step's transaction rolled back and the schema version not bumped (PostgreSQL)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot import cli
from bot.app import App
from bot.config import Config, ConfigError, DatabaseConfig, parse_config
from bot.store import db as store_db
from bot.store.db import Database, StoreError, redact_url
from bot.store.migrations import MIGRATIONS
from tests import pg

TINY = 0.05  # seconds: the per-statement limit here
SLEEP = 0.3  # seconds the test-only step's slow statement takes: past TINY, a fraction of a second all the same
LATEST = len(MIGRATIONS)


async def _v_slow_step(conn: AsyncConnection, dialect: str) -> None:
    """A test-only step after the real ones: a change, then a statement slower than the limit."""
    await conn.execute(sa.text("CREATE TABLE slow_step_marker (n INTEGER)"))
    await conn.execute(sa.text("SELECT pg_sleep(:s)"), {"s": SLEEP})


async def migrated_store(name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store at this briefbot's schema version, with the slow test-only step pending after it."""
    url = await pg.fresh_database(name)
    await (await Database.open(url)).close()
    monkeypatch.setattr(store_db, "MIGRATIONS", (*MIGRATIONS, _v_slow_step))
    return url


async def version_and_marker(url: str) -> tuple[int, bool]:
    database = await Database.open(url, migrate=False)
    try:
        async with database.connect() as conn:
            marker = await conn.run_sync(lambda c: sa.inspect(c).has_table("slow_step_marker"))
        return await database.schema_version(), marker
    finally:
        await database.close()


@pytest.mark.postgres
async def test_a_statement_past_the_limit_is_stopped_with_one_line_and_nothing_changed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = await migrated_store("briefbot_test_migration_stmt_timeout", monkeypatch)
    with pytest.raises(StoreError) as raised:
        await Database.open(url, migration_statement_seconds=TINY)
    line = str(raised.value)
    assert "\n" not in line and line.startswith(f"the store at {redact_url(url)}")
    assert f'schema version {LATEST + 1}\'s migration step "slow step"' in line
    assert f"ran past {TINY:g} s" in line and "a single statement" in line
    assert f"nothing was changed (the store stays at schema version {LATEST})" in line
    assert "raise database.migration_statement_timeout_seconds (0 = no limit)" in line
    assert await version_and_marker(url) == (LATEST, False)  # rolled back: no marker table, no version row


@pytest.mark.postgres
async def test_no_limit_or_a_generous_one_lets_the_step_finish(monkeypatch: pytest.MonkeyPatch) -> None:
    url = await migrated_store("briefbot_test_migration_stmt_none", monkeypatch)
    opened = await Database.open(url, migration_statement_seconds=0)
    try:
        async with opened.connect() as conn:  # the limit went with the migration's transaction
            assert (await conn.execute(sa.text("SHOW statement_timeout"))).scalar() == "0"
    finally:
        await opened.close()
    assert await version_and_marker(url) == (LATEST + 1, True)


@pytest.mark.postgres
async def test_the_default_limit_applies_and_leaves_no_timeout_on_the_pooled_connection(
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = await migrated_store("briefbot_test_migration_stmt_default", monkeypatch)
    opened = await Database.open(url)
    try:
        async with opened.connect() as conn:
            assert (await conn.execute(sa.text("SHOW statement_timeout"))).scalar() == "0"
    finally:
        await opened.close()
    assert await version_and_marker(url) == (LATEST + 1, True)
    assert 10 * 60 <= store_db.MIGRATION_STATEMENT_SECONDS <= 2 * 60 * 60  # minutes of a big store's upgrade


@pytest.mark.postgres
async def test_the_command_reads_the_setting_and_exits_3(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    url = await migrated_store("briefbot_test_migration_stmt_cli", monkeypatch)
    config = tmp_path / "config.toml"
    config.write_text(f"[database]\nmigration_statement_timeout_seconds = {TINY}\n")
    code = await cli._run(cli.parse_args(["--config", str(config), "--db", url, "sources"]))
    err = capsys.readouterr().err
    assert code == 3
    [line] = err.splitlines()
    assert line.startswith("briefbot: ") and 'migration step "slow step" ran past' in line
    assert await version_and_marker(url) == (LATEST, False)


@pytest.mark.postgres
async def test_the_app_opens_the_store_with_the_configured_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    url = await migrated_store("briefbot_test_migration_stmt_app", monkeypatch)
    app = App(Config(database=DatabaseConfig(migration_statement_timeout_seconds=TINY)), db_url=url)
    with pytest.raises(StoreError, match=r"raise database\.migration_statement_timeout_seconds"):
        await app.db()
    await app.close()


def test_the_setting_is_read_and_checked() -> None:
    read = parse_config(tomllib.loads("[database]\nmigration_statement_timeout_seconds = 90\n"), {})
    assert read.database.migration_statement_timeout_seconds == 90
    assert DatabaseConfig().migration_statement_timeout_seconds == store_db.MIGRATION_STATEMENT_SECONDS
    with pytest.raises(ConfigError, match=r"database.migration_statement_timeout_seconds: expected 0 \(no limit\)"):
        parse_config(tomllib.loads("[database]\nmigration_statement_timeout_seconds = -1\n"), {})


async def test_sqlite_migrations_take_the_setting_and_are_unchanged(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    opened = await Database.open(url, migration_statement_seconds=TINY)
    try:
        assert await opened.schema_version() == LATEST
    finally:
        await opened.close()
