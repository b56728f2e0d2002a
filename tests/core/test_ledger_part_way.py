"""DeliveryLedger.fail_part_way: a slot refused after some parts went out ends failed with their ids, and only the
stories they showed become the channel's (their articles seen), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.models import ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import Carried, DeliveryLedger, Planned
from bot.store.schema import articles
from tests import pg
from tests.channels.channel_fakes import add_story

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("slack", "C0DUNES")


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'ledger.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_ledger_part_way"))
    database = await Database.open(url)
    yield database
    await database.close()


async def three_stories(db: Database) -> dict[str, str]:
    """Three stored one-article stories; story id -> its article id."""
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    for n in range(3):
        await add_story(db, f"dune{n}", text=f"The dune wardens of Saltby counted {n + 4} nesting terns. Their "
                                             f"survey ends on day {n + 9}.", title=f"Tern count {n}",
                        now=SLOT - timedelta(hours=1))
    async with db.connect() as conn:
        return {str(r.story_id): str(r.id) for r in await conn.execute(sa.select(articles.c.id, articles.c.story_id))}


@pytest.mark.parametrize("planned", [True, False], ids=["planned", "claimed-before-follow-ups"])
async def test_only_the_stories_of_the_parts_out_become_the_channels(db: Database, planned: bool) -> None:
    article_of = await three_stories(db)
    ids = sorted(article_of)
    contents = Planned("Briefing", None, tuple(Carried(s, (article_of[s],), f"Tern count {s}", "", ()) for s in ids))
    ledger = DeliveryLedger(db)
    entry = await ledger.plan(REF.key, SLOT, kind="scheduled", cutoff=SLOT, story_ids=ids,
                              planned=contents if planned else None, now=SLOT)
    assert entry is not None
    await ledger.start_attempt(entry, now=SLOT)
    await ledger.fail_part_way(entry, message_ids=["m1", "m2"], shown=["dune0", "dune1", "elsewhere"],
                               error="not_in_channel", now=SLOT)
    stored = await ledger.get(REF.key, SLOT)
    assert stored is not None
    assert (stored.state, stored.message_ids, stored.error) == ("failed", ("m1", "m2"), "not_in_channel")
    assert await ledger.delivered_story_ids(REF.key) == {"dune0", "dune1"}  # not another slot's story
    assert await ledger.seen_articles(REF.key, ids) == {"dune0": {article_of["dune0"]},
                                                        "dune1": {article_of["dune1"]}}
    assert await ledger.story_delivery(REF.key, "dune0") == (SLOT, SLOT)
    channel = await ChannelStore(db).get(REF)
    assert channel is not None and channel.delivered_up_to is None  # the next briefing still reads the period
    assert await ledger.unfinished(REF.key) == []
