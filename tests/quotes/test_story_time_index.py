"""Schema v20 adds ix_articles_story_time (each story's articles by time, with their ids), which the story-wide quote
search reads instead of the article rows: a v19 store gets it on upgrade (SQLite and PostgreSQL alike) and finds the
same quotes in the same order, a store copy or backup carries it, and on PostgreSQL the planner settings of that
search stay inside it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.store.backup import backup_sqlite
from bot.store.copy import copy_store
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.quotes import QuoteStore, attr
from tests.old_store import upgraded
from tests.pg import fresh_database
from tests.quotes.test_story_match_pinned import ALL, DAY, EXPECTED_SEARCH, _fill, story_ids

STORY_TIME_FROM = 20  # the schema version that added ix_articles_story_time
INDEX = "ix_articles_story_time"
COLUMNS = ("story_id", "published", "stored_at", "id")
Answers = tuple[list[str], list[str], list[tuple[str, str, bool]]]


async def _answers(db: Database) -> Answers:
    """What the story-wide search finds for "ferry strike" (newest first; with a speaker and small limit; the whole
    answer), by the words each attribution holds."""
    quotes = QuoteStore(db)
    async with db.connect() as conn:
        said = {int(r.id): str(r.content) for r in await conn.execute(sa.select(attr.c.id, attr.c.content))}
        every = await story_ids(quotes, conn, ["ferry", "strike"], (), None, 200)
        some = await story_ids(quotes, conn, ["ferry", "strike"], ("Mira Vos",), None, 2)
    hits = await quotes.search("the ferry strike")
    return ([said[i] for i in every], [said[i] for i in some],
            [(h.attribution.article_id, h.attribution.content, h.mentions) for h in hits])


PINNED: Answers = (ALL, ["nobody came to the table", "the ferry strike hurt the island"],
                   EXPECTED_SEARCH[((), None)])


async def _index_columns(db: Database) -> tuple[str | None, ...] | None:
    async with db.connect() as conn:
        found = await conn.run_sync(lambda c: {ix["name"]: tuple(ix["column_names"])
                                               for ix in sa.inspect(c).get_indexes("articles")})
    return found.get(INDEX)


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    return await fresh_database("briefbot_test_story_time")


async def test_an_upgraded_store_gets_the_index_and_finds_the_same_quotes(url: str) -> None:
    before: list[Answers] = []

    async def fill_v19(old: Database) -> None:
        await _fill(old)
        async with old.begin() as conn:  # this code's v1 made the index; the v19 code's did not
            await conn.execute(sa.text(f"DROP INDEX {INDEX}"))
        assert await _index_columns(old) is None
        before.append(await _answers(old))

    db = await upgraded(url, STORY_TIME_FROM - 1, fill_v19)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= STORY_TIME_FROM
        assert await _index_columns(db) == COLUMNS
        assert before == [PINNED]
        assert await _answers(db) == PINNED
        assert await db.migrate() == len(MIGRATIONS)  # nothing re-applied
    finally:
        await db.close()


@pytest.fixture
async def filled(tmp_path: Path) -> AsyncIterator[Database]:
    db = await Database.open(f"sqlite:///{tmp_path / 'from.db'}")
    await _fill(db)
    yield db
    await db.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
async def test_a_store_copy_carries_the_index_and_the_answers(filled: Database, tmp_path: Path, kind: str) -> None:
    target_url = (f"sqlite:///{tmp_path / 'to.db'}" if kind == "sqlite"
                  else await fresh_database("briefbot_test_story_time_copy"))
    target = await Database.open(target_url)
    try:
        report = await copy_store(filled, target)
        assert report.mismatches == []
        assert await _index_columns(target) == COLUMNS
        assert await _answers(target) == await _answers(filled) == PINNED
    finally:
        await target.close()


async def test_a_backup_carries_the_index_and_the_answers(filled: Database, tmp_path: Path) -> None:
    backup_sqlite(tmp_path / "from.db", tmp_path / "backup.db")
    copy = await Database.open(f"sqlite:///{tmp_path / 'backup.db'}")
    try:
        assert await _index_columns(copy) == COLUMNS
        assert await _answers(copy) == PINNED
    finally:
        await copy.close()


async def test_on_sqlite_the_story_query_reads_each_storys_times_from_the_index_alone(filled: Database) -> None:
    quotes = QuoteStore(filled)
    async with filled.connect() as conn:
        ranked = await quotes._matching_articles(conn, ["ferry", "strike"], DAY + timedelta(hours=1), 200)
        compiled = sa.select(ranked.c.id, ranked.c.rank).compile(conn.sync_connection)
        raw = await conn.get_raw_connection()
        cursor = await raw.driver_connection.execute(  # type: ignore[union-attr]
            "EXPLAIN QUERY PLAN " + str(compiled), tuple(compiled.params[k] for k in compiled.positiontup or ()))
        plan = [str(row[3]) for row in await cursor.fetchall()]
    # the articles of the matching stories, and those in no story: their times and ids from the index, not the rows
    assert sum(f"COVERING INDEX {INDEX} (story_id=?)" in step for step in plan) == 2, plan
    assert not any(step.startswith("SEARCH articles USING INDEX") for step in plan), plan


async def test_on_postgresql_the_bitmap_only_settings_end_with_the_text_lookup(tmp_path: Path) -> None:
    db = await Database.open(await fresh_database("briefbot_test_story_time_settings"))
    try:
        quotes, _ = await _fill(db)
        async with db.connect() as conn:
            ids = await story_ids(quotes, conn, ["ferry", "strike"], (), None, 200)
            assert len(ids) == len(ALL)
            same = [str((await conn.execute(sa.text(f"SHOW {name}"))).scalar())
                    for name in ("enable_seqscan", "enable_indexscan")]
        async with db.connect() as conn:
            later = [str((await conn.execute(sa.text(f"SHOW {name}"))).scalar())
                     for name in ("enable_seqscan", "enable_indexscan")]
        assert same == later == ["on", "on"]
    finally:
        await db.close()
