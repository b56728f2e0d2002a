"""`briefbot store backup PATH`: SQLite's online backup while a writer holds a transaction open gives a consistent,
openable, owner-only file; an existing file is never replaced; PostgreSQL is pointed to pg_dump."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from tests.core.store_copy_fill import answers, cli, fill


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("filled") / "source.db"
    asyncio.run(fill(f"sqlite:///{path}"))
    return path, asyncio.run(answers(f"sqlite:///{path}"))


@pytest.fixture
def store(filled: tuple[Path, dict[str, str]], tmp_path: Path) -> Path:
    copy = tmp_path / "store.db"
    shutil.copy2(filled[0], copy)
    return copy


async def test_a_backup_while_a_writer_holds_a_transaction_is_the_last_committed_store(
        filled: tuple[Path, dict[str, str]], store: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backups" / "briefbot-2026-11-21.db"
    backup.parent.mkdir()
    with closing(sqlite3.connect(store, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # a bot half-way through a write: the write lock held, not committed
        writer.execute("UPDATE channels SET paused = 1")
        writer.execute("DELETE FROM subscriptions")
        result = await cli("store", "backup", str(backup), "--db", str(store))
        writer.execute("COMMIT")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Backed up {store} to {backup} (")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # no temporary file left
    with closing(sqlite3.connect(backup)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, nothing beside it
    assert await answers(f"sqlite:///{backup}") == filled[1]  # the store before the uncommitted write
    db = await Database.open(str(backup))
    try:
        assert await db.schema_version() == len(MIGRATIONS)
    finally:
        await db.close()
    assert (await cli("channels", "--json", "--db", str(store))).out != filled[1]["channels"]  # the write landed


async def test_an_existing_file_is_never_replaced(store: Path, tmp_path: Path) -> None:
    existing = tmp_path / "old-backup.db"
    existing.write_bytes(b"yesterday's backup")
    before = hashlib.sha256(existing.read_bytes()).hexdigest()
    result = await cli("store", "backup", str(existing), "--db", str(store))
    assert result.code == 2
    assert f"{existing} exists already; a backup never replaces a file" in result.err
    assert hashlib.sha256(existing.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old-backup.db", "store.db"]


async def test_a_missing_store_is_named_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    result = await cli("store", "backup", str(tmp_path / "b.db"), "--db", str(missing))
    assert result.code == 3 and f"no SQLite store at {missing}" in result.err
    assert list(tmp_path.iterdir()) == []


async def test_a_postgresql_store_is_pointed_to_pg_dump_and_store_copy(tmp_path: Path) -> None:
    result = await cli("store", "backup", str(tmp_path / "b.db"), "--db",
                       "postgresql://briefbot:Pw-4411aa@127.0.0.1:1/briefbot")
    assert result.code == 2
    assert "the store is PostgreSQL" in result.err and "pg_dump" in result.err and "store copy" in result.err
    assert "Pw-4411aa" not in result.err and list(tmp_path.iterdir()) == []
