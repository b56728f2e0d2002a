"""One consistent read of a whole store: a single read transaction that sees one committed state throughout."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.db import Database


@asynccontextmanager
async def read_snapshot(db: Database) -> AsyncIterator[AsyncConnection]:
    """A connection whose reads all see the store as it was at the first of them, while writers go on.

    SQLite: one explicit read transaction (pysqlite starts none for a SELECT, so without ``BEGIN`` each query
    would see a newer state); in WAL mode a running bot keeps writing meanwhile and this reader keeps its snapshot.
    PostgreSQL: one REPEATABLE READ, READ ONLY transaction. Nothing is written through this connection.
    """
    async with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            await conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            async with conn.begin():
                yield conn
            return
        async with conn.begin():
            await conn.exec_driver_sql("BEGIN")
            await conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")  # the snapshot is taken at this read
            yield conn
