"""Schema v22: copy marks stored by the rule before e1e0bcf (a short teaser inside another outlet's full article was
its copy) are worked out again on upgrade, SQLite and PostgreSQL: the teaser's outlet counts again, a true copy stays
a copy, and a story not marked yet stays for the loader."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.ingest.canonical import content_hash
from bot.outlets import outlet_count
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.schema import articles
from tests.core.test_outlets import COPIES, WIRE
from tests.core.test_outlets_teasers import REPORT, TEASER
from tests.old_store import upgraded
from tests.pg import fresh_database

MARKS_AGAIN_FROM = 22  # the schema version that works the stored marks out again with the new rule
T = datetime(2031, 5, 2, 8, 0, tzinfo=UTC)

# (article id, story id, outlet, text, hours after T, copy_of as the old rule stored it; None: not marked yet)
ROWS = [
    ("courier", "glass", "Northern Courier", REPORT, 0.0, ""),
    ("policy", "glass", "Policy Wire", TEASER, 1.0, "courier"),  # the old rule's mark: a teaser, no copy
    ("wire", "ferry", "Coast Wire", WIRE, 0.0, ""),
    ("harbour", "ferry", "Harbour Times", COPIES["dateline"], 2.0, "wire"),  # a true copy
    ("wire2", "loose", "Coast Wire", WIRE, 0.0, None),
    ("teaser2", "loose", "Policy Wire", TEASER, 1.0, "wire2"),  # a story with an unmarked article: the loader's
]


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'marks.db'}"
    return await fresh_database("briefbot_test_marks_again")


async def _fill(db: Database) -> None:
    async with db.begin() as conn:
        for aid, story, outlet, text, hours, mark in ROWS:
            await conn.execute(articles.insert().values(
                id=aid, url=f"https://{aid}.example/story", title=f"Title {aid}", outlet=outlet, text=text,
                content_hash=content_hash(text), source="", published=T + timedelta(hours=hours), stored_at=T,
                updated_at=T, story_id=story, copy_of=mark))


async def test_an_upgraded_store_counts_the_teasers_outlet_again(url: str) -> None:
    db = await upgraded(url, MARKS_AGAIN_FROM - 1, _fill)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= MARKS_AGAIN_FROM
        async with db.connect() as conn:
            marks = {str(r.id): r.copy_of for r in await conn.execute(sa.select(articles.c.id, articles.c.copy_of))}
        assert marks == {"courier": "", "policy": "", "wire": "", "harbour": "wire", "wire2": None,
                         "teaser2": "wire2"}
        refs, unmarked = await ArticleStore(db).sources_with_marks(["glass", "ferry"])
        assert unmarked == set()
        assert (outlet_count(refs["glass"]), outlet_count(refs["ferry"])) == (2, 1)
    finally:
        await db.close()
