"""DeliveryLedger: one row per (channel, slot) moving pending -> posting -> delivered, so each slot posts once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.articles import utc
from bot.store.db import Database
from bot.store.schema import channel_stories, channels, deliveries

State = Literal["pending", "posting", "delivered", "empty", "skipped", "failed"]
Kind = Literal["scheduled", "catch-up", "manual"]
UNFINISHED: tuple[State, ...] = ("pending", "posting")


def slot_text(slot: datetime) -> str:
    """The ledger's key for an instant: UTC, whole seconds, fixed width (so text order is time order)."""
    return slot.astimezone(UTC).replace(microsecond=0).isoformat()


def slot_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


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

    @property
    def key(self) -> str:
        """The idempotency key handed to Adapter.post."""
        return f"{self.channel}|{self.slot.isoformat()}"


def _entry(row: sa.Row[tuple[object, ...]]) -> LedgerEntry:
    m = row._mapping
    cutoff = utc(m["cutoff"])
    assert cutoff is not None
    return LedgerEntry(
        channel=str(m["channel"]), slot=slot_time(str(m["slot"])), kind=m["kind"],
        state=m["state"], covers=tuple(slot_time(s) for s in json.loads(str(m["covers"]))),
        cutoff=cutoff, story_ids=tuple(json.loads(str(m["story_ids"]))),
        message_ids=tuple(json.loads(str(m["message_ids"]))), attempts=int(m["attempts"]),
        retry_at=utc(m["retry_at"]), error=m["error"])


class DeliveryLedger:
    """Explicit, transactional steps; a crash between any two leaves a row that says what to do next."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, channel: str, slot: datetime) -> LedgerEntry | None:
        async with self.db.connect() as conn:
            row = (await conn.execute(sa.select(deliveries).where(
                deliveries.c.channel == channel, deliveries.c.slot == slot_text(slot)))).first()
        return _entry(row) if row is not None else None

    async def entries(self, channel: str) -> list[LedgerEntry]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(deliveries).where(deliveries.c.channel == channel)
                                       .order_by(deliveries.c.slot))).all()
        return [_entry(r) for r in rows]

    async def last_slot(self, channel: str) -> datetime | None:
        """The newest slot the ledger knows for a channel, whatever its state."""
        async with self.db.connect() as conn:
            value = (await conn.execute(sa.select(sa.func.max(deliveries.c.slot)).where(
                deliveries.c.channel == channel))).scalar()
        return slot_time(str(value)) if value else None

    async def overview(self) -> dict[str, tuple[datetime, bool]]:
        """Per channel: its newest slot and whether any slot is unfinished (one query for all channels)."""
        unfinished = sa.func.sum(sa.case((deliveries.c.state.in_(UNFINISHED), 1), else_=0))
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(deliveries.c.channel, sa.func.max(deliveries.c.slot), unfinished)
                                       .group_by(deliveries.c.channel))).all()
        return {str(r[0]): (slot_time(str(r[1])), bool(r[2])) for r in rows}

    async def last_delivered(self, channel: str) -> LedgerEntry | None:
        async with self.db.connect() as conn:
            row = (await conn.execute(sa.select(deliveries).where(
                deliveries.c.channel == channel, deliveries.c.state == "delivered")
                .order_by(deliveries.c.slot.desc()).limit(1))).first()
        return _entry(row) if row is not None else None

    async def unfinished(self, channel: str | None = None) -> list[LedgerEntry]:
        query = sa.select(deliveries).where(deliveries.c.state.in_(UNFINISHED))
        if channel is not None:
            query = query.where(deliveries.c.channel == channel)
        async with self.db.connect() as conn:
            rows = (await conn.execute(query.order_by(deliveries.c.channel, deliveries.c.slot))).all()
        return [_entry(r) for r in rows]

    async def plan(self, channel: str, slot: datetime, *, kind: Kind, cutoff: datetime,
                   story_ids: Sequence[str], covers: Sequence[datetime] = (),
                   skipped: Sequence[datetime] = (), now: datetime) -> LedgerEntry | None:
        """Claim a slot with the stories it will carry, in one transaction. Skipped older slots are
        recorded as one ``skipped`` row at the newest of them. None: the slot was already claimed."""
        state: State = "pending" if story_ids else "empty"
        rows = [{"channel": channel, "slot": slot_text(slot), "kind": kind, "state": state,
                 "covers": json.dumps([slot_text(c) for c in covers]), "cutoff": cutoff,
                 "story_ids": json.dumps(list(story_ids)), "message_ids": "[]", "attempts": 0,
                 "created_at": now, "updated_at": now}]
        if skipped:
            rows.append({"channel": channel, "slot": slot_text(max(skipped)), "kind": kind, "state": "skipped",
                         "covers": json.dumps([slot_text(s) for s in sorted(skipped)[-1000:]]),
                         "cutoff": cutoff, "story_ids": "[]", "message_ids": "[]", "attempts": 0,
                         "created_at": now, "updated_at": now})
        try:
            async with self.db.begin() as conn:
                await conn.execute(deliveries.insert(), rows)
                if state == "empty":
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
        ids = list(dict.fromkeys([*entry.message_ids, *posted]))
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                retry_at=when, error=error[:1000], message_ids=json.dumps(ids), updated_at=now))

    async def finish(self, entry: LedgerEntry, state: State, *, error: str | None, now: datetime) -> None:
        """End a slot without posting it (``failed`` or ``skipped``); its stories stay undelivered."""
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                state=state, error=error[:1000] if error else None, updated_at=now))

    async def complete(self, entry: LedgerEntry, *, message_ids: Sequence[str], now: datetime) -> None:
        """Delivered: the row, the channel's stories and its watermark change together."""
        async with self.db.begin() as conn:
            await conn.execute(deliveries.update().where(*self._where(entry)).values(
                state="delivered", message_ids=json.dumps(list(message_ids)), error=None, updated_at=now))
            have = {r.story_id for r in (await conn.execute(sa.select(channel_stories.c.story_id).where(
                channel_stories.c.channel == entry.channel,
                channel_stories.c.story_id.in_(list(entry.story_ids))))).all()}
            fresh = [{"channel": entry.channel, "story_id": s, "slot": slot_text(entry.slot), "delivered_at": now}
                     for s in dict.fromkeys(entry.story_ids) if s not in have]
            if fresh:
                await conn.execute(channel_stories.insert(), fresh)
            await self._advance(conn, entry.channel, entry.cutoff)

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
