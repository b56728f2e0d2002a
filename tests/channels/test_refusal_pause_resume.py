"""Review of the refusal pause (bot/refusal_pause.py): `/brief resume` of a channel paused for its refusals clears
the pause note (a running channel must not show "briefings paused after ..."), a channel paused by a person keeps
its own last error; the ledger is read newest first only back to what ended the run, a page at a time, so a
channel with years of slots costs no more than one with days (the same run either way). SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef
from bot.refusal_pause import PAUSE_NOTE_START, PausePolicy, RefusalRun, pause_if_gone
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger, SlotOutcome, slot_text
from bot.store.schema import deliveries
from tests import pg
from tests.channels.test_refusal_pause import GONE, REF, at, day, paused, set_up

START = datetime(2027, 1, 1, tzinfo=UTC)  # the channel's set-up, years before the refusals below


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'refusal_resume.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_refusal_resume"))
    database = await Database.open(url)
    yield database
    await database.close()


async def resume(db: Database, config: Config, when: datetime, ref: ChannelRef = REF) -> str:
    """``/brief resume`` said in the channel by a manager at ``when``; the reply's text."""
    dispatcher = build_dispatcher(CommandDeps(config, db, ManualClock(when), None))
    inv = dispatcher.from_text("resume", user="U0ALICE", channel=ref, can_manage=True, now=when)
    return (await dispatcher(inv)).text


async def test_resume_clears_the_pause_note(any_db: Database, config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    for n in (0, 1, 2):
        assert await at(db, delivery, adapter, day(n), "gone") == ["failed"]
    stored = await ChannelStore(db).get(REF)
    assert stored is not None and stored.paused and (stored.last_error or "").startswith(PAUSE_NOTE_START)
    assert (await resume(db, config, day(2) + timedelta(hours=3))).startswith("Briefings resumed.")
    after = await ChannelStore(db).get(REF)
    assert after is not None and not after.paused
    assert after.last_error is None  # not "briefings paused after 3 refused ..." on a running channel
    # refused again after the resume: its configurer hears of it, and it is paused anew a run later
    assert await at(db, delivery, adapter, day(3), "gone") == ["failed"]
    assert adapter.dms()[-1].startswith(f"I could not post the briefing for slack:C0GONE: {GONE}.")
    for n in (4, 5):
        assert await at(db, delivery, adapter, day(n), "gone") == ["failed"]
    assert await paused(db)


async def test_resume_of_a_channel_paused_by_a_person_keeps_its_last_error(any_db: Database,
                                                                           config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    assert await at(db, delivery, adapter, day(0), "gone") == ["failed"]
    store = ChannelStore(db)
    await store.set_paused(REF, True, now=day(0) + timedelta(hours=1))  # as `/brief pause` does
    assert (await resume(db, config, day(0) + timedelta(hours=2))).startswith("Briefings resumed.")
    after = await store.get(REF)
    assert after is not None and not after.paused and after.last_error == GONE  # still true: kept


class CountingLedger(DeliveryLedger):
    """A ledger that counts the rows ``outcomes`` returned."""

    read = 0

    async def outcomes(self, channel: str, *, after: datetime, **paging: Any) -> list[SlotOutcome]:
        rows = await super().outcomes(channel, after=after, **paging)
        self.read += len(rows)
        return rows


async def history(db: Database, ref: ChannelRef, states: list[tuple[str, str, str | None]]) -> None:
    """Ledger rows of ``ref``, one an hour from START, each (kind, state, error), written as the ledger writes
    finished rows."""
    rows = [{"channel": ref.key, "slot": slot_text(START + timedelta(hours=i)), "kind": kind, "state": state,
             "error": error, "covers": "[]", "cutoff": START, "story_ids": "[]", "message_ids": "[]",
             "attempts": 1, "created_at": START, "updated_at": START} for i, (kind, state, error) in enumerate(states)]
    async with db.begin() as conn:
        for k in range(0, len(rows), 2000):
            await conn.execute(sa.insert(deliveries), rows[k:k + 2000])


async def test_a_long_history_is_read_back_only_to_what_ended_the_run(any_db: Database) -> None:
    """Two years of hourly briefings, then a day and a bit of refusals: the rows before the last delivered one are
    not read."""
    db, ref = any_db, ChannelRef("slack", "C0OLD")
    delivered = 2 * 365 * 24
    await ChannelStore(db).ensure(ref, ChannelDefaults("every 1h", "UTC"), now=START - timedelta(hours=1))
    await history(db, ref, [("scheduled", "delivered", None)] * delivered + [("scheduled", "failed", GONE)] * 26)
    ledger = CountingLedger(db)
    channel = await ChannelStore(db).get(ref)
    assert channel is not None
    now = START + timedelta(hours=delivered + 25, minutes=1)
    run = await pause_if_gone(ChannelStore(db), ledger, PausePolicy(), channel, GONE, now)
    assert run == RefusalRun(26, START + timedelta(hours=delivered))
    assert ledger.read < 26 + 500  # not the 17,520 delivered rows before the run


async def test_a_run_longer_than_a_page_is_counted_whole(any_db: Database) -> None:
    """Every row of a long run is read (across pages), with empty and skipped slots and failed alerts between."""
    db, ref = any_db, ChannelRef("slack", "C0LONG")
    await ChannelStore(db).ensure(ref, ChannelDefaults("every 1h", "UTC"), now=START - timedelta(hours=1))
    pattern: list[tuple[str, str, str | None]] = [("scheduled", "failed", GONE), ("scheduled", "empty", None),
                                                  ("alert", "failed", "x"), ("catch-up", "skipped", None)]
    rows = [("scheduled", "delivered", None), ("scheduled", "failed", "other")] + pattern * 300
    await history(db, ref, rows)
    ledger = CountingLedger(db)
    channel = await ChannelStore(db).get(ref)
    assert channel is not None
    run = await pause_if_gone(ChannelStore(db), ledger, PausePolicy(), channel, GONE,
                              START + timedelta(hours=len(rows)))
    assert run == RefusalRun(300, START + timedelta(hours=2))  # the first refusal after the "other" failure
    assert ledger.read <= len(rows)
    full = await DeliveryLedger(db).outcomes(ref.key, after=START - timedelta(hours=1))
    assert [o.slot for o in full] == sorted((o.slot for o in full), reverse=True) and len(full) == len(rows)


async def test_a_channel_paused_by_a_person_is_not_paused_again_for_refusals(any_db: Database,
                                                                             config: Config) -> None:
    """Paused from chat after two refusals, then `briefbot post` refused past the thresholds: it stays paused as
    the person paused it, with the refusal as its last error, no pause note and no second DM about it."""
    db = any_db
    delivery, adapter = await set_up(db, config)
    for n in (0, 1):
        assert await at(db, delivery, adapter, day(n), "gone") == ["failed"]
    store = ChannelStore(db)
    await store.set_paused(REF, True, now=day(1) + timedelta(hours=1))
    channel = await store.get(REF)
    assert channel is not None
    assert (await delivery.post_now(channel, day(2) + timedelta(hours=1))).state == "failed"
    after = await store.get(REF)
    assert after is not None and after.paused and after.last_error == GONE
    assert len(adapter.dms()) == 1  # the first refusal's notice only
