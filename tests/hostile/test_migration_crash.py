"""A migration interrupted half-way (an exception here; a SIGKILL in the kill tests) leaves nothing behind:
the next open migrates from scratch instead of refusing forever with "table already exists"."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from benchmarks.reliability_kills import check_store, migration_cycle, time_migration
from bot.store import db as db_module
from bot.store.db import Database, StoreError
from bot.store.migrations import MIGRATIONS


class Interrupted(RuntimeError):
    pass


async def test_a_migration_interrupted_after_its_ddl_rolls_back_whole(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    async def v1_then_die(conn: AsyncConnection, dialect: str) -> None:
        await MIGRATIONS[0](conn, dialect)  # every CREATE TABLE / CREATE VIRTUAL TABLE of v1 ...
        raise Interrupted("the process died here")  # ... then the crash, before the version row

    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setattr(db_module, "MIGRATIONS", (v1_then_die, *MIGRATIONS[1:]))
    with pytest.raises(StoreError):
        await Database.open(url)
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    db = await Database.open(url)  # was: StoreError "table article_fts already exists", for ever
    try:
        assert await db.schema_version() == len(MIGRATIONS)
        async with db.connect() as conn:
            assert (await conn.execute(sa.text("SELECT count(*) FROM article_fts"))).scalar() == 0
    finally:
        await db.close()
    assert check_store(tmp_path / "store.db").integrity_ok


def test_sigkill_during_migration_then_reopen(tmp_path: Path) -> None:
    """Three real SIGKILLs spread over the migration's own duration (imports excluded)."""
    window = time_migration(tmp_path / "timing.db")
    outcomes = [migration_cycle(tmp_path / "store.db", window * (i + 0.5) / 3) for i in range(3)]
    assert [o.outcome for o in outcomes] == ["opened"] * 3, [o.detail for o in outcomes]
