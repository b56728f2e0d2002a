"""DeliveryLedger: one row per (channel, slot) moving pending -> posting -> delivered, so each slot posts once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import BRIEFING_LENGTHS, BriefingLength, RevisionNote, SummarySentence
from bot.store.articles import utc
from bot.store.db import Database
from bot.store.id_lists import id_chunks, one_of
from bot.store.revisions import note_from_dict, note_to_dict
from bot.store.schema import articles, channel_articles, channel_stories, channels, deliveries, delivery_contents
from bot.store.stories import summary_from_json, summary_to_json

State = Literal["pending", "posting", "delivered", "empty", "skipped", "failed"]
Kind = Literal["scheduled", "catch-up", "manual", "alert"]
UNFINISHED: tuple[State, ...] = ("pending", "posting")
# A breaking alert is a slot of its own but not one of the schedule's: the schedule counts its due slots from
# the newest other slot, and an alert never moves the channel's watermark (the next briefing still covers
# everything since the last one, less the stories the alert already showed).
ALERT: Kind = "alert"


def slot_text(slot: datetime) -> str:
    """The ledger's key for an instant: UTC, whole seconds, fixed width (so text order is time order)."""
    return slot.astimezone(UTC).replace(microsecond=0).isoformat()


def slot_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class Carried:
    """One story as a claimed slot carries it: the articles it shows (a follow-up: which are new to the
    channel and what they add), and what the briefing said, so a re-post after a restart is the same."""

    story_id: str
    articles: tuple[str, ...]
    headline: str
    url: str
    summary: tuple[SummarySentence, ...]
    new: tuple[str, ...] = ()  # not empty: a follow-up; these articles are new to the channel
    new_since: tuple[SummarySentence, ...] = ()
    why: str = ""
    score: float = 0.0
    more: bool = False  # past the cap: listed under "and N more"
    revised: tuple[RevisionNote, ...] = ()  # a follow-up: edits that matter of articles the channel saw


@dataclass(frozen=True, slots=True)
class Planned:
    """What a claimed slot will post."""

    title: str
    since: datetime | None
    stories: tuple[Carried, ...]
    # the channel's length when the slot was composed (kept in deliveries.length, schema v15): a retry or catch-up
    # posts at it, not at a length chosen since; None: claimed before v15 (posted at the channel's length of now)
    length: BriefingLength | None = None


def planned_to_json(planned: Planned) -> str:
    return json.dumps({
        "title": planned.title, "since": planned.since.isoformat() if planned.since else None,
        "stories": [{"id": c.story_id, "articles": list(c.articles), "headline": c.headline, "url": c.url,
                     "summary": json.loads(summary_to_json(c.summary)), "new": list(c.new),
                     "new_since": json.loads(summary_to_json(c.new_since)), "why": c.why, "score": c.score,
                     "more": c.more, "revised": [note_to_dict(n) for n in c.revised]}
                    for c in planned.stories]}, ensure_ascii=False)


def planned_from_json(text: str) -> Planned:
    d = json.loads(text)
    return Planned(d["title"], datetime.fromisoformat(d["since"]) if d.get("since") else None, tuple(
        Carried(str(c["id"]), tuple(c["articles"]), str(c["headline"]), str(c["url"]),
                summary_from_json(json.dumps(c["summary"])), tuple(c["new"]),
                summary_from_json(json.dumps(c["new_since"])), str(c["why"]), float(c["score"]), bool(c["more"]),
                tuple(note_from_dict(n) for n in c.get("revised", ())))  # slots claimed before v13 have none
        for c in d["stories"]))


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One slot of one channel and how far its delivery got."""

    channel: str
    slot: datetime
    kind: Kind
    state: State
    covers: tuple[datetime, ...]  # missed slots this one stands for (coalesced or skipped)
    cutoff: datetime
    story_ids: tuple[str, ...]
    message_ids: tuple[str, ...]
    attempts: int
    retry_at: datetime | None
    error: str | None
    planned: Planned | None = None  # None: claimed before follow-ups existed (stories only)

    @property
    def key(self) -> str:
        """The idempotency key handed to Adapter.post."""
        return f"{self.channel}|{self.slot.isoformat()}"


@dataclass(frozen=True, slots=True)
class SlotOutcome:
    """How a slot ended (or how far it got), without what it carries (``DeliveryLedger.outcomes``)."""

    slot: datetime
    kind: Kind
    state: State
    error: str | None


def _entry(row: sa.Row[tuple[object, ...]]) -> LedgerEntry:
    m = row._mapping
    cutoff = utc(m["cutoff"])
    assert cutoff is not None
    return LedgerEntry(
        channel=str(m["channel"]), slot=slot_time(str(m["slot"])), kind=m["kind"],
        state=m["state"], covers=tuple(slot_time(s) for s in json.loads(str(m["covers"]))),
        cutoff=cutoff, story_ids=tuple(json.loads(str(m["story_ids"]))),
        message_ids=tuple(json.loads(str(m["message_ids"]))), attempts=int(m["attempts"]),
        retry_at=utc(m["retry_at"]), error=m["error"],
        planned=replace(planned_from_json(str(m["contents"])), length=_length(m["length"])) if m["contents"] else None)


def _length(value: object) -> BriefingLength | None:
    return next((n for n in BRIEFING_LENGTHS if n == value), None)


def _select() -> sa.Select[tuple[object, ...]]:
    """Ledger rows with what each claimed slot carries."""
    joined = deliveries.outerjoin(delivery_contents, sa.and_(delivery_contents.c.channel == deliveries.c.channel,
                                                              delivery_contents.c.slot == deliveries.c.slot))
    return sa.select(deliveries, delivery_contents.c.contents).select_from(joined)


class DeliveryLedger:
    """Explicit, transactional steps; a crash between any two leaves a row that says what to do next."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, channel: str, slot: datetime) -> LedgerEntry | None:
        async with self.db.connect() as conn:
            row = (await conn.execute(_select().where(
                deliveries.c.channel == channel, deliveries.c.slot == slot_text(slot)))).first()
        return _entry(row) if row is not None else None

    async def entries(self, channel: str) -> list[LedgerEntry]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(_select().where(deliveries.c.channel == channel)
                                       .order_by(deliveries.c.slot))).all()
        return [_entry(r) for r in rows]

    async def last_slot(self, channel: str) -> datetime | None:
        """The newest schedule slot (any kind but an alert) the ledger knows for a channel, whatever its state."""
        async with self.db.connect() as conn:
            value = (await conn.execute(sa.select(sa.func.max(deliveries.c.slot)).where(
                deliveries.c.channel == channel, deliveries.c.kind != ALERT))).scalar()
        return slot_time(str(value)) if value else None

    async def last_alert(self, channel: str) -> datetime | None:
        """The newest breaking-alert slot of a channel, whatever its state."""
        async with self.db.connect() as conn:
            value = (await conn.execute(sa.select(sa.func.max(deliveries.c.slot)).where(
                deliveries.c.channel == channel, deliveries.c.kind == ALERT))).scalar()
        return slot_time(str(value)) if value else None

    async def overview(self) -> dict[str, tuple[datetime | None, bool]]:
        """Per channel: its newest schedule slot (None: only alerts so far) and whether any slot is unfinished
        (one query for all channels)."""
        unfinished = sa.func.sum(sa.case((deliveries.c.state.in_(UNFINISHED), 1), else_=0))
        newest = sa.func.max(sa.case((deliveries.c.kind != ALERT, deliveries.c.slot), else_=None))
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(deliveries.c.channel, newest, unfinished)
                                       .group_by(deliveries.c.channel))).all()
        return {str(r[0]): (slot_time(str(r[1])) if r[1] else None, bool(r[2])) for r in rows}

    async def outcomes(self, channel: str, *, after: datetime, before: datetime | None = None,
                       limit: int | None = None) -> list[SlotOutcome]:
        """The channel's slots after ``after`` (and before ``before``), newest first, as each ended, at most
        ``limit``: a run of refusals is read from them, a page at a time (bot/refusal_pause.py)."""
        d = deliveries.c
        query = sa.select(d.slot, d.kind, d.state, d.error).where(d.channel == channel, d.slot > slot_text(after))
        if before is not None:
            query = query.where(d.slot < slot_text(before))
        async with self.db.connect() as conn:
            rows = (await conn.execute(query.order_by(d.slot.desc()).limit(limit))).all()
        return [SlotOutcome(slot_time(str(r.slot)), r.kind, r.state, r.error) for r in rows]

    async def last_delivered(self, channel: str) -> LedgerEntry | None:
        """The newest delivered briefing (alerts left out: story numbers refer to briefings)."""
        async with self.db.connect() as conn:
            row = (await conn.execute(_select().where(
                deliveries.c.channel == channel, deliveries.c.state == "delivered", deliveries.c.kind != ALERT)
                .order_by(deliveries.c.slot.desc()).limit(1))).first()
        return _entry(row) if row is not None else None

    async def unfinished(self, channel: str | None = None) -> list[LedgerEntry]:
        query = _select().where(deliveries.c.state.in_(UNFINISHED))
        if channel is not None:
            query = query.where(deliveries.c.channel == channel)
        async with self.db.connect() as conn:
            rows = (await conn.execute(query.order_by(deliveries.c.channel, deliveries.c.slot))).all()
        return [_entry(r) for r in rows]

    async def plan(self, channel: str, slot: datetime, *, kind: Kind, cutoff: datetime,
                   story_ids: Sequence[str], covers: Sequence[datetime] = (),
                   skipped: Sequence[datetime] = (), planned: Planned | None = None,
                   now: datetime) -> LedgerEntry | None:
        """Claim a slot with the stories it will carry (``planned``: and their articles and text), in one
        transaction. Skipped older slots are recorded as one ``skipped`` row at the newest of them.
        None: the slot was already claimed."""
        state: State = "pending" if story_ids else "empty"
        rows = [{"channel": channel, "slot": slot_text(slot), "kind": kind, "state": state,
                 "covers": json.dumps([slot_text(c) for c in covers]), "cutoff": cutoff,
                 "story_ids": json.dumps(list(story_ids)), "message_ids": "[]", "attempts": 0,
                 "created_at": now, "updated_at": now, "length": planned.length if planned else None}]
        if skipped:
            rows.append({"channel": channel, "slot": slot_text(max(skipped)), "kind": kind, "state": "skipped",
                         "covers": json.dumps([slot_text(s) for s in sorted(skipped)[-1000:]]),
                         "cutoff": cutoff, "story_ids": "[]", "message_ids": "[]", "attempts": 0,
                         "created_at": now, "updated_at": now, "length": None})
        try:
            async with self.db.begin() as conn:
                await conn.execute(deliveries.insert(), rows)
                if planned is not None and story_ids:
                    await conn.execute(delivery_contents.insert().values(
                        channel=channel, slot=slot_text(slot), contents=planned_to_json(planned)))
                if state == "empty" and kind != ALERT:
                    await self._advance(conn, channel, cutoff)
        except IntegrityError:
            return None  # another process claimed it first
        return await self.get(channel, slot)

    async def record_skipped(self, channel: str, skipped: Sequence[datetime], *, kind: Kind,
                             now: datetime) -> None:
        """Missed slots older than the grace window: one ``skipped`` row at the newest, listing them."""
        if not skipped:
            return
        row = {"channel": channel, "slot": slot_text(max(skipped)), "kind": kind, "state": "skipped",
               "covers": json.dumps([slot_text(s) for s in sorted(skipped)[-1000:]]), "cutoff": now,
               "story_ids": "[]", "message_ids": "[]", "attempts": 0, "created_at": now, "updated_at": now}
        try:
            async with self.db.begin() as conn:
                await conn.execute(deliveries.insert(), [row])
        except IntegrityError:
            pass  # already recorded by another process

    async def start_attempt(self, entry: LedgerEntry, *, now: datetime) -> None:
        """Mark the slot as posting: from here a restart re-posts with the same key (adapters dedupe)."""
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                state="posting", attempts=deliveries.c.attempts + 1, retry_at=None, updated_at=now))

    async def retry_later(self, entry: LedgerEntry, *, when: datetime, error: str,
                          posted: Sequence[str], now: datetime) -> None:
        """Try the slot again at ``when``; ``posted``: the parts that went out, kept with those recorded already
        (``record_parts`` during the attempt, so the row may know more than ``entry``)."""
        async with self.db.begin() as conn:
            stored = (await conn.execute(sa.select(deliveries.c.message_ids).where(*self._where(entry)))).scalar()
            recorded = json.loads(str(stored)) if stored else []
            # each list is the briefing's first parts in order; a part posted again (a restart that could not find
            # it in the channel) has a new id: the parts out are the longest list's, not every id of the three
            ids = max(list(entry.message_ids), [str(i) for i in recorded], list(posted), key=len)
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                retry_at=when, error=error[:1000], message_ids=json.dumps(ids), updated_at=now))

    async def record_parts(self, entry: LedgerEntry, message_ids: Sequence[str], *, now: datetime) -> None:
        """The parts of a posting slot that are out so far (in order), written as each goes out: a retry after a
        crash or restart posts only the rest (``bot.adapter.ResumablePost``)."""
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry), deliveries.c.state.in_(UNFINISHED))
                               .values(message_ids=json.dumps(list(message_ids)), updated_at=now))

    async def finish(self, entry: LedgerEntry, state: State, *, error: str | None, now: datetime) -> None:
        """End a slot without posting it (``failed`` or ``skipped``); its stories stay undelivered."""
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                state=state, error=error[:1000] if error else None, updated_at=now))

    async def complete(self, entry: LedgerEntry, *, message_ids: Sequence[str], now: datetime) -> None:
        """Delivered: the row, the channel's stories and articles seen, and its watermark change together."""
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                state="delivered", message_ids=json.dumps(list(message_ids)), error=None, updated_at=now))
            await self._shown(conn, entry, entry.story_ids, now=now)
            if entry.kind != ALERT:
                await self._advance(conn, entry.channel, entry.cutoff)

    async def fail_part_way(self, entry: LedgerEntry, *, message_ids: Sequence[str], shown: Sequence[str],
                            error: str, now: datetime) -> None:
        """Refused for good after some parts went out: the row ends ``failed`` keeping those parts' ids, and the
        stories they showed (``shown``, of the slot's own) are the channel's as a delivered slot's are, with their
        articles seen (a follow-up of one comes as for any story it was given); the rest stay unseen for the next
        briefing, and the watermark stays where it was. One transaction."""
        mine = set(entry.story_ids)
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                state="failed", message_ids=json.dumps(list(message_ids)), error=error[:1000], updated_at=now))
            await self._shown(conn, entry, [s for s in dict.fromkeys(shown) if s in mine], now=now)

    async def _shown(self, conn: AsyncConnection, entry: LedgerEntry, story_ids: Sequence[str], *,
                     now: datetime) -> None:
        """These stories of the slot were brought to the channel by it, and the articles they showed are seen."""
        if not story_ids:
            return
        slot = slot_text(entry.slot)
        dialect = self.db.dialect
        have = {r.story_id for r in (await conn.execute(sa.select(channel_stories.c.story_id).where(
            channel_stories.c.channel == entry.channel,
            one_of(dialect, channel_stories.c.story_id, list(story_ids))))).all()}
        fresh = [{"channel": entry.channel, "story_id": s, "slot": slot, "delivered_at": now}
                 for s in dict.fromkeys(story_ids) if s not in have]
        if fresh:
            await conn.execute(channel_stories.insert(), fresh)
        if have:  # follow-ups: the story was last brought by this slot
            await conn.execute(channel_stories.update().where(
                channel_stories.c.channel == entry.channel, one_of(dialect, channel_stories.c.story_id, list(have)),
            ).values(slot=slot, delivered_at=now))
        await self._mark_seen(conn, entry, set(story_ids))

    @staticmethod
    async def _mark_seen(conn: AsyncConnection, entry: LedgerEntry, story_ids: set[str]) -> None:
        """The articles this slot showed of these of its stories are seen by the channel (a slot claimed before
        follow-ups existed: their articles stored by its cutoff)."""
        if entry.planned is not None:
            shown = {a: c.story_id for c in entry.planned.stories if c.story_id in story_ids for a in c.articles}
        else:
            rows = (await conn.execute(sa.select(articles.c.id, articles.c.story_id).where(
                one_of(conn.dialect.name, articles.c.story_id, sorted(story_ids)),
                articles.c.stored_at <= entry.cutoff))).all()
            shown = {r.id: r.story_id for r in rows}
        if not shown:
            return
        seen = {r.article_id for r in (await conn.execute(sa.select(channel_articles.c.article_id).where(
            channel_articles.c.channel == entry.channel,
            one_of(conn.dialect.name, channel_articles.c.article_id, list(shown))))).all()}
        rows_new = [{"channel": entry.channel, "article_id": a, "story_id": s, "slot": slot_text(entry.slot)}
                    for a, s in shown.items() if a not in seen]
        if rows_new:
            await conn.execute(channel_articles.insert(), rows_new)

    @staticmethod
    async def _advance(conn: AsyncConnection, channel: str, cutoff: datetime) -> None:
        await conn.execute(channels.update().where(
            channels.c.key == channel,
            sa.or_(channels.c.delivered_up_to.is_(None), channels.c.delivered_up_to < cutoff),
        ).values(delivered_up_to=cutoff))

    @staticmethod
    def _where(entry: LedgerEntry) -> tuple[sa.ColumnElement[bool], ...]:
        return (deliveries.c.channel == entry.channel, deliveries.c.slot == slot_text(entry.slot))

    async def delivered_story_ids(self, channel: str) -> set[str]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(channel_stories.c.story_id).where(
                channel_stories.c.channel == channel))).all()
        return {r.story_id for r in rows}

    async def seen_articles(self, channel: str, story_ids: Sequence[str]) -> dict[str, set[str]]:
        """For each of these stories the channel was given: the ids of its articles the channel has seen."""
        if not story_ids:
            return {}
        out: dict[str, set[str]] = {}
        cs, ca, dialect = channel_stories.c, channel_articles.c, self.db.dialect
        async with self.db.connect() as conn:
            for chunk in id_chunks(dialect, story_ids):
                out.update((r.story_id, set()) for r in await conn.execute(sa.select(cs.story_id).where(
                    cs.channel == channel, one_of(dialect, cs.story_id, chunk))))
            for chunk in id_chunks(dialect, out):
                for r in await conn.execute(sa.select(ca.story_id, ca.article_id).where(
                        ca.channel == channel, one_of(dialect, ca.story_id, chunk))):
                    out[r.story_id].add(r.article_id)
        return out

    async def story_delivery(self, channel: str, story_id: str) -> tuple[datetime, datetime] | None:
        """(slot, delivered_at) of the briefing that carried a story to a channel, if any."""
        async with self.db.connect() as conn:
            row = (await conn.execute(sa.select(channel_stories).where(
                channel_stories.c.channel == channel, channel_stories.c.story_id == story_id))).first()
        if row is None:
            return None
        delivered = utc(row.delivered_at)
        assert delivered is not None
        return slot_time(row.slot), delivered
