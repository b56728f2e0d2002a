"""A store that cannot be used mid-command (SQLite locked by another process or its disk full, a PostgreSQL
connection lost) is one line naming the store and why, exit code 3, from every command; the store stays as it was.
Every text here was written for these tests."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi

from bot.models import Article
from bot.store import db as store_db
from bot.store.articles import ArticleStore, SaveResult
from bot.store_outage import is_store_unreachable
from tests.cli_run import cli
from tests.pg import fresh_database

NOTE = (
    "Harbour crane repairs in Velmora\n\nThe harbour crane at Velmora will be repaired over the winter, the port "
    "office said. Work starts in the first week of the month.\n"
)
LATER = (
    "Velmora ferry pier reopens\n\nThe ferry pier at Velmora reopens on Friday after its deck was replaced, "
    "the council said. Crossings resume at seven.\n"
)


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A SQLite store holding one ingested file."""
    first = tmp_path / "crane.txt"
    first.write_text(NOTE, encoding="utf-8")
    path = tmp_path / "store.db"
    code, _, _ = cli(capsys, "ingest", str(first), "--db", str(path), "--no-quotes")
    assert code == 0
    return path


@pytest.fixture
def locked(store: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The store with another process's write transaction open, and no waiting for its lock."""
    monkeypatch.setattr(store_db, "SQLITE_BUSY_SECONDS", 0.0)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sources SET name = name")
    try:
        yield store
    finally:
        holder.execute("ROLLBACK")
        holder.close()


WRITING = [
    ("ingest", "{later}"),
    ("schedule", "console:desk", "daily", "08:00"),
    ("alerts", "console:desk", "3"),
    ("sources", "remove", "{first}"),
    ("prune",),
]


def _args(command: Sequence[str], store: Path) -> list[str]:
    later = store.parent / "pier.txt"
    later.write_text(LATER, encoding="utf-8")
    words = {"{later}": str(later), "{first}": str(store.parent / "crane.txt")}
    return [words.get(word, word) for word in command]


def _one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.strip()


def _intact(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)
    code, out, _ = cli(capsys, "sources", "--db", str(store))
    assert code == 0 and "crane.txt" in out


@pytest.mark.parametrize("command", WRITING, ids=lambda c: " ".join(c[:2]))
def test_a_store_locked_by_another_process_is_one_line_and_exit_3(
    command: Sequence[str], locked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, *_args(command, locked), "--db", str(locked))
    line = _one_line(err)
    assert code == 3, err
    assert line.startswith(f"briefbot: the store at {locked} cannot be used: database is locked"), line
    assert "another process is writing to it and held its lock longer than briefbot waits (0 s)" in line


def test_the_locked_store_is_intact_once_released(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(store_db, "SQLITE_BUSY_SECONDS", 0.0)
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sources SET name = name")
    code, _, _ = cli(capsys, *_args(("ingest", "{later}"), store), "--db", str(store))
    holder.execute("ROLLBACK")
    holder.close()
    assert code == 3
    _intact(store, capsys)


def test_a_full_disk_is_one_line_and_exit_3(
    store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = store_db._sqlite_pragmas

    def no_room(dbapi_conn: Any, record: Any, *, busy: float) -> None:  # the file may not grow: SQLITE_FULL
        real(dbapi_conn, record, busy=busy)
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    monkeypatch.setattr(store_db, "_sqlite_pragmas", no_room)
    timetable = store.parent / "timetable.txt"  # more than the free room left in the store's pages
    timetable.write_text(
        "Velmora winter timetable\n\n"
        + " ".join(f"Crossing {n} leaves the Velmora pier at {n} minutes past the hour." for n in range(300)),
        encoding="utf-8",
    )
    code, _, err = cli(capsys, "ingest", str(timetable), "--db", str(store), "--no-quotes")
    line = _one_line(err)
    assert code == 3, err
    assert line.startswith(f"briefbot: the store at {store} cannot be used: database or disk is full"), line
    assert "free space" in line
    monkeypatch.setattr(store_db, "_sqlite_pragmas", real)
    _intact(store, capsys)


def _lost_connection() -> sa.exc.DBAPIError:
    """What SQLAlchemy raised when the auditor's PostgreSQL backend was ended mid-ingest."""
    words = "cannot switch to state 12; another operation (2) is in progress"
    driver = asyncpg.exceptions.InternalClientError(words)
    adapted = AsyncAdapt_asyncpg_dbapi.InternalClientError(words, driver)  # type: ignore[no-untyped-call]
    adapted.__cause__ = driver
    return sa.exc.InternalError("INSERT INTO sources (key) VALUES ($1::VARCHAR)", {}, adapted)


def test_an_asyncpg_connection_stuck_mid_operation_is_an_outage() -> None:
    assert is_store_unreachable(_lost_connection())
    words = "the statement cache is full"  # asyncpg's error of another kind: a bug, not an outage
    other = AsyncAdapt_asyncpg_dbapi.InternalClientError(words, asyncpg.exceptions.InternalClientError(words))  # type: ignore[no-untyped-call]
    assert not is_store_unreachable(sa.exc.InternalError("SELECT 1", {}, other))


def test_a_postgresql_connection_lost_mid_ingest_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = asyncio.run(fresh_database("briefbot_test_unusable_cli"))

    async def cut(
        self: ArticleStore, batch: Sequence[Article], *, now: datetime, committed: Any = None, count_for: Any = None
    ) -> list[SaveResult]:
        raise _lost_connection()

    monkeypatch.setattr(ArticleStore, "save_many", cut)
    later = tmp_path / "pier.txt"
    later.write_text(LATER, encoding="utf-8")
    code, _, err = cli(capsys, "ingest", str(later), "--db", url, "--no-quotes")
    line = _one_line(err)
    assert code == 3, err
    shown = url.replace("postgres@", "***@")
    assert line.startswith(f"briefbot: the store at {shown} cannot be used: cannot switch to state 12"), line
    assert "connection to the server was lost" in line
