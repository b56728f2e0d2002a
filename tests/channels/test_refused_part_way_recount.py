"""A part-way refusal on a retry that posted a part again (Slack, history unreadable after a restart): the stories
marked seen are only those of the parts the channel got, counted once each, not one more part per repeated id."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

_path = str(Path(__file__).parents[1] / "slack")
if _path not in sys.path:
    sys.path.insert(0, _path)

from fake_slack import Failure, FakeSlack  # noqa: E402
from slack_helpers import slack_config  # noqa: E402

from bot.config import BriefingConfig, Config, SchedulerConfig  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.ledger import DeliveryLedger  # noqa: E402
from tests import pg  # noqa: E402
from tests.channels.channel_fakes import add_story  # noqa: E402
from tests.channels.test_refused_part_way_slack import (  # noqa: E402
    REF,
    STORIES,
    T0,
    channel_messages,
    deliver,
    hourly_channel,
    shown,
    story_text,
)


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'recount.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_part_way_recount"))
    database = await Database.open(url)
    yield database
    await database.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack(clock=lambda: T0.timestamp())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def test_a_part_posted_again_before_the_refusal_does_not_count_as_one_more_part(
        store: Database, fake: FakeSlack) -> None:
    config = Config(briefing=BriefingConfig(max_stories=STORIES, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"), slack=slack_config(fake))
    await hourly_channel(store)
    for n in range(STORIES):
        await add_story(store, f"ferry{n}", text=story_text(n), title=f"Winter ferry timetable {n} approved",
                        now=T0 + timedelta(minutes=30, seconds=n))
    fake.missing_scope |= {"conversations.history", "conversations.replies"}  # no history: a restart cannot look
    # parts 1 and 2 out, then a rate limit longer than the adapter waits: the slot is retried later
    fake.fail_next("chat.postMessage", Failure(status=429, error="ratelimited", retry_after=600), after=2)
    assert await deliver(store, config, fake, T0 + timedelta(hours=1)) == "retry"
    ledger = DeliveryLedger(store)
    [waiting] = await ledger.entries(REF.key)
    assert len(waiting.message_ids) == 2

    # a new process: it cannot read the channel, posts part 1 again, then the channel refuses part 2
    fake.fail_next("chat.postMessage", Failure(error="not_in_channel"), after=1)
    assert await deliver(store, config, fake, T0 + timedelta(hours=1, minutes=30)) == "failed"
    messages = channel_messages(fake)
    assert len(messages) == 3  # parts 1, 2, then part 1 again; part 3 never went out
    got = {s for m in messages for s in shown(m)}
    seen = await ledger.delivered_story_ids(REF.key)
    assert seen and seen <= got, sorted(seen - got)  # no story the channel never got is marked seen


async def test_parts_posted_again_on_two_retries_do_not_count_as_more_parts(store: Database, fake: FakeSlack) -> None:
    """Two restarts, each posting the first part again before a rate limit, then a refusal: the row counts the
    briefing's parts that went out (two), not every id it was given, so no story of the third part is marked seen."""
    config = Config(briefing=BriefingConfig(max_stories=STORIES, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"), slack=slack_config(fake))
    await hourly_channel(store)
    for n in range(STORIES):
        await add_story(store, f"ferry{n}", text=story_text(n), title=f"Winter ferry timetable {n} approved",
                        now=T0 + timedelta(minutes=30, seconds=n))
    fake.missing_scope |= {"conversations.history", "conversations.replies"}
    limited = Failure(status=429, error="ratelimited", retry_after=600)
    fake.fail_next("chat.postMessage", limited, after=2)
    assert await deliver(store, config, fake, T0 + timedelta(hours=1)) == "retry"
    fake.fail_next("chat.postMessage", limited, after=1)  # a restart: part 1 again, then limited
    assert await deliver(store, config, fake, T0 + timedelta(hours=1, minutes=20)) == "retry"
    ledger = DeliveryLedger(store)
    [waiting] = await ledger.entries(REF.key)
    assert len(waiting.message_ids) == 2  # parts 1 and 2 are out (part 1 twice)
    fake.fail_next("chat.postMessage", Failure(error="not_in_channel"), after=1)  # another restart, then refused
    assert await deliver(store, config, fake, T0 + timedelta(hours=1, minutes=40)) == "failed"
    messages = channel_messages(fake)
    assert len(messages) == 4  # parts 1 and 2, then part 1 twice more
    got = {s for m in messages for s in shown(m)}
    seen = await ledger.delivered_story_ids(REF.key)
    assert seen and seen <= got, sorted(seen - got)
