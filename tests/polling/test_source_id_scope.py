"""Schema v21: sources.id_scope, the address a moved source's articles take their GUID-based ids from (its first one),
on SQLite and PostgreSQL: an upgraded v20 store gets the column (NULL: the key), a move sets it and a second move
keeps the first address, items saved after a move keep their ids, and `store copy` and `store backup` carry it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.ingest.canonical import article_id, content_hash
from bot.models import Article
from bot.store.articles import ArticleStore
from bot.store.backup import backup_sqlite
from bot.store.copy import copy_store
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.schema import sources
from bot.store.sources import SourceStore
from tests.old_store import upgraded
from tests.pg import fresh_database

ID_SCOPES_FROM = 21
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
FIRST, SECOND, THIRD = "http://quay.example/rss", "https://quay.example/rss", "https://quay.example/feed/"
TEXT = "The quay's new crane lifted its first containers on Monday. Dockers said it halved the unloading time."


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'scope.db'}"
    return await fresh_database("briefbot_test_id_scope")


OTHER = "The ferry office on the quay will close for repairs in May. Tickets will be sold on board meanwhile."


def item(source: str, guid: str = "quay-1", text: str = TEXT) -> Article:
    link = f"https://quay.example/{guid}"
    return Article(id=article_id(guid, link, content_hash(text), scope=source), url=link, title=f"Quay news {guid}",
                   outlet="Quay Post", text=text, sentences=(), published=NOW, author=None, language="en", guid=guid,
                   source=source, content_hash=content_hash(text), fetched=NOW)


async def _scopes(db: Database) -> dict[str, str | None]:
    async with db.connect() as conn:
        return {str(r.key): r.id_scope for r in await conn.execute(sa.select(sources.c.key, sources.c.id_scope))}


async def test_an_upgraded_store_moves_twice_and_keeps_the_first_address_as_its_scope(url: str) -> None:
    async def fill_v20(old: Database) -> None:
        await SourceStore(old).ensure(FIRST, kind="feed", now=NOW)
        await ArticleStore(old).save(item(FIRST), now=NOW)

    db = await upgraded(url, ID_SCOPES_FROM - 1, fill_v20)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= ID_SCOPES_FROM
        assert await _scopes(db) == {FIRST: None}
        store, saved = SourceStore(db), ArticleStore(db)
        assert await store.move(FIRST, SECOND)
        assert await store.move(SECOND, THIRD)
        assert await _scopes(db) == {THIRD: FIRST}
        again = await saved.save(item(THIRD), now=NOW)  # read at the third address: the stored article
        assert (again.outcome, again.article_id) == ("unchanged", item(FIRST).id)
        other = await saved.save(item(THIRD, "quay-2", OTHER), now=NOW)  # a new item: its id from the first address
        assert (other.outcome, other.article_id) == ("added", item(FIRST, "quay-2", OTHER).id)
        assert await db.migrate() == len(MIGRATIONS)  # nothing re-applied
    finally:
        await db.close()


@pytest.fixture
async def moved(tmp_path: Path) -> Database:
    db = await Database.open(f"sqlite:///{tmp_path / 'from.db'}")
    await SourceStore(db).ensure(FIRST, kind="feed", now=NOW)
    assert await SourceStore(db).move(FIRST, SECOND)
    return db


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
async def test_a_store_copy_carries_the_scope(moved: Database, tmp_path: Path, kind: str) -> None:
    target_url = (f"sqlite:///{tmp_path / 'to.db'}" if kind == "sqlite"
                  else await fresh_database("briefbot_test_id_scope_copy"))
    target = await Database.open(target_url)
    try:
        assert (await copy_store(moved, target)).mismatches == []
        assert await _scopes(target) == {SECOND: FIRST}
    finally:
        await target.close()
        await moved.close()


async def test_a_backup_carries_the_scope(moved: Database, tmp_path: Path) -> None:
    await moved.close()
    backup_sqlite(tmp_path / "from.db", tmp_path / "backup.db")
    copy = await Database.open(f"sqlite:///{tmp_path / 'backup.db'}")
    try:
        assert await _scopes(copy) == {SECOND: FIRST}
    finally:
        await copy.close()
