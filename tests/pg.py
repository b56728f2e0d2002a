"""PostgreSQL for tests: a fresh database per test area and run on 127.0.0.1:5432, or a clear skip."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.store.db import Database

PG_HOST, PG_PORT = "127.0.0.1", 5432
# Each test run tags its databases with its process id, so two suites on one server (two checkouts, CI beside a
# developer's run) never drop each other's databases; a run drops its own at the end and those of runs that died.
RUN_TAG = f"p{os.getpid()}"
_TAGGED = re.compile(r"^briefbot_test_.*_p(\d+)$")
_created: set[str] = set()
_swept = False


def db_name(name: str) -> str:
    """The name this run gives the test database ``name`` (at most 63 bytes, PostgreSQL's limit)."""
    tagged = f"{name}_{RUN_TAG}"
    assert len(tagged.encode()) <= 63, tagged
    return tagged


def server_answers() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            return True
    except OSError:
        return False


def require_or_skip() -> None:
    """Skip with a reason where no server runs; CI sets BRIEFBOT_REQUIRE_POSTGRES=1 to fail instead."""
    if server_answers():
        return
    message = f"PostgreSQL is not answering on {PG_HOST}:{PG_PORT}"
    if os.environ.get("BRIEFBOT_REQUIRE_POSTGRES") == "1":
        pytest.fail(message + " (BRIEFBOT_REQUIRE_POSTGRES=1: the PostgreSQL half must run)")
    pytest.skip(message)


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


async def _drop(admin: Any, name: str) -> None:
    await admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        name)
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


async def _sweep_dead_runs(admin: Any) -> None:
    """Drop the tagged databases of test runs whose process is gone (a run killed before its clean-up)."""
    rows = await admin.fetch("SELECT datname FROM pg_database WHERE datname LIKE 'briefbot_test_%'")
    for row in rows:
        tagged = _TAGGED.match(row["datname"])
        if tagged and _process_gone(int(tagged.group(1))):
            await _drop(admin, row["datname"])


async def fresh_database(name: str) -> str:
    """Drop and recreate this run's database ``name`` (``db_name(name)``); returns its URL. Each test area uses its
    own name."""
    import asyncpg

    global _swept
    require_or_skip()
    actual = db_name(name)
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres")
    try:
        if not _swept:
            _swept = True
            await _sweep_dead_runs(admin)
        await _drop(admin, actual)
        await admin.execute(f'CREATE DATABASE "{actual}"')
        _created.add(actual)
    finally:
        await admin.close()
    return f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{actual}"


async def end_sessions(name: str) -> int:
    """End every other session on this run's database ``name``, as a server restart or a dropped connection would,
    waiting (on the server, up to 5 s each) for them to end, their advisory locks with them; how many ended."""
    import asyncpg

    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres")
    try:
        ended = await admin.fetch("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = $1 "
                                  "AND pid <> pg_backend_pid()", db_name(name))
        return len(ended)
    finally:
        await admin.close()


async def end_session(pid: int) -> None:
    """End one PostgreSQL backend, as a dropped connection would (waiting up to 5 s)."""
    import asyncpg

    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres")
    try:
        await admin.execute("SELECT pg_terminate_backend($1, 5000)", pid)
    finally:
        await admin.close()


async def drop_created_databases() -> None:
    """Drop every database this run created (called once at the end of the test session)."""
    import asyncpg

    if not _created or not server_answers():
        return
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres")
    try:
        for name in sorted(_created):
            await _drop(admin, name)
        _created.clear()
    finally:
        await admin.close()


@asynccontextmanager
async def store_pair(kind: str, area: str, tmp_path: Path) -> AsyncIterator[tuple[Database, Database]]:
    """Two empty stores of one kind (``sqlite`` files in ``tmp_path``, or fresh ``postgresql`` databases named after
    ``area``), "reference" and "outlines", for tests that run an old and a new implementation side by side."""
    if kind == "sqlite":
        urls = [f"sqlite:///{tmp_path / f'{side}.db'}" for side in ("reference", "outlines")]
    else:
        urls = [await fresh_database(f"briefbot_test_{area}_{side}") for side in ("reference", "outlines")]
    opened = [await Database.open(url) for url in urls]
    try:
        yield opened[0], opened[1]
    finally:
        for database in opened:
            await database.close()
