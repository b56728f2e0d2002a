"""RevisionStore: what each edit of a stored article changed (a row per edit, capped per article), read as notes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Article, RevisionNote, Story
from bot.nlp.revisions import Change, Revision, diff_revision, excerpt, shown_rank
from bot.store.db import Database
from bot.store.id_lists import id_chunks, one_of
from bot.store.schema import (
    article_revisions,
    articles,
    channel_articles,
    channel_stories,
    channel_tracks,
    deliveries,
    sentences,
)

# An article edited a thousand times keeps this many rows: the latest, minor edits dropped before those that matter.
MAX_ROWS_PER_ARTICLE = 20
NOTE_CHARS = 140  # each side of a change as a reader is shown it


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class StoredRevision:
    """One row of article_revisions."""

    article_id: str
    seen_at: datetime
    revision: int
    diff: Revision
    substantive: bool
    why: str


def _changes_to_json(changes: Sequence[Change]) -> str:
    return json.dumps([[c.before, c.after, c.why] for c in changes], ensure_ascii=False)


def _changes_from_json(text: str) -> tuple[Change, ...]:
    return tuple(Change(str(b), str(a), str(w)) for b, a, w in json.loads(text or "[]"))


def _stored(row: Any, language: str = "en") -> StoredRevision:
    diff = Revision(row.title_before, row.title_after, _changes_from_json(row.changes), int(row.omitted),
                    bool(row.expanded), language)
    return StoredRevision(str(row.article_id), _utc(row.seen_at), int(row.revision), diff, bool(row.substantive),
                          str(row.why))


async def record_revision(conn: AsyncConnection, article_id: str, article: Article, now: datetime) -> Revision | None:
    """Called before an edited republication overwrites stored article ``article_id``: what changed from the stored
    version to ``article`` (headline and sentences), written as one row, and the article's rows past
    MAX_ROWS_PER_ARTICLE removed (minor edits first, then the oldest). None (nothing written) when no sentence
    changed but by moving and the headline stayed."""
    a = articles.c
    old = (await conn.execute(sa.select(a.title, a.revision).where(a.id == article_id))).first()
    if old is None:
        return None
    before = [str(r[0]) for r in await conn.execute(
        sa.select(sentences.c.text).where(sentences.c.article_id == article_id).order_by(sentences.c.idx))]
    r = article_revisions.c
    earlier = {str(t) for row in await conn.execute(sa.select(r.title_before, r.title_after)
                                                    .where(r.article_id == article_id)) for t in row if t}
    diff = diff_revision(str(old.title), before, article.title, [s.text for s in article.sentences], earlier,
                         language=article.language)
    if diff is None:
        return None
    await conn.execute(article_revisions.insert().values(
        article_id=article_id, seen_at=now, revision=int(old.revision) + 1, title_before=diff.title_before,
        title_after=diff.title_after, changes=_changes_to_json(diff.changes), omitted=diff.omitted,
        expanded=diff.expanded, why=diff.why, substantive=diff.substantive))
    rows = (await conn.execute(sa.select(r.id, r.substantive).where(r.article_id == article_id)
                               .order_by(r.id))).all()
    excess = len(rows) - MAX_ROWS_PER_ARTICLE
    if excess > 0:
        drop = [int(x.id) for x in rows if not x.substantive][:excess]
        drop += [int(x.id) for x in rows if x.substantive][:excess - len(drop)]
        await conn.execute(article_revisions.delete().where(one_of(conn.dialect.name, r.id, drop)))
    return diff


def note_of(stored: StoredRevision, outlet: str) -> RevisionNote | None:
    """The revision as a reader is told of it (its most important change, shortened), or None when nothing in it
    matters."""
    diff = stored.diff
    top = diff.top()
    if top is None:
        return None
    mattering = sum(1 for c in diff.changes if c.why) + (1 if diff.headline_why else 0)
    before, after = excerpt(top.before, top.after, NOTE_CHARS, context=20 if top.why == "headline" else 4)
    return RevisionNote(stored.article_id, outlet, stored.seen_at, top.why, before, after, max(0, mattering - 1))


def note_to_dict(note: RevisionNote) -> dict[str, Any]:
    return {"article": note.article_id, "outlet": note.outlet, "seen_at": note.seen_at.isoformat(),
            "why": note.why, "before": note.before, "after": note.after, "others": note.others}


def note_from_dict(d: dict[str, Any]) -> RevisionNote:
    return RevisionNote(str(d["article"]), str(d["outlet"]), _utc(datetime.fromisoformat(str(d["seen_at"]))),
                        str(d["why"]), str(d["before"]), str(d["after"]), int(d.get("others", 0)))


def fold(notes: Sequence[RevisionNote]) -> RevisionNote:
    """Several edits of one article as one note: the change to show (bot/nlp/revisions.py SHOWN: a changed fact
    before an editor's note; the latest of equals), the rest counted."""
    best = min(notes, key=lambda n: (shown_rank(n.why), -n.seen_at.timestamp()))
    return replace(best, others=sum(1 + n.others for n in notes) - 1)


class RevisionStore:
    """Reads what edits changed: per article, per story, and per channel (what it has not been told)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def for_article(self, article_id: str) -> list[StoredRevision]:
        """Every stored revision of an article, oldest first."""
        r = article_revisions.c
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(article_revisions, articles.c.language)
                                       .outerjoin(articles, articles.c.id == r.article_id)
                                       .where(r.article_id == article_id).order_by(r.id))).all()
        return [_stored(row, row.language or "en") for row in rows]

    async def notes(self, article_ids: Sequence[str]) -> dict[str, list[RevisionNote]]:
        """Per article, its edits that matter as notes, oldest first (articles without any left out)."""
        r = article_revisions.c
        out: dict[str, list[RevisionNote]] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, article_ids):
                rows = (await conn.execute(
                    sa.select(article_revisions, articles.c.outlet, articles.c.language)
                    .join(articles, articles.c.id == r.article_id)
                    .where(one_of(dialect, r.article_id, chunk), r.substantive.is_(True)).order_by(r.id))).all()
                for row in rows:
                    note = note_of(_stored(row, str(row.language)), str(row.outlet))
                    if note is not None:
                        out.setdefault(note.article_id, []).append(note)
        return out

    async def with_revisions(self, stories: list[Story]) -> list[Story]:
        """The stories with the edits of their articles that matter (``Story.revisions``, oldest first)."""
        found = await self.notes([s.article_id for story in stories for s in story.sources]) if stories else {}
        if not found:
            return stories
        return [replace(story, revisions=tuple(sorted(
            (n for s in story.sources for n in found.get(s.article_id, ())), key=lambda n: n.seen_at)))
            if any(s.article_id in found for s in story.sources) else story for story in stories]

    async def last_shown(self, channel: str, story_ids: Sequence[str]) -> dict[str, datetime]:
        """When each of these stories was last brought to the channel: the cut-off its last slot was composed at
        (when the ledger still has the slot), else when that slot was delivered."""
        cs, d = channel_stories.c, deliveries.c
        out: dict[str, datetime] = {}
        dialect = self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, story_ids):
                rows = (await conn.execute(
                    sa.select(cs.story_id, cs.delivered_at, d.cutoff)
                    .select_from(channel_stories.outerjoin(deliveries, sa.and_(d.channel == cs.channel,
                                                                               d.slot == cs.slot)))
                    .where(cs.channel == channel, one_of(dialect, cs.story_id, chunk)))).all()
                out.update((str(row.story_id), _utc(row.cutoff or row.delivered_at)) for row in rows)
        return out

    async def tracked_revised(self, channel: str) -> list[str]:
        """The stories this channel tracks and was shown, one of whose articles it saw was edited in a way that
        matters since the story was last brought to it: one query."""
        t, a, r, seen, cs, d = (channel_tracks.c, articles.c, article_revisions.c, channel_articles.c,
                                channel_stories.c, deliveries.c)
        query = (sa.select(t.story_id).distinct()
                 .select_from(channel_tracks
                              .join(channel_stories, sa.and_(cs.channel == t.channel, cs.story_id == t.story_id))
                              .outerjoin(deliveries, sa.and_(d.channel == cs.channel, d.slot == cs.slot))
                              .join(articles, a.story_id == t.story_id)
                              .join(channel_articles, sa.and_(seen.channel == t.channel, seen.article_id == a.id))
                              .join(article_revisions, r.article_id == a.id))
                 .where(t.channel == channel, r.substantive.is_(True),
                        r.seen_at > sa.func.coalesce(d.cutoff, cs.delivered_at)))
        async with self.db.connect() as conn:
            return sorted(str(row.story_id) for row in await conn.execute(query))
