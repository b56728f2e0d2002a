"""Retention: delete stories, articles and finished delivery-ledger rows older than a cut-off, in batches."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import get_args

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.answered import KEEP_CLAIMS
from bot.store.articles import IN_CHUNK
from bot.store.db import Database
from bot.store.dedupe import chunked
from bot.store.fts_rows import delete_attribution_rows, delete_text_rows
from bot.store.id_lists import one_of
from bot.store.ledger import ALERT, UNFINISHED, State, slot_text
from bot.store.schema import (
    answered_messages,
    article_revisions,
    articles,
    attributions,
    channel_articles,
    channel_mutes,
    channel_stories,
    channel_tracks,
    deliveries,
    delivery_contents,
    page_retries,
    pruned_articles,
    sentences,
    stories,
)

FINISHED: tuple[str, ...] = tuple(s for s in get_args(State) if s not in UNFINISHED)
# how long a removed article's id is remembered, so a feed still carrying the item does not bring it back
# (counted from the cut-off of the prune that removed it; a feed carrying an item this long is rare)
REMEMBER_PRUNED = timedelta(days=90)


@dataclass(frozen=True, slots=True)
class PruneReport:
    """Rows removed (or, in a dry run, that would be)."""

    stories: int = 0
    articles: int = 0
    sentences: int = 0
    attributions: int = 0
    revisions: int = 0  # what edits of the articles changed (bot/store/revisions.py)
    channel_stories: int = 0
    channel_mutes: int = 0
    channel_tracks: int = 0
    channel_articles: int = 0
    deliveries: int = 0
    delivery_contents: int = 0
    page_retries: int = 0
    remembered_ids: int = 0  # remembered ids of removed articles, forgotten after REMEMBER_PRUNED
    answered_claims: int = 0  # claims of chat messages addressed to the bot (bot/store/answered.py), a day old

    def __add__(self, other: PruneReport) -> PruneReport:
        return PruneReport(*(getattr(self, f.name) + getattr(other, f.name) for f in dataclasses.fields(self)))

    def counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


async def prune(db: Database, *, before: datetime, batch: int = 500, dry_run: bool = False,
                claims_before: datetime | None = None) -> PruneReport:
    """Delete what is older than ``before``: each story whose newest article was published and whose
    articles last changed before it, with all its articles; articles in no story stored before it; and
    finished ledger rows of earlier slots (each channel's newest slot and newest delivery stay, since
    the scheduler counts due slots from them). Each article goes with its sentences, quotes, full-text
    rows, per-channel marks, page retries (bot/store/page_retries.py) and revisions (bot/store/revisions.py);
    page retries of articles never stored, due before the cut-off, go too. About ``batch`` articles (whole
    stories) or ledger rows per transaction, so an error between batches leaves every article either wholly
    there or wholly gone. With ``claims_before`` (now - KEEP_CLAIMS, as the daily job and `briefbot prune` pass)
    the claims of chat messages made before it go too, with any question text a run that stopped left in them
    (otherwise removed only by a later claim). ``dry_run`` counts the same rows without deleting any."""
    if batch < 1:
        raise ValueError(f"batch must be 1 or more, got {batch}")
    step = _Step(sqlite=db.dialect == "sqlite", before=before, limit=batch, dry_run=dry_run)
    total = PruneReport()
    story_after = ""
    while (done := await db.transaction(partial(_story_batch, step=step, after=story_after))) is not None:
        report, story_after = done
        total += report
    seq_after = 0
    while (found := await db.transaction(partial(_loose_article_batch, step=step, after=seq_after))) is not None:
        report, seq_after = found
        total += report
    slot_after = ("", "")
    while (rows := await db.transaction(partial(_ledger_batch, step=step, after=slot_after))) is not None:
        report, slot_after = rows
        total += report
    total += await db.transaction(partial(_forget_marks, step=step))
    if claims_before is not None:
        total += await db.transaction(partial(_old_claims, step=step, before=claims_before))
    return total + await db.transaction(partial(_orphan_retries, step=step))


@dataclass(frozen=True, slots=True)
class _Step:
    sqlite: bool
    before: datetime
    limit: int
    dry_run: bool


async def _begin(conn: AsyncConnection, step: _Step) -> None:
    """On SQLite the driver starts a transaction only at the first write: start it now, so the rows
    chosen are the rows deleted (IMMEDIATE takes the write lock first; no writer slips in between)."""
    if step.sqlite:
        await conn.exec_driver_sql("BEGIN" if step.dry_run else "BEGIN IMMEDIATE")


async def _remove(conn: AsyncConnection, step: _Step, table: sa.TableClause, where: sa.ColumnElement[bool]) -> int:
    """Delete the matching rows and say how many; in a dry run only count them."""
    if step.dry_run:
        return int((await conn.execute(sa.select(sa.func.count()).select_from(table).where(where))).scalar() or 0)
    return int((await conn.execute(sa.delete(table).where(where))).rowcount)


async def _remove_articles(conn: AsyncConnection, step: _Step, ids: Sequence[str]) -> PruneReport:
    """Articles with everything hanging off them, children first (so nothing is left to cascade)."""
    n_sent = n_attr = n_seen = n_art = n_retry = n_rev = 0
    dialect = conn.dialect.name
    for chunk in chunked(list(ids), IN_CHUNK):
        if step.sqlite and not step.dry_run:  # by rowid, through the rows about to go (bot/store/fts_rows.py)
            await delete_attribution_rows(conn, chunk)
            await delete_text_rows(conn, chunk)
        n_attr += await _remove(conn, step, attributions, one_of(dialect, attributions.c.article_id, chunk))
        n_sent += await _remove(conn, step, sentences, one_of(dialect, sentences.c.article_id, chunk))
        n_seen += await _remove(conn, step, channel_articles, one_of(dialect, channel_articles.c.article_id, chunk))
        n_retry += await _remove(conn, step, page_retries, one_of(dialect, page_retries.c.article_id, chunk))
        n_rev += await _remove(conn, step, article_revisions, one_of(dialect, article_revisions.c.article_id, chunk))
        n_art += await _remove(conn, step, articles, one_of(dialect, articles.c.id, chunk))
        if not step.dry_run:
            await _remember(conn, step, chunk)
    return PruneReport(articles=n_art, sentences=n_sent, attributions=n_attr, channel_articles=n_seen,
                       page_retries=n_retry, revisions=n_rev)


async def _remember(conn: AsyncConnection, step: _Step, ids: Sequence[str]) -> None:
    """Note the ids of removed articles (with this prune's cut-off), so ingesting them again is skipped."""
    if not ids:
        return
    insert = (postgresql if not step.sqlite else sqlite).insert(pruned_articles)
    await conn.execute(insert.values([{"article_id": i, "cutoff": step.before} for i in ids])
                       .on_conflict_do_nothing(index_elements=[pruned_articles.c.article_id]))


async def _forget_marks(conn: AsyncConnection, *, step: _Step) -> PruneReport:
    """Remembered ids of articles removed more than REMEMBER_PRUNED before this cut-off."""
    await _begin(conn, step)
    expired = pruned_articles.c.cutoff < step.before - REMEMBER_PRUNED
    return PruneReport(remembered_ids=await _remove(conn, step, pruned_articles, expired))


async def _old_claims(conn: AsyncConnection, *, step: _Step, before: datetime) -> PruneReport:
    """Claims of messages addressed to the bot made before ``before``, done or not (the store's own bound)."""
    await _begin(conn, step)
    return PruneReport(answered_claims=await _remove(conn, step, answered_messages,
                                                     answered_messages.c.claimed_at < before))


def claims_cutoff(now: datetime) -> datetime:
    """Claims older than this are past what AnsweredStore keeps (a day)."""
    return now - KEEP_CLAIMS


async def _orphan_retries(conn: AsyncConnection, *, step: _Step) -> PruneReport:
    """Page retries whose article was never stored (a duplicate, a crash before saving) and that were due
    before the cut-off: no feed has carried their item since."""
    await _begin(conn, step)
    r = page_retries.c
    stored = sa.exists().where(articles.c.id == r.article_id)
    return PruneReport(page_retries=await _remove(conn, step, page_retries, sa.and_(r.next_at < step.before,
                                                                                     ~stored)))


async def _story_batch(conn: AsyncConnection, *, step: _Step, after: str) -> tuple[PruneReport, str] | None:
    """The next old stories after story id ``after``, whole, up to about ``limit`` articles."""
    await _begin(conn, step)
    s, dialect = stories.c, conn.dialect.name
    # updated: the newest article's publication time; changed_at: when the store last changed the story
    # (a just-ingested article published long ago keeps its story until it too is old)
    old = sa.and_(sa.func.coalesce(s.updated, s.changed_at) < step.before,
                  sa.func.coalesce(s.changed_at, s.updated) < step.before)
    candidates = [r.id for r in (await conn.execute(
        sa.select(s.id).where(old, s.id > after).order_by(s.id).limit(step.limit).with_for_update()))]
    if not candidates:
        return None
    sizes: dict[str, int] = {str(r[0]): int(r[1]) for r in (await conn.execute(
        sa.select(articles.c.story_id, sa.func.count()).where(one_of(dialect, articles.c.story_id, candidates))
        .group_by(articles.c.story_id))).all()}
    chosen: list[str] = []
    size = 0
    for story_id in candidates:  # whole stories, at least one, until the batch is full
        if chosen and size + sizes.get(story_id, 0) > step.limit:
            break
        chosen.append(story_id)
        size += sizes.get(story_id, 0)
    ids = [r.id for r in (await conn.execute(
        sa.select(articles.c.id).where(one_of(dialect, articles.c.story_id, chosen)).with_for_update()))]
    report = await _remove_articles(conn, step, ids)
    report += PruneReport(
        channel_stories=await _remove(conn, step, channel_stories, one_of(dialect, channel_stories.c.story_id, chosen)),
        channel_mutes=await _remove(conn, step, channel_mutes, one_of(dialect, channel_mutes.c.story_id, chosen)),
        channel_tracks=await _remove(conn, step, channel_tracks, one_of(dialect, channel_tracks.c.story_id, chosen)),
        stories=await _remove(conn, step, stories, one_of(dialect, stories.c.id, chosen)))
    return report, chosen[-1]


async def _loose_article_batch(conn: AsyncConnection, *, step: _Step, after: int) -> tuple[PruneReport, int] | None:
    """The next articles in no (stored) story, stored before the cut-off, after storage number ``after``."""
    await _begin(conn, step)
    a = articles.c
    rows = (await conn.execute(
        sa.select(a.seq, a.id).select_from(articles.outerjoin(stories, stories.c.id == a.story_id))
        .where(a.stored_at < step.before, sa.or_(a.story_id.is_(None), stories.c.id.is_(None)), a.seq > after)
        .order_by(a.seq).limit(step.limit).with_for_update(of=articles))).all()
    if not rows:
        return None
    return await _remove_articles(conn, step, [r.id for r in rows]), int(rows[-1].seq)


async def _ledger_batch(conn: AsyncConnection, *, step: _Step,
                        after: tuple[str, str]) -> tuple[PruneReport, tuple[str, str]] | None:
    """The next finished ledger rows of slots before the cut-off, after (channel, slot) ``after``."""
    await _begin(conn, step)
    d, newer = deliveries.c, deliveries.alias("newer").c
    # "later" means a later slot of the schedule: breaking alerts do not count, since the schedule counts
    # its due slots from its own newest slot
    later = sa.and_(newer.channel == d.channel, newer.slot > d.slot, newer.kind != ALERT)
    rows = (await conn.execute(
        sa.select(d.channel, d.slot).where(
            d.slot < slot_text(step.before), d.state.in_(FINISHED),
            sa.exists().where(later),  # never the channel's newest slot,
            sa.or_(d.state != "delivered", sa.exists().where(later, newer.state == "delivered")),  # nor delivery
            sa.or_(d.channel > after[0], sa.and_(d.channel == after[0], d.slot > after[1])))
        .order_by(d.channel, d.slot).limit(step.limit))).all()
    if not rows:
        return None
    by_channel: dict[str, list[str]] = {}
    for r in rows:
        by_channel.setdefault(r.channel, []).append(r.slot)
    report = PruneReport()
    for channel, slots in by_channel.items():
        report += PruneReport(
            delivery_contents=await _remove(conn, step, delivery_contents, sa.and_(
                delivery_contents.c.channel == channel, delivery_contents.c.slot.in_(slots))),
            deliveries=await _remove(conn, step, deliveries, sa.and_(
                deliveries.c.channel == channel, deliveries.c.slot.in_(slots))))
    return report, (str(rows[-1].channel), str(rows[-1].slot))
