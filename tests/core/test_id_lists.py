"""The "column is one of these ids" condition (bot/store/id_lists.py) answers as IN did, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from bot.store.db import Database
from bot.store.id_lists import SQLITE_IDS_PER_QUERY, id_chunks, ids_per_query, one_of
from tests.pg import fresh_database

scratch = sa.MetaData()
words = sa.Table(  # a short string column, as the store's ids are String(64) and String(80)
    "id_list_words", scratch,
    sa.Column("id", sa.String(12), primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
)
numbers = sa.Table(
    "id_list_numbers", scratch,
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("word", sa.Text, nullable=False),
)
untyped_numbers = sa.table("id_list_numbers", sa.column("n"), sa.column("word"))  # as quotes.py's ``attr``

ODD_IDS = ["O'Brien", 'say "hi"', "naïve-Ωμέγα", "新闻-1", "🗞 x", "a,b", "{c}", "NULL", "back\\slash", "50%_off", ""]
MANY = 5_000  # more than SQLite's 900 a query and than the 1,000 values SQLAlchemy's IN list had on PostgreSQL


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/ids.db"
    else:
        url = await fresh_database("briefbot_test_id_lists")
    database = await Database.open(url, migrate=False)
    async with database.begin() as conn:
        await conn.run_sync(scratch.create_all)
        await conn.execute(words.insert(), [{"id": f"w{i:05d}", "n": i} for i in range(MANY)]
                           + [{"id": w, "n": -k} for k, w in enumerate(ODD_IDS, start=1)])
        await conn.execute(numbers.insert(), [{"n": i, "word": f"w{i:05d}"} for i in range(MANY)])
    yield database
    await database.close()


async def ids_of(db: Database, column: sa.ColumnElement[Any], ids: Sequence[Any],
                 **kwargs: Any) -> list[Any]:
    """Every row whose ``column`` is among ``ids``, chunk by chunk as the store reads them, in key order."""
    key = column.table.c[0]
    found: list[Any] = []
    async with db.connect() as conn:
        for chunk in id_chunks(db.dialect, ids):
            found += (await conn.execute(sa.select(key).where(one_of(db.dialect, column, chunk, **kwargs)))).scalars()
    return sorted(found)


async def test_no_ids_match_nothing(db: Database) -> None:
    assert list(id_chunks(db.dialect, [])) == []
    async with db.connect() as conn:
        for column in (words.c.id, numbers.c.n, untyped_numbers.c.n):  # an untyped column needs no type for none
            assert (await conn.execute(sa.select(sa.func.count()).where(one_of(db.dialect, column, [])))).scalar() == 0


async def test_one_id_and_repeated_ids(db: Database) -> None:
    assert await ids_of(db, words.c.id, ["w00042"]) == ["w00042"]
    assert await ids_of(db, words.c.id, ["w00042", "w00042", "w00007", "w00042"]) == ["w00007", "w00042"]
    assert await ids_of(db, numbers.c.n, [7]) == [7]
    assert await ids_of(db, numbers.c.n, [7, 7, 3, 7]) == [3, 7]
    assert await ids_of(db, words.c.id, ["nowhere"]) == []
    assert list(id_chunks(db.dialect, ["b", "a", "b", "c", "a"])) == [["b", "a", "c"]]  # first occurrences, in order


async def test_many_text_and_integer_ids(db: Database) -> None:
    wanted = [*range(MANY - 1, -1, -1), MANY + 5, -3]  # every row, backwards, and two that are not there
    chunks = list(id_chunks(db.dialect, wanted))
    assert [len(c) for c in chunks[:-1]] == [ids_per_query(db.dialect)] * (len(chunks) - 1)
    assert len(chunks) == (1 if db.dialect == "postgresql" else -(-len(wanted) // SQLITE_IDS_PER_QUERY))
    assert await ids_of(db, numbers.c.n, wanted) == list(range(MANY))
    assert await ids_of(db, untyped_numbers.c.n, wanted, type_=sa.Integer()) == list(range(MANY))
    assert await ids_of(db, words.c.id, [f"w{i:05d}" for i in wanted] + ["w99999"]) == [f"w{i:05d}" for i in
                                                                                          range(MANY)]
    assert await ids_of(db, numbers.c.word, [f"w{i:05d}" for i in range(0, MANY, 2)]) == list(range(0, MANY, 2))


async def test_quotes_unicode_and_array_syntax_in_ids(db: Database) -> None:
    assert await ids_of(db, words.c.id, ODD_IDS) == sorted(ODD_IDS)
    for odd in ODD_IDS:
        assert await ids_of(db, words.c.id, [odd, "w00001"]) == sorted([odd, "w00001"])
    # no cast to the column's length: an id longer than the column is not its first 12 characters
    assert await ids_of(db, words.c.id, ["w00001" + "x" * 20, "O'Brien and more"]) == []


async def test_postgresql_sends_one_statement_for_every_length(db: Database) -> None:
    if db.dialect != "postgresql":
        pytest.skip("SQLite has no arrays: its IN lists are one variable an id")
    sent: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        sent.append((statement, parameters))

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        for size in (1, 2, 900, MANY):
            assert len(await ids_of(db, numbers.c.n, list(range(size)))) == size
        async with db.connect() as conn:  # one array of 40,000: past asyncpg's 32,767 parameters a statement
            every = [f"w{i:05d}" for i in range(40_000)]
            count = sa.select(sa.func.count()).where(one_of(db.dialect, words.c.id, every))
            assert (await conn.execute(count)).scalar() == MANY
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)
    selects = [statement for statement, _ in sent[:4]]
    assert len(set(selects)) == 1 and "ANY" in selects[0]
    assert all(len(parameters) == 1 for _, parameters in sent)
