"""PostgreSQL for tests: a fresh database per test area on 127.0.0.1:5432, or a clear skip."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.store.db import Database

PG_HOST, PG_PORT = "127.0.0.1", 5432


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


async def fresh_database(name: str) -> str:
    """Drop and recreate database ``name``; returns its URL. Each test area uses its own name."""
    import asyncpg

    require_or_skip()
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user="postgres", database="postgres")
    try:
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            name)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"


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
