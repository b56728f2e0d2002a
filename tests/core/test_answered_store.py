"""Claims of messages to answer, kept in the store: within one run the first claim wins, a claim another run left
undone is taken over by exactly one later run (given the message again, or listing the claims left undone with
their questions at its start), a done one is never claimed again; a day's lifetime; and migration v16 from a v15
store (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.answered import AnsweredMessages, UndoneClaim
from bot.models import ChannelRef
from bot.store.answered import KEEP_CLAIMS, AnsweredStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.schema import answered_messages
from tests import pg
from tests.old_store import upgraded

NOW = datetime(2026, 11, 23, 8, 15, tzinfo=UTC)
CHANNEL = ChannelRef("slack", "C0DESK")
DM = ChannelRef("slack", "D0ALICE")
ANSWERED_FROM = 16  # the schema version that added answered_messages
BACKENDS = ["sqlite", "postgresql"]


async def store_url(backend: str, tmp_path: Path, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    return await pg.fresh_database(f"briefbot_test_{name}")


@pytest.fixture(params=BACKENDS)
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return await store_url(request.param, tmp_path, "answered")


@pytest.fixture
async def db(url: str) -> AsyncIterator[Database]:
    database = await Database.open(url)
    yield database
    await database.close()


async def test_within_one_run_the_first_claim_wins_and_done_holds_after_reopening(db: Database) -> None:
    claims: AnsweredMessages = AnsweredStore(db, owner="run-a")  # what the adapters are handed (mypy checks it)
    assert await claims.claim(CHANNEL, "1764000000.000100", now=NOW)
    assert not await claims.claim(CHANNEL, "1764000000.000100", now=NOW + timedelta(seconds=1))  # same run: loses
    assert await claims.claim(CHANNEL, "1764000000.000200", now=NOW)  # another message of the channel
    assert await claims.claim(DM, "1764000000.000100", now=NOW)  # the same ts in another channel
    for channel in (CHANNEL, DM):
        await claims.done(channel, "1764000000.000100")
    reopened = await Database.open(db.url)
    try:
        same_run = AnsweredStore(reopened, owner="run-a")  # another handle of the same run (a second adapter)
        assert not await same_run.claim(CHANNEL, "1764000000.000200", now=NOW + timedelta(minutes=1))
        again = AnsweredStore(reopened)  # a restart: a new run over the same store
        assert again.owner not in ("", "run-a") and again.owner != AnsweredStore(reopened).owner
        assert not await again.claim(CHANNEL, "1764000000.000100", now=NOW + timedelta(minutes=5))  # done
        assert not await again.claim(DM, "1764000000.000100", now=NOW + timedelta(minutes=5))
        assert await again.count() == 3
        with pytest.raises(ValueError, match="keep must be positive"):
            AnsweredStore(reopened, keep=timedelta(0))
        with pytest.raises(ValueError, match="owner must not be empty"):
            AnsweredStore(reopened, owner="")
    finally:
        await reopened.close()


async def test_a_claim_a_dead_run_left_undone_is_taken_over_once_and_done_ends_it(db: Database) -> None:
    message = "1764000000.000300"
    first = AnsweredStore(db, owner="run-a")
    assert await first.claim(CHANNEL, message, now=NOW)  # run A claims it, then dies before answering
    reopened = await Database.open(db.url)
    try:
        second = AnsweredStore(reopened, owner="run-b")  # the next run, given the message again
        assert await second.claim(CHANNEL, message, now=NOW + timedelta(minutes=1))  # taken over
        assert not await second.claim(CHANNEL, message, now=NOW + timedelta(minutes=2))  # its own now: loses
        third = AnsweredStore(reopened, owner="run-c")  # B died too, before answering: C takes it over
        assert await third.claim(CHANNEL, message, now=NOW + timedelta(minutes=3))
        await third.done(CHANNEL, message)  # C's answer is out
        for run in ("run-a", "run-b", "run-c", "run-d"):
            assert not await AnsweredStore(reopened, owner=run).claim(CHANNEL, message, now=NOW + timedelta(minutes=4))
        assert await third.count() == 1
    finally:
        await reopened.close()


async def test_two_handles_of_one_run_claiming_the_same_messages_at_once_win_each_exactly_once(db: Database) -> None:
    other = await Database.open(db.url)  # a second connection pool, as two adapters of one run may have
    try:
        mine, theirs = AnsweredStore(db, owner="run-a"), AnsweredStore(other, owner="run-a")
        messages = [f"1764000001.{n:06d}" for n in range(12)]
        won = await asyncio.gather(*(handle.claim(CHANNEL, m, now=NOW) for m in messages
                                     for handle in (mine, theirs)))
        assert [won[2 * i] + won[2 * i + 1] for i in range(len(messages))] == [1] * len(messages)
        assert await mine.count() == len(messages)
    finally:
        await other.close()


async def test_two_handles_of_the_next_run_taking_over_undone_claims_at_once_win_each_exactly_once(
        db: Database) -> None:
    """Run A died with its claims undone; the next run is given each message twice at once (an app_mention and a
    message.im for one DM, or a retry), by two handlers: each message is taken over, and answered, once."""
    dead = AnsweredStore(db, owner="run-a")
    messages = [f"1764000002.{n:06d}" for n in range(12)]
    for m in messages:
        assert await dead.claim(CHANNEL, m, now=NOW)
    handles = [await Database.open(db.url), await Database.open(db.url)]
    try:
        takers = [AnsweredStore(handle, owner="run-b") for handle in handles]
        won = await asyncio.gather(*(taker.claim(CHANNEL, m, now=NOW + timedelta(minutes=1)) for m in messages
                                     for taker in takers))
        assert [won[2 * i] + won[2 * i + 1] for i in range(len(messages))] == [1] * len(messages)
    finally:
        for handle in handles:
            await handle.close()


class ReadsThenWaits(AnsweredStore):
    """A taker that, once it has read who holds the claim, waits until the other taker has read it too."""

    def __init__(self, db: Database, owner: str, barrier: asyncio.Barrier) -> None:
        super().__init__(db, owner=owner)
        self.barrier = barrier

    async def _claimant(self, conn: AsyncConnection, channel: ChannelRef, message: str) -> tuple[str, bool] | None:
        found = await super()._claimant(conn, channel, message)
        await self.barrier.wait()
        return found


async def test_two_takers_that_both_read_the_dead_runs_claim_first_still_win_once(tmp_path: Path) -> None:
    """The compare-and-set itself, on PostgreSQL (SQLite runs one claim at a time: the second waits for the
    first's write lock, so both cannot have read before either writes): two takers, even of two runs, both see
    run A's claim, then both update it; the second update waits for the first and then finds the owner changed.
    (One after the other, a run would take over another's undone claim: only one `briefbot run` holds a store at
    a time, so a claim left undone by another run is one whose run died.)"""
    url = await store_url("postgresql", tmp_path, "answered_race")
    handles = [await Database.open(url), await Database.open(url)]
    try:
        assert await AnsweredStore(handles[0], owner="run-a").claim(CHANNEL, "1764000003.000100", now=NOW)
        barrier = asyncio.Barrier(2)
        takers = [ReadsThenWaits(handles[0], "run-b", barrier), ReadsThenWaits(handles[1], "run-c", barrier)]
        won = await asyncio.gather(*(t.claim(CHANNEL, "1764000003.000100", now=NOW) for t in takers))
        assert sorted(won) == [False, True]
        winner = takers[won.index(True)]
        assert not await AnsweredStore(handles[0], owner=winner.owner).claim(CHANNEL, "1764000003.000100", now=NOW)
    finally:
        for handle in handles:
            await handle.close()


async def test_a_claim_older_than_a_day_is_removed_by_a_later_claim(db: Database) -> None:
    claims = AnsweredStore(db)
    assert await claims.claim(CHANNEL, "1764000000.000100", now=NOW)
    assert await claims.claim(CHANNEL, "1764000000.000200", now=NOW + timedelta(hours=12))
    # a day after the first claim, to the second: the first is kept
    assert not await claims.claim(CHANNEL, "1764000000.000100", now=NOW + KEEP_CLAIMS)
    assert await claims.count() == 2
    later = NOW + KEEP_CLAIMS + timedelta(hours=1)
    assert await claims.claim(DM, "1764000000.000300", now=later)  # any claim clears the old ones
    assert await claims.count() == 2  # the second claim and this one
    assert not await claims.claim(CHANNEL, "1764000000.000200", now=later)  # still within its day
    assert await claims.claim(CHANNEL, "1764000000.000100", now=later)  # forgotten: no retry comes this late


async def kept_questions(db: Database) -> dict[str, str | None]:
    """Each claim's message and the question kept with it, read straight from the table."""
    a = answered_messages.c
    async with db.connect() as conn:
        return {str(r.message): r.question for r in (await conn.execute(sa.select(a.message, a.question))).all()}


async def test_the_claims_other_runs_left_undone_are_listed_with_their_questions_and_taken_over_once(
        db: Database) -> None:
    dead = AnsweredStore(db, owner="run-a")
    assert await dead.claim(CHANNEL, "1764000004.000200", now=NOW + timedelta(minutes=1), question='{"q": 2}')
    assert await dead.claim(DM, "1764000004.000100", now=NOW, question='{"q": "Æ 1"}')
    assert await dead.claim(CHANNEL, "1764000004.000300", now=NOW)  # claimed without a question
    assert await dead.claim(CHANNEL, "1764000004.000400", now=NOW, question='{"q": 4}')
    await dead.done(CHANNEL, "1764000004.000400")  # answered before it stopped: not listed, question dropped
    assert await dead.claim(ChannelRef("discord", "1234"), "5678", now=NOW, question="{}")  # another platform's
    assert await dead.claim(ChannelRef("slack-webhook", "desk"), "1", now=NOW, question="{}")  # not "slack:"
    starting = AnsweredStore(db, owner="run-b")
    assert await starting.claim(CHANNEL, "1764000004.000500", now=NOW, question="{}")  # its own: never listed
    left = await starting.left_undone("slack")
    dm_question = UndoneClaim(DM, "1764000004.000100", "run-a", NOW, '{"q": "Æ 1"}')
    assert left == [UndoneClaim(CHANNEL, "1764000004.000300", "run-a", NOW, None), dm_question,  # oldest first
                    UndoneClaim(CHANNEL, "1764000004.000200", "run-a", NOW + timedelta(minutes=1), '{"q": 2}')]
    assert [c.message for c in await starting.left_undone("discord")] == ["5678"]
    assert (await kept_questions(db))["1764000004.000400"] is None
    later = NOW + timedelta(minutes=30)
    assert await starting.take_over(dm_question, now=later)
    assert not await starting.take_over(dm_question, now=later)  # it is run B's now: the compare-and-set fails
    assert not await AnsweredStore(db, owner="run-c").take_over(dm_question, now=later)  # nor for another taker
    assert not await starting.claim(DM, "1764000004.000100", now=later)  # a redelivery: this run's already
    assert [c.message for c in await starting.left_undone("slack")] == ["1764000004.000300", "1764000004.000200"]
    # run B stops too before answering it: the next run finds it, with B as owner and the question kept
    assert (await AnsweredStore(db, owner="run-c").left_undone("slack"))[-1] == \
        UndoneClaim(DM, "1764000004.000100", "run-b", later, '{"q": "Æ 1"}')
    await starting.done(DM, "1764000004.000100")
    assert (await kept_questions(db))["1764000004.000100"] is None  # not kept once answered
    assert not await AnsweredStore(db, owner="run-c").take_over(dm_question, now=later)  # done
    # a redelivery taking over a claim keeps the question it brings
    assert await AnsweredStore(db, owner="run-d").claim(CHANNEL, "1764000004.000300", now=later, question="{}")
    assert (await kept_questions(db))["1764000004.000300"] == "{}"


async def test_two_takers_of_one_claim_left_undone_at_once_win_once(db: Database) -> None:
    """The next run's start-up pass and a redelivery to it (two handles of that run) taking over the same claims
    at once: one of the two wins each. (Two passes of two runs at once would both win: one `briefbot run` holds a
    store at a time, so a claim of another run is one whose run died.)"""
    dead = AnsweredStore(db, owner="run-a")
    messages = [f"1764000005.{n:06d}" for n in range(12)]
    for m in messages:
        assert await dead.claim(CHANNEL, m, now=NOW, question="{}")
    handles = [await Database.open(db.url), await Database.open(db.url)]
    try:
        starting, redelivered = AnsweredStore(handles[0], owner="run-b"), AnsweredStore(handles[1], owner="run-b")
        left = await starting.left_undone("slack")
        assert [c.message for c in left] == messages
        won = await asyncio.gather(*(c for claim in left for c in (
            starting.take_over(claim, now=NOW), redelivered.claim(CHANNEL, claim.message, now=NOW))))
        assert [won[2 * i] + won[2 * i + 1] for i in range(len(messages))] == [1] * len(messages)
        assert await starting.left_undone("slack") == []
    finally:
        for handle in handles:
            await handle.close()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_v15_store_is_upgraded_keeping_its_data_and_then_keeps_claims(backend: str, tmp_path: Path) -> None:
    url = await store_url(backend, tmp_path, "answered_v15")

    async def fill(old: Database) -> None:  # a channel set up by the v15 code
        await ChannelStore(old).ensure(CHANNEL, ChannelDefaults("weekdays 07:30", "Europe/Oslo"), now=NOW)

    db = await upgraded(url, ANSWERED_FROM - 1, fill)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= ANSWERED_FROM
        channel = await ChannelStore(db).get(CHANNEL)
        assert channel is not None and channel.timezone == "Europe/Oslo"  # the v15 store's channel is kept
        claims = AnsweredStore(db)
        assert await claims.count() == 0
        assert await claims.claim(CHANNEL, "1764000000.000100", now=NOW)
        assert await claims.claim(DM, "1764000000.000200", now=NOW, question='{"text": "whosaid Riga"}')
        assert [(c.message, c.question) for c in await AnsweredStore(db).left_undone("slack")] == \
            [("1764000000.000100", None), ("1764000000.000200", '{"text": "whosaid Riga"}')]
        reopened = await Database.open(db.url)
        try:
            assert await reopened.migrate() == len(MIGRATIONS)  # nothing re-applied
            assert not await AnsweredStore(reopened, owner=claims.owner).claim(CHANNEL, "1764000000.000100", now=NOW)
            await claims.done(CHANNEL, "1764000000.000100")
            assert not await AnsweredStore(reopened).claim(CHANNEL, "1764000000.000100", now=NOW)  # a later run
        finally:
            await reopened.close()
    finally:
        await db.close()
