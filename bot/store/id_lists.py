"""The condition "column is one of these ids": one array parameter on PostgreSQL, an IN list on SQLite."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

T = TypeVar("T")

# SQLite has no arrays: every id is a bound variable, and a statement takes at most 32,766 of them (SQLite 3.32+;
# 999 before), so its lists stay at 900.
SQLITE_IDS_PER_QUERY = 900
# PostgreSQL binds the whole list as one array, whatever its length (no parameter limit, and one statement for
# every length, so SQLAlchemy's compiled cache and asyncpg's prepared statements are reused). The bound only keeps
# what one query returns, held beside what the caller builds of it, to a size.
POSTGRES_IDS_PER_QUERY = 10_000


def ids_per_query(dialect: str) -> int:
    """How many ids one condition of ``one_of`` takes on this dialect (``Database.dialect``, ``conn.dialect.name``)."""
    return POSTGRES_IDS_PER_QUERY if dialect == "postgresql" else SQLITE_IDS_PER_QUERY


def id_chunks(dialect: str, ids: Iterable[T]) -> Iterator[list[T]]:
    """The distinct ids, first occurrences in order, in lists of ``ids_per_query`` (none for no ids)."""
    distinct = list(dict.fromkeys(ids))
    size = ids_per_query(dialect)
    for start in range(0, len(distinct), size):
        yield distinct[start:start + size]


def one_of(dialect: str, column: sa.ColumnElement[Any], ids: Sequence[Any], *,
           type_: sa.types.TypeEngine[Any] | None = None) -> sa.ColumnElement[bool]:
    """``column`` is one of ``ids``: ``column = ANY(:ids)`` with the list as one array parameter on PostgreSQL,
    ``column IN (...)`` on SQLite (at most ``ids_per_query`` ids: see ``id_chunks``), false for no ids. The array's
    element type is ``type_``, else the column's (text for any string column, so no length cast cuts an id short);
    a column of ``sa.table`` without a type needs ``type_``."""
    if not ids:
        return sa.false()
    if dialect != "postgresql":
        return column.in_(list(ids))
    element = type_ if type_ is not None else _element_type(column)
    return column == sa.any_(sa.bindparam("ids", list(ids), type_=ARRAY(element), unique=True))


def _element_type(column: sa.ColumnElement[Any]) -> sa.types.TypeEngine[Any]:
    kind = column.type
    if isinstance(kind, sa.String):
        return sa.Text()
    if isinstance(kind, sa.types.NullType):
        raise TypeError(f"one_of: column {column} has no type; pass type_ (sa.Text(), sa.Integer())")
    return kind
