"""AnsweredStore: which messages addressed to the bot were claimed for an answer, by which run, with what question,
and whether the answer went out; kept a day in the store."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.answered import UndoneClaim
from bot.models import ChannelRef
from bot.store.db import Database
from bot.store.schema import answered_messages

log = logging.getLogger(__name__)

# how long a claim is kept: Slack redelivers an event for minutes (three retries), never for a day
KEEP_CLAIMS = timedelta(days=1)


def new_run_owner() -> str:
    """An id for one run of the bot, unique among runs (16 random hex digits)."""
    return secrets.token_hex(8)


class AnsweredStore:
    """bot.answered.AnsweredMessages over the store, for one run (``owner``; by default a new id, so make one
    instance per run and share it between its adapters). One row per claimed message: the run that claimed it,
    the question (the adapter's opaque text, kept until done) and whether it is done. A claim inserts the row if
    absent; if present, it takes the row over only when another run claimed it and never marked it done (with one
    `briefbot run` per store, that run died between its claim and its answer), by a compare-and-set on that run's
    id, so of two takers exactly one wins; ``left_undone`` and ``take_over`` do the same for a run that answers,
    when it starts, what a run that stopped left unanswered. Each claim first removes the claims older than
    ``keep``, so the table holds about a day of messages."""

    def __init__(self, db: Database, *, owner: str | None = None, keep: timedelta = KEEP_CLAIMS) -> None:
        if keep <= timedelta(0):
            raise ValueError(f"keep must be positive, got {keep}")
        if owner == "":
            raise ValueError("owner must not be empty")
        self.db = db
        self.owner = owner or new_run_owner()
        self.keep = keep

    async def claim(self, channel: ChannelRef, message: str, *, now: datetime, question: str | None = None) -> bool:
        async with self.db.begin() as conn:
            await conn.execute(answered_messages.delete().where(answered_messages.c.claimed_at < now - self.keep))
            if await self._insert(conn, channel, message, now, question):
                return True
            earlier = await self._claimant(conn, channel, message)
            if earlier is None:  # removed since the insert found it (a day old): claim it afresh
                return await self._insert(conn, channel, message, now, question)
            owner, done = earlier
            if done or owner == self.owner:
                return False
            taken = await self._take_over(conn, channel, message, owner, now, question)
        if taken:
            log.info("message %s in %s was claimed by an earlier run that stopped before answering it; "
                     "answering it now", message, channel.key)
        return taken

    async def done(self, channel: ChannelRef, message: str) -> None:
        a = answered_messages.c
        async with self.db.begin() as conn:
            await conn.execute(answered_messages.update().where(a.channel == channel.key, a.message == message)
                               .values(done=True, question=None))  # the question is not kept once answered

    async def left_undone(self, platform: str) -> list[UndoneClaim]:
        a = answered_messages.c
        async with self.db.connect() as conn:
            rows = (await conn.execute(
                sa.select(a.channel, a.message, a.owner, a.claimed_at, a.question)
                .where(a.done == sa.false(), a.owner != self.owner,
                       a.channel.startswith(f"{platform}:", autoescape=True))
                .order_by(a.claimed_at, a.channel, a.message))).all()
        found = []
        for row in rows:
            _, _, ident = str(row.channel).partition(":")
            found.append(UndoneClaim(ChannelRef(platform, ident), str(row.message), str(row.owner),
                                     _utc(row.claimed_at), None if row.question is None else str(row.question)))
        return found

    async def take_over(self, claim: UndoneClaim, *, now: datetime) -> bool:
        async with self.db.begin() as conn:
            return await self._take_over(conn, claim.channel, claim.message, claim.owner, now, None)

    async def count(self) -> int:
        """Claims kept now."""
        async with self.db.connect() as conn:
            return int((await conn.execute(sa.select(sa.func.count()).select_from(answered_messages))).scalar() or 0)

    async def _insert(self, conn: AsyncConnection, channel: ChannelRef, message: str, now: datetime,
                      question: str | None) -> bool:
        a = answered_messages.c
        dialect = postgresql if self.db.dialect == "postgresql" else sqlite
        insert = dialect.insert(answered_messages).values(channel=channel.key, message=message, claimed_at=now,
                                                          owner=self.owner, done=False, question=question)
        result = await conn.execute(insert.on_conflict_do_nothing(index_elements=[a.channel, a.message]))
        return bool(result.rowcount == 1)

    async def _claimant(self, conn: AsyncConnection, channel: ChannelRef, message: str) -> tuple[str, bool] | None:
        a = answered_messages.c
        row = (await conn.execute(sa.select(a.owner, a.done).where(a.channel == channel.key,
                                                                    a.message == message))).first()
        return None if row is None else (str(row.owner), bool(row.done))

    async def _take_over(self, conn: AsyncConnection, channel: ChannelRef, message: str, previous: str,
                         now: datetime, question: str | None) -> bool:
        """The row becomes this run's if it is still ``previous``'s and not done: a concurrent taker that got there
        first changed the owner, so this update finds no row (PostgreSQL re-reads the row it waited for). The
        question is replaced when one is given, else kept."""
        a = answered_messages.c
        values: dict[str, object] = {"owner": self.owner, "claimed_at": now}
        if question is not None:
            values["question"] = question
        result = await conn.execute(
            answered_messages.update()
            .where(a.channel == channel.key, a.message == message, a.owner == previous, a.done == sa.false())
            .values(**values))
        return bool(result.rowcount == 1)


def _utc(when: datetime) -> datetime:
    """SQLite gives back the stored time without its zone; it was stored in UTC."""
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
