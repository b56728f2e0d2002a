"""Stored copy marks (``articles.copy_of``) worked out again for the stories that have one (schema v22)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import SourceRef
from bot.outlets import HEAD_CHARS, find_copies
from bot.store.articles import utc
from bot.store.schema import articles

STORIES_PER_READ = 200  # stories whose article heads are read together, at most ...
ARTICLES_PER_READ = 2000  # ... and at most this many articles (16 MB of heads); a larger story is read alone


async def recompute_marks(conn: AsyncConnection) -> int:
    """Every story with an article marked a copy of another has all its marks worked out again with bot/outlets.py
    ``find_copies`` on the first HEAD_CHARS characters of each text in storage order (what bot/outlets.py copy_marks
    and a load compute); unmarked rows (NULL) stay unmarked. Returns how many rows changed."""
    c = articles.c
    marked = sa.select(c.story_id).where(c.copy_of.is_not(None), c.copy_of != "", c.story_id.is_not(None)).distinct()
    sizes = (await conn.execute(sa.select(c.story_id, sa.func.count()).where(c.story_id.in_(marked))
                                .group_by(c.story_id).order_by(c.story_id))).all()
    changed = 0
    for part in reads([(str(sid), int(n)) for sid, n in sizes]):
        changed += await _recompute(conn, part)
    return changed


def reads(sizes: Sequence[tuple[str, int]]) -> list[list[str]]:
    """The stories (id, article count) in groups read together: consecutive ones, up to STORIES_PER_READ stories
    and ARTICLES_PER_READ articles (a story larger than that alone), so the text held at once does not grow with
    the size of the stories."""
    out: list[list[str]] = []
    part: list[str] = []
    count = 0
    for story_id, n in sizes:
        if part and (count + n > ARTICLES_PER_READ or len(part) >= STORIES_PER_READ):
            out.append(part)
            part, count = [], 0
        part.append(story_id)
        count += n
    return [*out, part] if part else out


async def _recompute(conn: AsyncConnection, story_ids: Sequence[str]) -> int:
    c = articles.c
    rows = (await conn.execute(
        sa.select(c.id, c.story_id, c.outlet, c.url, c.title, c.published, c.copy_of,
                  sa.func.substr(c.text, 1, HEAD_CHARS).label("head"))
        .where(c.story_id.in_(story_ids)).order_by(c.seq))).all()
    by_story: dict[str, list[Any]] = {}  # rows
    for r in rows:
        by_story.setdefault(str(r.story_id), []).append(r)
    updates: list[dict[str, str]] = []
    for found in by_story.values():
        if any(r.copy_of is None for r in found):  # a load works this story's marks out anyway (bot/story_loader.py)
            continue
        refs = [SourceRef(str(r.id), str(r.outlet or ""), str(r.url or ""), str(r.title or ""), utc(r.published))
                for r in found]
        copies = find_copies(refs, {str(r.id): str(r.head or "") for r in found})
        updates += [{"b_id": str(r.id), "b_copy": copies.get(str(r.id), "")} for r in found
                    if copies.get(str(r.id), "") != r.copy_of]
    if updates:
        await conn.execute(articles.update().where(c.id == sa.bindparam("b_id"))
                           .values(copy_of=sa.bindparam("b_copy")), updates)
    return len(updates)
