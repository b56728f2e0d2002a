"""StoryStore: stories (clustered articles) with their profile and stored summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.models import SummarySentence
from bot.store.articles import utc
from bot.store.db import Database
from bot.store.schema import articles, stories


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A stored story before its articles are loaded."""

    id: str
    headline: str
    url: str
    first_seen: datetime | None
    updated: datetime | None
    changed_at: datetime | None
    size: int
    profile: str
    summary: tuple[SummarySentence, ...]


def summary_to_json(summary: Sequence[SummarySentence]) -> str:
    return json.dumps([
        {"text": s.text, "article": s.article_id, "sentence": s.sentence, "start": s.start, "end": s.end}
        for s in summary
    ])


def summary_from_json(text: str) -> tuple[SummarySentence, ...]:
    return tuple(
        SummarySentence(d["text"], d["article"], int(d["sentence"]), int(d["start"]), int(d["end"]))
        for d in json.loads(text or "[]")
    )


def _row(r: sa.Row[tuple[object, ...]]) -> StoryRow:
    m = r._mapping
    return StoryRow(
        id=str(m["id"]), headline=str(m["headline"]), url=str(m["url"]),
        first_seen=utc(m["first_seen"]), updated=utc(m["updated"]), changed_at=utc(m["changed_at"]),
        size=int(m["size"]), profile=str(m["profile"]), summary=summary_from_json(str(m["summary"])),
    )


class StoryStore:
    """Explicit methods over the stories table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def profiles_since(self, since: datetime) -> list[str]:
        """Serialized profiles of stories updated since ``since`` (the clustering window)."""
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(stories.c.profile).where(
                    sa.or_(stories.c.updated >= since, stories.c.updated.is_(None))
                )
            )).all()
        return [r.profile for r in rows if r.profile]

    async def save_profile(self, story_id: str, profile: str, *, first_seen: datetime | None,
                           updated: datetime | None) -> None:
        async with self.db.begin() as conn:
            exists = (await conn.execute(sa.select(stories.c.id).where(stories.c.id == story_id))).first()
            if exists is None:
                await conn.execute(stories.insert().values(
                    id=story_id, profile=profile, first_seen=first_seen, updated=updated, summary="[]"))
            else:
                await conn.execute(stories.update().where(stories.c.id == story_id).values(
                    profile=profile, updated=updated))

    async def save_summary(self, story_id: str, *, headline: str, url: str,
                           summary: Sequence[SummarySentence], size: int, changed_at: datetime,
                           updated: datetime | None) -> None:
        async with self.db.begin() as conn:
            await conn.execute(stories.update().where(stories.c.id == story_id).values(
                headline=headline, url=url, summary=summary_to_json(summary), size=size,
                changed_at=changed_at, updated=updated))

    async def get(self, story_id: str) -> StoryRow | None:
        async with self.db.connect() as conn:
            r = (await conn.execute(sa.select(stories).where(stories.c.id == story_id))).first()
        return _row(r) if r is not None else None

    async def changed_since(self, since: datetime | None, *, limit: int = 500) -> list[StoryRow]:
        """Stories whose articles or summary changed after ``since`` (all when None), newest first."""
        query = sa.select(stories).where(stories.c.size > 0)
        if since is not None:
            query = query.where(stories.c.changed_at > since)
        query = query.order_by(stories.c.changed_at.desc()).limit(limit)
        async with self.db.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [_row(r) for r in rows]

    async def story_ids_for_articles(self, article_ids: Sequence[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(articles.c.id, articles.c.story_id).where(articles.c.id.in_(list(article_ids)))
            )).all()
        return {r.id: r.story_id for r in rows if r.story_id}
