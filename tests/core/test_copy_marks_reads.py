"""Schema v22's recompute of the stored copy marks (bot/store/copy_marks.py) reads the article heads of a bounded
number of articles at a time, not of a fixed number of stories whatever their size (a story running for weeks can
gather thousands of articles): a story larger than the budget is read alone, and the marks come out the same."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.ingest.canonical import content_hash
from bot.store import copy_marks
from bot.store.db import Database
from bot.store.schema import articles
from tests.core.test_outlets import COPIES, WIRE
from tests.core.test_outlets_teasers import REPORT, TEASER

T = datetime(2031, 5, 2, 8, 0, tzinfo=UTC)
VARIANTS = list(COPIES.values())[:3]
# (article id, story id, outlet, text, hours after T, copy_of as stored before)
ROWS = [
    ("wire", "big", "Coast Wire", WIRE, 0.0, ""),
    *((f"copy{n}", "big", f"Paper {n}", text, 1.0 + n, "wire") for n, text in enumerate(VARIANTS)),
    ("courier", "glass", "Northern Courier", REPORT, 0.0, ""),
    ("policy", "glass", "Policy Wire", TEASER, 1.0, "courier"),  # a teaser, no copy by the rule now
    ("wire3", "harbour", "Coast Wire", WIRE, 0.0, ""),
    ("teaser3", "harbour", "Policy Wire", TEASER, 1.0, "wire3"),
]


async def _fill(db: Database) -> None:
    async with db.begin() as conn:
        for aid, story, outlet, text, hours, mark in ROWS:
            await conn.execute(articles.insert().values(
                id=aid, url=f"https://{aid}.example/story", title=f"Title {aid}", outlet=outlet, text=text,
                content_hash=content_hash(text), source="", published=T + timedelta(hours=hours), stored_at=T,
                updated_at=T, story_id=story, copy_of=mark))


async def test_the_heads_are_read_a_bounded_number_of_articles_at_a_time(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[list[str]] = []
    real = copy_marks._recompute

    async def counting(conn: AsyncConnection, story_ids: Sequence[str]) -> int:
        read.append(sorted(story_ids))
        return await real(conn, story_ids)

    monkeypatch.setattr(copy_marks, "_recompute", counting)
    monkeypatch.setattr(copy_marks, "ARTICLES_PER_READ", 3, raising=False)
    db = await Database.open(f"sqlite:///{tmp_path / 'reads.db'}")
    try:
        await _fill(db)
        async with db.begin() as conn:
            assert await copy_marks.recompute_marks(conn) == 2  # the two teasers' marks
        assert read == [["big"], ["glass"], ["harbour"]]  # was: all three stories (8 articles) in one read
        async with db.connect() as conn:
            marks = {str(r.id): r.copy_of for r in await conn.execute(sa.select(articles.c.id, articles.c.copy_of))}
        assert marks == {"wire": "", "copy0": "wire", "copy1": "wire", "copy2": "wire", "courier": "", "policy": "",
                         "wire3": "", "teaser3": ""}
    finally:
        await db.close()


def test_reads_group_consecutive_stories_up_to_both_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copy_marks, "ARTICLES_PER_READ", 10)
    monkeypatch.setattr(copy_marks, "STORIES_PER_READ", 3)
    sizes = [("a", 4), ("b", 5), ("c", 12), ("d", 2), ("e", 2), ("f", 2), ("g", 1)]
    assert copy_marks.reads(sizes) == [["a", "b"], ["c"], ["d", "e", "f"], ["g"]]
    assert copy_marks.reads([]) == []
