"""Copy a whole store into a new, empty one of either dialect: the same rows and ids, full-text rows rebuilt."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.db import Database, redact_url
from bot.store.fts_rebuild import FTS_SOURCES, FTS_TABLES, rebuild_text_rows
from bot.store.migrations import MIGRATIONS
from bot.store.schema import metadata
from bot.store.snapshot import read_snapshot

BATCH_ROWS = 1000  # rows a target transaction
VERSION_TABLE = "schema_version"  # written by the target's own migrations, never copied

Progress = Callable[[str, int, int], None]  # table, rows done, rows in all


class CopyRefused(Exception):
    """The copy cannot start: the source is not at this briefbot's schema, or the target holds data."""


class CopyFailed(RuntimeError):
    """The copy stopped part-way (the target was emptied again where possible)."""


@dataclass(frozen=True)
class TableCount:
    """Rows of one table in the source (as of the snapshot) and in the target after the copy."""

    table: str
    source: int
    target: int


@dataclass(frozen=True)
class CopyReport:
    """What was copied: ``tables`` in copy order; ``derived``: SQLite full-text tables rebuilt on the target,
    with the row count of the table each one indexes as its ``source``."""

    version: int
    tables: tuple[TableCount, ...]
    derived: tuple[TableCount, ...]

    @property
    def mismatches(self) -> list[TableCount]:
        return [t for t in (*self.tables, *self.derived) if t.source != t.target]

    @property
    def rows(self) -> int:
        return sum(t.target for t in self.tables)


@dataclass(frozen=True)
class _Plan:
    """One table as both stores have it: the columns to copy (generated ones left out) with their types."""

    name: str
    columns: tuple[str, ...]
    types: dict[str, sa.types.TypeEngine[Any]]
    order_by: tuple[str, ...]

    def clause(self) -> sa.TableClause:
        return sa.table(self.name, *(sa.column(c, self.types[c]) for c in self.columns))

    def utc_columns(self) -> list[str]:
        return [c for c in self.columns if _is_utc(self.types[c])]


def _is_utc(kind: sa.types.TypeEngine[Any]) -> bool:
    return isinstance(kind, sa.DateTime) and bool(kind.timezone)


def data_tables() -> list[sa.Table]:
    """Every table of the schema in foreign-key order (parents first), the version table left out."""
    return [t for t in metadata.sorted_tables if t.name != VERSION_TABLE]


async def occupied_tables(db: Database) -> list[str]:
    """The tables of ``db`` that hold rows, the schema's version table aside (any table, briefbot's or not)."""
    async with db.connect() as conn:
        names = await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
        found = []
        for name in sorted(names):
            if name == VERSION_TABLE or _is_fts_shadow(name):
                continue
            quoted = conn.dialect.identifier_preparer.quote(name)
            if (await conn.execute(sa.text(f"SELECT 1 FROM {quoted} LIMIT 1"))).first() is not None:
                found.append(name)
    return found


async def copy_store(source: Database, target: Database, *, batch: int = BATCH_ROWS,
                     progress: Progress | None = None) -> CopyReport:
    """Copy every table of ``source`` (at this briefbot's schema version) into ``target`` (new or empty; it is
    migrated to the same version), reading the source in one consistent snapshot and writing ``batch`` rows a
    transaction in foreign-key order. Raises CopyRefused before writing anything, CopyFailed if a write fails
    (the target is emptied again)."""
    latest = len(MIGRATIONS)
    target_version = await target.schema_version()
    if target_version > latest:
        raise CopyRefused(f"the target {redact_url(target.url)} has schema version {target_version}, newer than "
                          f"this briefbot ({latest}); copy with the newer briefbot")
    busy = await occupied_tables(target)
    if busy:
        raise CopyRefused(f"the target {redact_url(target.url)} is not empty (rows in {', '.join(busy)}); copy into a "
                          "new SQLite path or a new, empty PostgreSQL database")
    async with read_snapshot(source) as reader:
        version = await _version(reader)
        if version != latest:
            raise CopyRefused(_version_problem(source, version, latest))
        await target.migrate()
        plans = await _plans(reader, target)
        step = ""
        try:
            counts = []
            for plan in plans:
                step = f"at table {plan.name}"
                counts.append(await _copy_table(reader, target, plan, batch, progress))
            step = "after the rows, at " + ("the full-text rows" if target.dialect == "sqlite" else "the id sequences")
            derived = await _finish(target, batch, progress)
        except BaseException as exc:
            await _empty(target, plans)
            if isinstance(exc, sa.exc.SQLAlchemyError):
                problem = getattr(exc, "orig", None) or exc
                raise CopyFailed(f"{step}: {problem}") from exc
            raise
    return CopyReport(version, tuple(counts), tuple(derived))


def _version_problem(source: Database, version: int, latest: int) -> str:
    where = redact_url(source.url)
    if version == 0:
        return f"the source {where} holds no briefbot store"
    if version > latest:
        return f"the source {where} has schema version {version}, newer than this briefbot ({latest}); upgrade briefbot"
    return (f"the source {where} has schema version {version}, older than this briefbot's ({latest}); upgrade it "
            "first by running any briefbot command on it (e.g. `briefbot channels`), then copy it")


async def _version(conn: AsyncConnection) -> int:
    has = await conn.run_sync(lambda c: sa.inspect(c).has_table(VERSION_TABLE))
    if not has:
        return 0
    return int((await conn.execute(sa.text(f"SELECT MAX(version) FROM {VERSION_TABLE}"))).scalar() or 0)


def _is_fts_shadow(name: str) -> bool:
    """SQLite's full-text tables and the shadow tables FTS5 keeps for each."""
    return any(name == t or name.startswith(t + "_") for t in FTS_TABLES) or name.startswith("sqlite_")


async def _columns(conn: AsyncConnection, table: str) -> dict[str, sa.types.TypeEngine[Any]]:
    """The table's stored columns with their types, generated ones (PostgreSQL's tsvector) left out."""
    found = await conn.run_sync(lambda c: sa.inspect(c).get_columns(table))
    return {str(c["name"]): c["type"] for c in found if not c.get("computed")}


async def _plans(reader: AsyncConnection, target: Database) -> list[_Plan]:
    """What to copy, checked against both stores: every table the source has is known, and each table has the
    same columns on both sides (the schema's types; a column added by a migration's SQL keeps its own)."""
    names = set(await reader.run_sync(lambda c: sa.inspect(c).get_table_names()))
    tables = data_tables()
    unknown = sorted(names - {t.name for t in tables} - {VERSION_TABLE} - {n for n in names if _is_fts_shadow(n)})
    if unknown:
        raise CopyRefused(f"the source holds tables this briefbot does not copy: {', '.join(unknown)}")
    plans = []
    async with target.connect() as out:
        for table in tables:
            have = await _columns(reader, table.name)
            want = await _columns(out, table.name)
            if set(have) != set(want):
                raise CopyRefused(f"table {table.name}: the source has columns {sorted(have)}, the target "
                                  f"{sorted(want)}")
            types = {c: table.c[c].type if c in table.c else kind.as_generic() for c, kind in have.items()}
            plans.append(_Plan(table.name, tuple(have), types, tuple(c.name for c in table.primary_key)))
    return plans


async def _copy_table(reader: AsyncConnection, target: Database, plan: _Plan, batch: int,
                      progress: Progress | None) -> TableCount:
    clause = plan.clause()
    total = int((await reader.execute(sa.select(sa.func.count()).select_from(clause))).scalar() or 0)
    utc_columns = plan.utc_columns()
    done = 0
    result = await reader.stream(sa.select(*clause.c).order_by(*(clause.c[k] for k in plan.order_by)))
    async for part in result.partitions(batch):
        rows = [_as_stored(dict(row._mapping), utc_columns) for row in part]
        await target.transaction(_insert(clause, rows))
        done += len(rows)
        if progress is not None:
            progress(plan.name, done, total)
    await result.close()
    async with target.connect() as conn:
        copied = int((await conn.execute(sa.select(sa.func.count()).select_from(clause))).scalar() or 0)
    return TableCount(plan.name, total, copied)


def _as_stored(row: dict[str, Any], utc_columns: Sequence[str]) -> dict[str, Any]:
    """Time zone columns hold UTC instants: SQLite keeps them naive (read back as UTC, bot/store/article_rows.py utc),
    PostgreSQL as timestamptz; either way the instant is kept."""
    for name in utc_columns:
        value = row[name]
        if isinstance(value, datetime):
            row[name] = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return row


def _insert(clause: sa.TableClause, rows: list[dict[str, Any]]) -> Callable[[AsyncConnection], Any]:
    async def work(conn: AsyncConnection) -> None:
        await conn.execute(sa.insert(clause), rows)

    return work


async def _finish(target: Database, batch: int, progress: Progress | None) -> list[TableCount]:
    """What the store keeps beside the rows: SQLite's full-text rows; PostgreSQL's id sequences past the copied
    ids (its full-text columns are generated from the rows), and fresh planner statistics."""
    if target.dialect == "sqlite":
        def rebuilt(done: int, total: int) -> None:
            if progress is not None:
                progress("full-text rebuild (articles)", done, total)

        await rebuild_text_rows(target, batch=batch, progress=rebuilt)
        async with target.connect() as conn:
            counts = []
            for fts, base in FTS_SOURCES.items():
                n_fts = (await conn.execute(sa.text(f"SELECT count(*) FROM {fts}"))).scalar()
                n_base = (await conn.execute(sa.text(f"SELECT count(*) FROM {base}"))).scalar()
                counts.append(TableCount(fts, int(n_base or 0), int(n_fts or 0)))
            return counts
    async with target.begin() as conn:
        for table in data_tables():
            for column in table.primary_key:
                if isinstance(column.type, sa.Integer):
                    await conn.execute(sa.text(
                        f"SELECT setval(seq::regclass, COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, "
                        f"false) FROM pg_get_serial_sequence(:t, :c) AS seq WHERE seq IS NOT NULL"),
                        {"t": table.name, "c": column.name})
    async with target.connect() as conn:
        raw = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await raw.exec_driver_sql("ANALYZE")
    return []


async def _empty(target: Database, plans: Sequence[_Plan]) -> None:
    """Best effort after a failed copy: delete what was copied (children first), so the target is empty again."""
    with contextlib.suppress(Exception):  # the copy's own error is the one to report
        async with target.begin() as conn:
            if target.dialect == "sqlite":
                for fts in FTS_TABLES:
                    await conn.execute(sa.text(f"DELETE FROM {fts}"))
            for plan in reversed(plans):
                await conn.execute(sa.delete(plan.clause()))
