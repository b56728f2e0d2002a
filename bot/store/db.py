"""The database handle: an async SQLAlchemy engine on SQLite (default) or PostgreSQL, migrated on open."""

from __future__ import annotations

import functools
import logging
import os
import re
import stat
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.store.damaged import damage, damaged_store_message
from bot.store.db_errors import libpq_options, one_line_reason
from bot.store.migrations import MIGRATIONS, Migration
from bot.store.schema import metadata
from bot.store.unusable import connection_lost, not_creatable, why
from bot.store.url_forms import redact_url as redact_url  # re-exported: the commands import it from here
from bot.store.url_forms import unsupported_store_url

log = logging.getLogger(__name__)

Dialect = Literal["sqlite", "postgresql"]
T = TypeVar("T")
# the PostgreSQL advisory lock taken while migrating: "bbmigrat" in ASCII (the run lock's is "briefbot")
MIGRATION_LOCK_KEY = 0x62626D6967726174
# how long opening a store waits for another process that holds MIGRATION_LOCK_KEY (migrating it) before it gives up
# with a StoreError: far past a real migration of a big store (minutes), short of waiting for ever on a stuck one
MIGRATION_LOCK_WAIT_SECONDS = 30 * 60.0
# how long each migration statement waits for a table lock another session holds (lock_timeout, PostgreSQL): an
# ALTER TABLE waiting for its ACCESS EXCLUSIVE lock queues every later query on that table behind it, the running
# bot's too, so only seconds; a running bot's own statements hold their locks for milliseconds, so a lock held past
# this is an open transaction or a long query of an older briefbot: stop it first (a StoreError says so)
MIGRATION_TABLE_LOCK_WAIT_SECONDS = 5.0
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for a lock wait that reached lock_timeout
# the default bound on each migration statement (statement_timeout, PostgreSQL; database.
# migration_statement_timeout_seconds, 0 = none): one statement of a step that rewrites a big table (v26 counts every
# source's articles) may legitimately take minutes on a slow disk; one still running after half an hour is a runaway or
# stuck behind something other than a table lock (those end after MIGRATION_TABLE_LOCK_WAIT_SECONDS)
MIGRATION_STATEMENT_SECONDS = 30 * 60.0
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled (by statement_timeout among others)
# how long a SQLite command waits for another process's write lock before "database is locked" (read at each open)
SQLITE_BUSY_SECONDS = 30.0


class StoreError(RuntimeError):
    """The store cannot be opened or used safely (bad URL, newer schema, unreachable server)."""


class StoreUrlError(StoreError):
    """The store's URL is not one briefbot can open (``mysql://``, a port that is no number): a command-line or
    configuration mistake (exit 2), not a store that failed (exit 3)."""


def driver_url(url: str, key: str = "database.url") -> tuple[str, Dialect]:
    """The SQLAlchemy async URL of a store and its dialect; a URL of another kind is a ``StoreError`` naming ``key``
    (where it came from: ``database.url``, ``--db``, ``--to``), its password masked."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+asyncpg://")):
        rest, question, query = url.split("://", 1)[1].partition("?")
        return f"postgresql+asyncpg://{rest}{question}{libpq_options(query)}", "postgresql"
    if url.startswith("sqlite:///") or url.startswith("sqlite+aiosqlite:///"):
        rest = url.split(":///", 1)[1]
        return f"sqlite+aiosqlite:///{rest}", "sqlite"
    if "://" not in url:  # a plain path
        return f"sqlite+aiosqlite:///{url}", "sqlite"
    raise StoreUrlError(unsupported_store_url(key, url))


def sqlite_store_path(async_url: str, dialect: Dialect) -> Path | None:
    """The file of a SQLite store (``~`` expanded), from its driver URL; None for PostgreSQL or an in-memory one."""
    if dialect != "sqlite":
        return None
    path = async_url.split(":///", 1)[1]
    return None if path in ("", ":memory:") else Path(path).expanduser()


def _prepare_sqlite_file(path: str) -> None:
    """Create the file (and folder) with owner-only permissions before SQLite opens it."""
    if path in ("", ":memory:"):
        return
    p = Path(path).expanduser()
    p.parent.mkdir(parents=True, exist_ok=True)
    if not p.exists():
        fd = os.open(p, os.O_CREAT | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR)
        os.close(fd)


class Database:
    """One engine, its dialect, and the schema version it has been migrated to."""

    def __init__(self, engine: AsyncEngine, dialect: Dialect, url: str, *,
                 migration_statement_seconds: float = MIGRATION_STATEMENT_SECONDS) -> None:
        self.engine = engine
        self.dialect: Dialect = dialect
        self.url = url
        self.migration_statement_seconds = migration_statement_seconds  # PostgreSQL; 0: no bound

    @classmethod
    async def open(cls, url: str, *, migrate: bool = True,
                   migration_statement_seconds: float = MIGRATION_STATEMENT_SECONDS) -> Database:
        """The store at ``url``, migrated unless ``migrate`` is False; on PostgreSQL each migration statement ends
        after ``migration_statement_seconds`` (0: never)."""
        async_url, dialect = driver_url(url)
        kwargs: dict[str, Any] = {}
        path = sqlite_store_path(async_url, dialect)
        if path is not None:
            try:
                _prepare_sqlite_file(str(path))
            except OSError as exc:  # a read-only folder or file system: one line, not a traceback
                raise StoreError(not_creatable(path, exc)) from exc
            kwargs["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS}
        else:
            kwargs["pool_pre_ping"] = True  # reconnect transparently after a server restart
        try:
            engine = create_async_engine(async_url, **kwargs)
        except (ValueError, sa.exc.ArgumentError) as exc:  # a port that is no number, a URL that does not parse
            raise StoreUrlError(f"database.url: cannot read {redact_url(url)}: {one_line_reason(exc, url)}") from None
        if dialect == "sqlite":
            event.listen(engine.sync_engine, "connect", functools.partial(_sqlite_pragmas, busy=SQLITE_BUSY_SECONDS))
        db = cls(engine, dialect, url, migration_statement_seconds=migration_statement_seconds)
        try:
            if migrate:
                await db.migrate()
        except Exception as exc:
            await engine.dispose()
            if isinstance(exc, StoreError):
                raise
            if dialect == "sqlite" and (words := damage(exc)):
                raise StoreError(damaged_store_message(redact_url(url), words)) from exc
            raise StoreError(f"cannot open the store at {redact_url(url)}: {one_line_reason(exc, url)}"
                             f"{why(exc, path)}") from exc
        return db

    async def close(self) -> None:
        await self.engine.dispose()

    @asynccontextmanager
    async def begin(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: everything inside commits together or not at all."""
        with self._damage_named():
            async with self.engine.begin() as conn:
                yield conn

    @contextmanager
    def _damage_named(self) -> Iterator[None]:
        """A query that meets a damaged page of this SQLite file: a ``StoreError`` naming this store (the damaged-store
        line), so a command with two stores (``store copy``) names the damaged one; other errors as they are."""
        try:
            yield
        except sa.exc.DBAPIError as exc:
            if self.dialect == "sqlite" and (words := damage(exc)):
                raise StoreError(damaged_store_message(redact_url(self.url), words)) from exc
            raise

    async def transaction(self, work: Callable[[AsyncConnection], Awaitable[T]], *, attempts: int = 3) -> T:
        """Run ``work`` in one transaction; if the server drops the connection mid-way (a PostgreSQL
        restart, an idle-connection reaper), the transaction was rolled back, so run it again on a fresh
        connection. ``work`` must be safe to repeat from the start (our writes re-read what they decide on).
        asyncpg's "another operation is in progress" (a connection left mid-operation, which SQLAlchemy does not
        mark as lost) counts as lost too: that connection is dropped from the pool first."""
        for attempt in range(1, attempts + 1):
            try:
                async with self.begin() as conn:
                    try:
                        return await work(conn)
                    except sa.exc.DBAPIError as exc:
                        if not exc.connection_invalidated and connection_lost(exc):
                            await conn.invalidate(exc)  # never handed out again
                        raise
            except sa.exc.DBAPIError as exc:
                if not connection_lost(exc) or attempt == attempts:
                    raise
                log.warning("the database connection was lost mid-transaction; retrying (attempt %d of %d)",
                            attempt + 1, attempts)
        raise AssertionError("unreachable")

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[AsyncConnection]:
        with self._damage_named():
            async with self.engine.connect() as conn:
                yield conn

    async def compact(self, *, full: bool = False) -> Compaction:
        """Give the space freed by deletions back to the file system. SQLite: the free pages of a store made
        with incremental auto-vacuum (every store this version creates) are released, which is cheap; with
        ``full``, or for an older store, the whole file is rewritten once (VACUUM: the store is locked while
        it runs and needs free disk the size of the file) and incremental from then on. PostgreSQL: nothing
        to do, its autovacuum makes freed rows reusable and the server manages its files."""
        if self.dialect != "sqlite":
            return Compaction("postgresql", 0, 0)
        async with self.connect() as conn:
            raw = await conn.execution_options(isolation_level="AUTOCOMMIT")
            before = await _sqlite_bytes(raw)
            mode = (await raw.exec_driver_sql("PRAGMA auto_vacuum")).scalar()
            if full or mode != _INCREMENTAL:
                if not full:
                    return Compaction("needs_full", before, before)
                await raw.exec_driver_sql("PRAGMA auto_vacuum=INCREMENTAL")
                await raw.exec_driver_sql("VACUUM")
                how = "full"
            else:
                await _incremental_vacuum(raw)
                how = "incremental"
            return Compaction(how, before, await _sqlite_bytes(raw))

    async def schema_version(self) -> int:
        async with self.connect() as conn:
            has = await conn.run_sync(lambda c: sa.inspect(c).has_table("schema_version"))
            if not has:
                return 0
            value = (await conn.execute(sa.text("SELECT MAX(version) FROM schema_version"))).scalar()
            return int(value or 0)

    async def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction with its version row; a failure (a user that may
        not create tables, a lost server) is a StoreError of one line."""
        current = await self.schema_version()
        try:
            if current >= len(MIGRATIONS):
                return await self._migrate(current)
            async with self._migration_lock():  # another command may be setting up the same store right now
                return await self._migrate(await self.schema_version())
        except StoreError:
            raise
        except Exception as exc:
            if self.dialect == "sqlite" and (words := damage(exc)):
                raise StoreError(damaged_store_message(redact_url(self.url), words)) from exc
            raise StoreError(f"cannot set up the store at {redact_url(self.url)}: "
                             f"{one_line_reason(exc, self.url)}{why(exc, sqlite_store_path(*driver_url(self.url)))}"
                             ) from exc

    @asynccontextmanager
    async def _migration_lock(self) -> AsyncIterator[None]:
        """PostgreSQL: a session advisory lock held while migrating, so two commands setting up one new store take
        turns (the second then finds it migrated) rather than both creating its tables (``duplicate key value
        violates unique constraint "pg_type_typname_nsp_index"``), waiting at most ``MIGRATION_LOCK_WAIT_SECONDS``
        for the other (then a StoreError: a stuck migration does not hang every later command). SQLite: each
        migration's BEGIN IMMEDIATE does (waiting ``SQLITE_BUSY_SECONDS``)."""
        async with self.advisory_lock(MIGRATION_LOCK_KEY, wait=MIGRATION_LOCK_WAIT_SECONDS) as held:
            if not held:  # never migrated beside the other: it may be half-way through the same statements
                raise StoreError(f"the store at {redact_url(self.url)}: another briefbot process has been migrating "
                                 f"it for {_waited(MIGRATION_LOCK_WAIT_SECONDS)} and still holds its migration lock; "
                                 "nothing was changed. If that process is stuck, stop it (docs/DEPLOY.md)")
            yield

    @asynccontextmanager
    async def advisory_lock(self, key: int, *, wait: float | None = None) -> AsyncIterator[bool]:
        """PostgreSQL: a session advisory lock on ``key``, waited for and held on its own connection (gone with it,
        should the connection drop) until the block ends; yields True. With ``wait`` (seconds), a lock another
        session still holds by then is not taken: yields False (the server's lock_timeout bounds the wait, set for
        that one statement's transaction only). SQLite stores are not shared this way: yields True."""
        if self.dialect != "postgresql":
            yield True
            return
        async with self.connect() as conn:
            if wait is not None and not await _lock_within(conn, key, wait):
                yield False
                return
            held = await conn.execution_options(isolation_level="AUTOCOMMIT")
            if wait is None:
                await held.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
            try:
                yield True
            finally:
                try:
                    await held.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                except Exception:  # its session ended (the lock with it) or is in doubt: never pooled again
                    await conn.invalidate()

    async def _migrate(self, current: int) -> int:
        latest = len(MIGRATIONS)
        if current > latest:
            raise StoreError(
                f"the store at {redact_url(self.url)} has schema version {current}, newer than this "
                f"briefbot understands ({latest}); upgrade briefbot"
            )
        for version in range(current + 1, latest + 1):
            migration = MIGRATIONS[version - 1]
            try:
                async with self.begin() as conn:
                    if self.dialect == "sqlite":  # pysqlite runs DDL outside any transaction unless told:
                        await conn.exec_driver_sql("BEGIN IMMEDIATE")  # a crash mid-migration must undo it all
                    else:  # this transaction only: the pooled connection keeps no timeout
                        await _lock_timeout(conn, MIGRATION_TABLE_LOCK_WAIT_SECONDS)
                        if self.migration_statement_seconds > 0:
                            await conn.execute(sa.text("SELECT set_config('statement_timeout', :ms, true)"),
                                               {"ms": _ms(self.migration_statement_seconds)})
                    if version == 1:
                        await conn.run_sync(lambda c: metadata.tables["schema_version"].create(c, checkfirst=True))
                    await migration(conn, self.dialect)
                    await conn.execute(
                        sa.text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": version}
                    )
            except sa.exc.DBAPIError as exc:  # rolled back: this version changed nothing
                if self.dialect == "postgresql" and _lock_not_available(exc):
                    raise StoreError(self._table_in_use(exc, current, version)) from exc
                if self.dialect == "postgresql" and _statement_timed_out(exc):
                    raise StoreError(self._statement_too_long(migration, current, version)) from exc
                raise
        if current < latest:
            log.info("store at %s migrated from schema version %d to %d", redact_url(self.url), current, latest)
        return latest

    def _table_in_use(self, exc: sa.exc.DBAPIError, current: int, version: int) -> str:
        """One line: another session held a table schema version ``version`` changes past the wait; what is left."""
        table = _table_named(exc.statement or "")
        used = f'its table "{table}"' if table else "a table this migration changes"
        return (f"the store at {redact_url(self.url)}: another briefbot process is using {used} (an open transaction "
                f"or a long query) and held its lock past {_waited(MIGRATION_TABLE_LOCK_WAIT_SECONDS)}; "
                f"{_left(current, version)}: stop the older briefbot first, then run the same command again "
                "(docs/DEPLOY.md)")

    def _statement_too_long(self, migration: Migration, current: int, version: int) -> str:
        """One line: a statement of schema version ``version``'s step ran past the per-statement bound; what is left,
        and the setting that raises the bound."""
        step = re.sub(r"^_v\d*_", "", migration.__name__).replace("_", " ")
        return (f"the store at {redact_url(self.url)}: schema version {version}'s migration step \"{step}\" ran past "
                f"{_waited(self.migration_statement_seconds)} in a single statement and was stopped; "
                f"{_left(current, version)}: a big store's step may need longer, so raise "
                f"{STATEMENT_SETTING} (0 = no limit) in the config and run the same command again; a statement "
                "that never ends is stuck behind something else on the server (pg_stat_activity shows it)")


STATEMENT_SETTING = "database.migration_statement_timeout_seconds"


def _left(current: int, version: int) -> str:
    """What a failed upgrade from ``current`` left when version ``version``'s transaction rolled back."""
    if version == current + 1:
        return f"nothing was changed (the store stays at schema version {current})"
    return f"the store was migrated to schema version {version - 1} only; version {version} changed nothing"


_TABLE = re.compile(r"\b(?:ALTER\s+TABLE(?:\s+IF\s+EXISTS)?|UPDATE|INSERT\s+INTO|DELETE\s+FROM|TRUNCATE|LOCK\s+TABLE|"
                    r"\bON|FROM|JOIN)\s+(?:ONLY\s+)?\"?(\w+)", re.IGNORECASE)


def _table_named(statement: str) -> str | None:
    """The first table a SQL statement names (``ALTER TABLE attributions ...`` -> ``attributions``), if any."""
    found = _TABLE.search(statement)
    return found.group(1) if found else None


def _ms(seconds: float) -> str:
    """A PostgreSQL duration setting: ``5000ms`` (at least 1 ms: 0 would mean no limit)."""
    return f"{max(1, round(seconds * 1000))}ms"


def _waited(seconds: float) -> str:
    """``30 minutes``, ``1 minute``; under two minutes in seconds (``90 s``, ``0.05 s``)."""
    if seconds >= 120:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} s"


async def _lock_within(conn: AsyncConnection, key: int, wait: float) -> bool:
    """Take the session advisory lock ``key`` on ``conn``, waiting at most ``wait`` seconds; False when another
    session held it all that time (lock_not_available). A session lock outlives the transaction it was taken in; the
    lock_timeout set with it (``set_config(..., true)``) does not, so the pooled connection keeps no timeout."""
    try:
        async with conn.begin():
            await _lock_timeout(conn, wait)
            await conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
    except sa.exc.DBAPIError as exc:
        if _lock_not_available(exc):
            return False
        raise
    return True


async def _lock_timeout(conn: AsyncConnection, seconds: float) -> None:
    """PostgreSQL: lock waits in ``conn``'s current transaction end after ``seconds`` (lock_not_available); the
    setting goes with the transaction (``set_config(..., true)``), so the pooled connection keeps no timeout."""
    await conn.execute(sa.text("SELECT set_config('lock_timeout', :ms, true)"), {"ms": _ms(seconds)})


def _lock_not_available(exc: sa.exc.DBAPIError) -> bool:
    """The statement waited for a lock past its lock_timeout."""
    return getattr(exc.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE


def _statement_timed_out(exc: sa.exc.DBAPIError) -> bool:
    """The statement ran past its statement_timeout (not cancelled otherwise: pg_cancel_backend, a shutdown)."""
    return getattr(exc.orig, "sqlstate", None) == QUERY_CANCELED and "statement timeout" in str(exc.orig)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, *, busy: float) -> None:
    cursor = dbapi_conn.cursor()
    # a new, empty file (before its first table) is made incrementally vacuumable, so a prune gives pages back
    # to the file system (Database.compact); an older store converts with one full VACUUM (`briefbot prune
    # --compact`). Only then: setting it takes the write lock, so on every connect it would wait for writers.
    cursor.execute("PRAGMA page_count")
    if cursor.fetchone()[0] == 0:
        cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy * 1000)}")
    cursor.close()


_INCREMENTAL = 2  # PRAGMA auto_vacuum: 0 none, 1 full, 2 incremental


@dataclass(frozen=True)
class Compaction:
    """What Database.compact did: ``how`` is incremental, full, needs_full (an older SQLite store that only
    a full VACUUM can convert) or postgresql (nothing to do); sizes in bytes (SQLite only)."""

    how: str
    bytes_before: int
    bytes_after: int


async def _incremental_vacuum(conn: AsyncConnection) -> None:
    """PRAGMA incremental_vacuum frees one page per step; Python's sqlite3 steps a statement without result
    columns once in ``execute`` (one page freed), but to the end in ``executescript``."""
    driver: Any = (await conn.get_raw_connection()).driver_connection
    await driver.executescript("PRAGMA incremental_vacuum;")


async def _sqlite_bytes(conn: AsyncConnection) -> int:
    """The size of the SQLite database in bytes (pages in use and free pages, not the WAL)."""
    pages = (await conn.exec_driver_sql("PRAGMA page_count")).scalar()
    size = (await conn.exec_driver_sql("PRAGMA page_size")).scalar()
    return int(pages or 0) * int(size or 0)
