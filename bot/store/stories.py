"""StoryStore: stories (clustered articles) with their profile and stored summary."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import SummarySentence
from bot.store.articles import fill_first_seen, utc
from bot.store.db import Database
from bot.store.id_lists import id_chunks, one_of
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


@dataclass(frozen=True, slots=True)
class StoredProfile:
    """A story's clustering profile (JSON) as stored, and when the story was first seen."""

    profile: str
    first_seen: datetime | None


@dataclass(frozen=True, slots=True)
class ProfileUpdate:
    """A story's clustering profile (JSON) and time span, to insert or overwrite."""

    story_id: str
    profile: str
    first_seen: datetime | None
    updated: datetime | None


@dataclass(frozen=True, slots=True)
class SummaryUpdate:
    """A story's headline, summary and size after its articles changed."""

    story_id: str
    headline: str
    url: str
    summary: tuple[SummarySentence, ...]
    size: int
    changed_at: datetime
    updated: datetime | None
    # (article id, what articles.copy_of keeps: the original's id or "") for every article of the story, written
    # with the summary (bot/outlets.py copy_marks); empty: the marks are left as they are
    copy_marks: tuple[tuple[str, str], ...] = ()


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

    async def profiles_since(self, since: datetime) -> list[StoredProfile]:
        """Profiles of the stories updated since ``since`` (the clustering lookback), each with when its story was
        first seen. A story not summarised yet (``updated`` unset: one of undated articles a crash left before its
        summary) counts from ``first_seen``, so it is not loaded on every poll until retention; both halves read
        ix_stories_updated (a range, and the few rows without ``updated``). A summarised story of undated articles
        has ``updated`` set to when it was last summarised: the caller ages it by ``first_seen`` too
        (bot/cluster_profiles.py)."""
        c = stories.c
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(c.profile, c.first_seen).where(
                    sa.or_(c.updated >= since, sa.and_(c.updated.is_(None), c.first_seen >= since)))
            )).all()
        return [StoredProfile(r.profile, utc(r.first_seen)) for r in rows if r.profile]

    async def save_profile(self, story_id: str, profile: str, *, first_seen: datetime | None,
                           updated: datetime | None) -> None:
        await self.place({}, [ProfileUpdate(story_id, profile, first_seen, updated)])

    async def place(self, assignments: Mapping[str, str], profiles: Sequence[ProfileUpdate]) -> None:
        """Put articles into stories (article id -> story id) and write those stories' profiles, in one
        transaction: a crash leaves either all of it or none of it."""
        async def work(conn: AsyncConnection) -> None:
            if assignments:
                await conn.execute(
                    articles.update().where(articles.c.id == sa.bindparam("b_article"))
                    .values(story_id=sa.bindparam("b_story")),
                    [{"b_article": a, "b_story": s} for a, s in assignments.items()])
            await self._write_profiles(conn, profiles)

        await self.db.transaction(work)  # idempotent: safe to repeat after a dropped connection

    async def _write_profiles(self, conn: AsyncConnection, profiles: Sequence[ProfileUpdate]) -> None:
        latest = {p.story_id: p for p in profiles}  # the last word on each story
        known: set[str] = set()
        for chunk in id_chunks(self.db.dialect, latest):
            query = sa.select(stories.c.id).where(one_of(self.db.dialect, stories.c.id, chunk))
            known.update(r.id for r in await conn.execute(query))
        new: list[dict[str, Any]] = [
            {"id": p.story_id, "profile": p.profile, "first_seen": p.first_seen, "updated": p.updated, "summary": "[]"}
            for p in latest.values() if p.story_id not in known]
        old: list[dict[str, Any]] = [
            {"b_story": p.story_id, "b_profile": p.profile, "b_updated": p.updated}
            for p in latest.values() if p.story_id in known]
        if new:
            await conn.execute(stories.insert(), new)
            # a story of undated articles: first seen when they were stored (the profile has dates only)
            await fill_first_seen(conn, self.db.dialect, [p["id"] for p in new if p["first_seen"] is None])
        if old:
            await conn.execute(
                stories.update().where(stories.c.id == sa.bindparam("b_story"))
                .values(profile=sa.bindparam("b_profile"), updated=sa.bindparam("b_updated")), old)

    async def save_summary(self, story_id: str, *, headline: str, url: str,
                           summary: Sequence[SummarySentence], size: int, changed_at: datetime,
                           updated: datetime | None) -> None:
        await self.save_summaries([SummaryUpdate(story_id, headline, url, tuple(summary), size, changed_at, updated)])

    async def save_summaries(self, updates: Sequence[SummaryUpdate]) -> None:
        """Several stories' summaries, and the copy marks of their articles, in one transaction: a crash never
        leaves a summary and the marks of the articles it was made from disagreeing."""
        if not updates:
            return
        async def work(conn: AsyncConnection) -> None:
            await conn.execute(
                stories.update().where(stories.c.id == sa.bindparam("b_story")).values(
                    headline=sa.bindparam("b_headline"), url=sa.bindparam("b_url"),
                    summary=sa.bindparam("b_summary"), size=sa.bindparam("b_size"),
                    changed_at=sa.bindparam("b_changed"), updated=sa.bindparam("b_updated")),
                [{"b_story": u.story_id, "b_headline": u.headline, "b_url": u.url,
                  "b_summary": summary_to_json(u.summary), "b_size": u.size, "b_changed": u.changed_at,
                  "b_updated": u.updated} for u in updates])
            marks = [{"b_article": aid, "b_copy": mark} for u in updates for aid, mark in u.copy_marks]
            if marks:
                await conn.execute(articles.update().where(articles.c.id == sa.bindparam("b_article"))
                                   .values(copy_of=sa.bindparam("b_copy")), marks)

        await self.db.transaction(work)

    async def get(self, story_id: str) -> StoryRow | None:
        async with self.db.connect() as conn:
            r = (await conn.execute(sa.select(stories).where(stories.c.id == story_id))).first()
        return _row(r) if r is not None else None

    async def get_many(self, story_ids: Sequence[str]) -> list[StoryRow]:
        """Stories by id, in the order asked (missing ids skipped): a few queries however many."""
        found: dict[str, StoryRow] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, story_ids):
                rows = await conn.execute(sa.select(stories).where(one_of(dialect, stories.c.id, chunk)))
                found.update((row.id, row) for row in map(_row, rows))
        return [found[i] for i in story_ids if i in found]

    async def changed_since(self, since: datetime | None, *, limit: int = 500,
                            before: tuple[datetime, str] | None = None) -> list[StoryRow]:
        """Stories whose articles or summary changed after ``since`` (all when None), newest first, ties by id
        (a stable order to page through). ``before``: the (changed_at, id) of the previous page's last story;
        this page starts after it (a range on ix_stories_changed)."""
        c = stories.c
        query = sa.select(stories).where(c.size > 0)
        if since is not None:
            query = query.where(c.changed_at > since)
        if before is not None:
            at, story_id = before
            query = query.where(c.changed_at <= at, sa.or_(c.changed_at < at, c.id < story_id))
        query = query.order_by(c.changed_at.desc(), c.id.desc()).limit(limit)
        async with self.db.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [_row(r) for r in rows]

    async def changed_pages(self, since: datetime | None, *, page_size: int) -> AsyncGenerator[list[StoryRow], None]:
        """Every story that changed after ``since`` (all when None), newest first, ``page_size`` rows a query, each
        starting after the last (changed_at, id) of the one before, so none is skipped or repeated."""
        before: tuple[datetime, str] | None = None
        while True:
            rows = await self.changed_since(since, limit=page_size, before=before)
            if rows:
                yield rows
            last = rows[-1].changed_at if rows else None
            if len(rows) < page_size or last is None:
                return
            before = (last, rows[-1].id)

    async def story_ids_for_articles(self, article_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, article_ids):
                rows = (await conn.execute(
                    sa.select(articles.c.id, articles.c.story_id)  # only stories that exist (a crash can leave
                    .select_from(articles.join(stories, stories.c.id == articles.c.story_id))  # an id without a row)
                    .where(one_of(dialect, articles.c.id, chunk))
                )).all()
                out.update((r.id, r.story_id) for r in rows if r.story_id)
        return out
