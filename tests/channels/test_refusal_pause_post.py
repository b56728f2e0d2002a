"""A `briefbot post` that succeeds on a channel paused for its refusals resumes it (scheduled briefings restart, its
configurers told once by DM, the log says so); a channel paused by a person stays paused, its last error cleared as
before. SQLite and PostgreSQL, on a manual clock."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Config
from bot.refusal_pause import pause_reason
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database
from tests import pg
from tests.channels.channel_fakes import add_story
from tests.channels.test_refusal_pause import GONE, REF, at, day, paused, set_up


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'refusal_post.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_refusal_post"))
    database = await Database.open(url)
    yield database
    await database.close()


async def stored(db: Database) -> Channel:
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    return channel


async def test_a_post_that_succeeds_resumes_a_channel_paused_for_refusals(
        any_db: Database, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    for n in (0, 1, 2):
        assert await at(db, delivery, adapter, day(n), "gone") == ["failed"]
    channel = await stored(db)
    assert pause_reason(channel) is not None and len(adapter.dms()) == 2  # the first refusal's notice, the pause's
    # the bot is back in the channel; an operator's `briefbot post` goes out
    when = day(3) + timedelta(hours=2)
    await add_story(db, "quaypost", title="Ferry timetable changes at the east quay", now=when - timedelta(minutes=5),
                    text="The ferry company moved its morning crossing by ten minutes. The harbour board agreed.")
    adapter.mode = "ok"
    with caplog.at_level(logging.INFO, logger="bot.delivery"):
        assert (await delivery.post_now(channel, when)).state == "delivered"
    after = await stored(db)
    assert not after.paused and after.last_error is None  # not "paused" with no reason in `briefbot channels`
    assert after.slots_from == when  # as `/brief resume`: the slots that fell while paused are not replayed
    assert "channel slack:C0GONE accepted a briefing again: scheduled briefings resumed" in caplog.messages
    assert adapter.dms()[2:] == ["slack:C0GONE accepted a briefing again, so I resumed its scheduled briefings "
                                 "(`/brief pause` in the channel stops them)."]
    assert all(who == "U0ALICE" for who, _ in adapter.notices)
    # the next scheduled slot goes out, and no one is told again
    assert await at(db, delivery, adapter, day(4), "ok") == ["delivered"]
    assert len(adapter.dms()) == 3


async def test_a_post_that_succeeds_keeps_a_channel_paused_by_a_person_paused(any_db: Database,
                                                                            config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    assert await at(db, delivery, adapter, day(0), "gone") == ["failed"]
    await ChannelStore(db).set_paused(REF, True, now=day(0) + timedelta(hours=1))  # as `/brief pause` does
    channel = await stored(db)
    assert channel.last_error == GONE and pause_reason(channel) is None
    when = day(1) + timedelta(hours=2)
    await add_story(db, "quayperson", title="Crane hire for the east quay", now=when - timedelta(minutes=5),
                    text="A second crane arrives next week. The harbour board pays for it from its reserve.")
    adapter.mode = "ok"
    assert (await delivery.post_now(channel, when)).state == "delivered"
    after = await stored(db)
    assert after.paused and after.last_error is None  # still paused as the person paused it; the error is gone
    assert after.slots_from == channel.slots_from
    assert len(adapter.dms()) == 1  # the first refusal's notice only
    assert await at(db, delivery, adapter, day(2), "ok") == []  # no scheduled briefing while paused
    assert await paused(db)
