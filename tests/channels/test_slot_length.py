"""A briefing slot records the length it was composed at (deliveries.length, schema v15): a retry or a catch-up after
`/brief length` changed posts it as composed; the next slot takes the new length."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.adapter import PostError
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Checkpoint, Delivery
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.migrations import MIGRATIONS
from digests.render_text import render_text
from tests import pg
from tests.channels.channel_fakes import Crash, add_story
from tests.channels.test_briefing_length import Chat
from tests.channels.test_followups import DAY1, REF, CapturingAdapter
from tests.old_store import upgraded

LENGTH_RECORDED_FROM = 15  # the schema version that added deliveries.length
FERRY = ("The Korsholt ferry will run every half hour from Monday. The council added two boats for the summer. "
         "Tickets keep their price.")
PIER = ("The old Korsholt pier reopens to walkers on Friday. Repairs to its deck took a year. A cafe opens at its "
        "end in June.")


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'slot_length.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_slot_length"))
    database = await Database.open(url)
    yield database
    await database.close()


async def deliver(db: Database, config: Config, adapter: CapturingAdapter, now: datetime, *,
                  checkpoint: Checkpoint | None = None) -> str:
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    outcomes = await Delivery(db, config, {"console": adapter}, checkpoint=checkpoint).deliver_due(channel, now)
    return ",".join(o.state for o in outcomes)


async def recorded(db: Database) -> list[tuple[str, str | None]]:
    async with db.connect() as conn:
        rows = (await conn.execute(sa.text("SELECT state, length FROM deliveries ORDER BY slot"))).all()
    return [(str(r.state), r.length) for r in rows]


async def test_a_retry_after_the_length_changed_posts_the_slot_as_composed(any_db: Database, config: Config) -> None:
    db = any_db
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    chat = Chat(db, config, ManualClock(DAY1 + timedelta(hours=7)))
    await add_story(db, "ferry", text=FERRY, title="Korsholt ferry runs every half hour", now=DAY1 + timedelta(hours=6))
    adapter = CapturingAdapter(errors=[PostError(REF, "retryable", "503 service unavailable")])
    assert await deliver(db, config, adapter, DAY1 + timedelta(hours=8)) == "retry"  # composed full, not posted
    assert not (await chat.say("length headlines")).error  # between the failed post and its retry
    assert await deliver(db, config, adapter, DAY1 + timedelta(hours=8, minutes=5)) == "delivered"
    [retried] = adapter.briefings
    assert retried.length == "full" and [i.story.id for i in retried.items] == ["ferry"]
    assert "The council added two boats for the summer." in render_text(retried)  # the whole summary, as composed
    assert await recorded(db) == [("delivered", "full")]

    # the next slot is composed, recorded and posted at the new length
    await add_story(db, "pier", text=PIER, title="Korsholt pier reopens", now=DAY1 + timedelta(days=1, hours=6))
    assert await deliver(db, config, adapter, DAY1 + timedelta(days=1, hours=8)) == "delivered"
    assert adapter.briefings[-1].length == "headlines" and [i.story.id for i in adapter.briefings[-1].items] == ["pier"]
    assert "Repairs to its deck took a year." not in render_text(adapter.briefings[-1])
    assert await recorded(db) == [("delivered", "full"), ("delivered", "headlines")]


async def test_a_slot_caught_up_after_a_crash_keeps_its_length(any_db: Database, config: Config) -> None:
    db = any_db
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await store.set_length(REF, "short")
    await add_story(db, "ferry", text=FERRY, title="Korsholt ferry runs every half hour", now=DAY1 + timedelta(hours=6))
    adapter = CapturingAdapter()

    def die(point: str) -> None:
        if point == "planned":
            raise Crash(point)

    with pytest.raises(Crash):  # claimed at 08:00, then the process died before posting
        await deliver(db, config, adapter, DAY1 + timedelta(hours=8), checkpoint=die)
    assert await recorded(db) == [("pending", "short")] and adapter.attempts == 0
    await store.set_length(REF, "full")  # changed while the bot was down
    assert await deliver(db, config, adapter, DAY1 + timedelta(hours=9)) == "delivered"  # the restart catches up
    assert [b.length for b in adapter.briefings] == ["short"]
    text = render_text(adapter.briefings[0])
    assert "The Korsholt ferry will run every half hour from Monday." in text and "two boats" not in text


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_v14_store_is_upgraded_and_its_unrecorded_slot_posts_at_the_channels_length(
        backend: str, tmp_path: Path, config: Config) -> None:
    url = (f"sqlite:///{tmp_path / 'v14.db'}" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_slot_length_v14"))

    async def fill(old: Database) -> None:  # a slot claimed at 08:00 by the v14 code, its post failed
        await ChannelStore(old).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
        await add_story(old, "ferry", text=FERRY, title="Korsholt ferry runs every half hour",
                        now=DAY1 + timedelta(hours=6))
        failing = CapturingAdapter(errors=[PostError(REF, "retryable", "503 service unavailable")])
        assert await deliver(old, config, failing, DAY1 + timedelta(hours=8)) == "retry"
        async with old.begin() as conn:  # this code's v2 made the column; the v14 code's did not
            await conn.execute(sa.text("ALTER TABLE deliveries DROP COLUMN length"))
            columns = await conn.run_sync(lambda c: {col["name"] for col in sa.inspect(c).get_columns("deliveries")})
        assert "length" not in columns and "cutoff" in columns

    db = await upgraded(url, LENGTH_RECORDED_FROM - 1, fill)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= LENGTH_RECORDED_FROM
        [entry] = await DeliveryLedger(db).unfinished(REF.key)
        assert entry.planned is not None and entry.planned.length is None  # claimed before v15: none recorded
        await ChannelStore(db).set_length(REF, "short")
        adapter = CapturingAdapter()
        assert await deliver(db, config, adapter, DAY1 + timedelta(hours=8, minutes=5)) == "delivered"
        assert [b.length for b in adapter.briefings] == ["short"]  # as before v15: the channel's length now
        await add_story(db, "pier", text=PIER, title="Korsholt pier reopens", now=DAY1 + timedelta(days=1, hours=6))
        assert await deliver(db, config, adapter, DAY1 + timedelta(days=1, hours=8)) == "delivered"
        assert await recorded(db) == [("delivered", None), ("delivered", "short")]
        reopened = await Database.open(db.url)
        try:
            assert await reopened.migrate() == len(MIGRATIONS)  # nothing re-applied
        finally:
            await reopened.close()
    finally:
        await db.close()

