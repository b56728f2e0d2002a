"""TalkedInStore: the channels of a platform where people talk to the bot (asked in lately, most recent first, then
those set up, newest first) and which messages some run claimed there; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.talked_in import TalkedInStore
from tests import pg

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        store = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    else:
        store = await Database.open(await pg.fresh_database("briefbot_test_talked_in"))
    yield store
    await store.close()


async def claim(db: Database, key: str, message: str, *, at: datetime, done: bool = True) -> None:
    claims = AnsweredStore(db, owner="another-run")
    ref = ChannelRef.parse(key)
    assert await claims.claim(ref, message, now=at)
    if done:
        await claims.done(ref, message)


async def test_asked_in_lately_first_then_set_up_newest_first_of_that_platform_only(db: Database) -> None:
    channels = ChannelStore(db)
    defaults = ChannelDefaults("daily 08:00", "UTC")
    for key, days in [("discord:1", 9), ("discord:2", 3), ("discord:3", 5), ("slack:C1", 1)]:
        await channels.ensure(ChannelRef.parse(key), defaults, now=NOW - timedelta(days=days))
    await claim(db, "discord:3", "31", at=NOW - timedelta(hours=5))
    await claim(db, "discord:4", "41", at=NOW - timedelta(hours=2))  # a DM or thread: asked in, never set up
    await claim(db, "discord:4", "42", at=NOW - timedelta(hours=9), done=False)
    await claim(db, "slack:C2", "1.2", at=NOW - timedelta(minutes=1))
    await claim(db, "discord:5", "51", at=NOW - timedelta(days=4))  # asked in before ``since`` (claimed last: kept)
    assert await AnsweredStore(db).count() == 5  # discord:5's row is there, only older than ``since``
    found = await TalkedInStore(db).talked_in("discord", since=NOW - timedelta(days=3))
    assert [ref.key for ref in found] == ["discord:4", "discord:3", "discord:2", "discord:1"]


async def test_claimed_lists_the_messages_with_a_row_answered_or_not(db: Database) -> None:
    await claim(db, "discord:7", "70", at=NOW)
    await claim(db, "discord:7", "71", at=NOW, done=False)
    await claim(db, "discord:8", "72", at=NOW)  # another channel's
    store = TalkedInStore(db)
    assert await store.claimed(ChannelRef("discord", "7"), ["70", "71", "72", "73"]) == {"70", "71"}
    assert await store.claimed(ChannelRef("discord", "7"), []) == set()
