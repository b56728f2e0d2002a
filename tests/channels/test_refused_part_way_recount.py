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

from bot.store.db import Database  # noqa: E402
from bot.store.ledger import DeliveryLedger  # noqa: E402
from tests import pg  # noqa: E402
from tests.channels.test_refused_part_way_slack import (  # noqa: E402
    REF,
    T0,
    channel_messages,
    deliver,
    ferry_briefing,
    shown,
)
from tests.channels.test_refused_part_way_slack import slack as _slack  # noqa: E402

slack = _slack  # the fixture: a local Slack on the test's clock


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'recount.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_part_way_recount"))
    database = await Database.open(url)
    yield database
    await database.close()


async def test_a_part_posted_again_before_the_refusal_does_not_count_as_one_more_part(
        store: Database, slack: FakeSlack) -> None:
    config = await ferry_briefing(store, slack)
    slack.missing_scope |= {"conversations.history", "conversations.replies"}  # no history: a restart cannot look
    # parts 1 and 2 out, then a rate limit longer than the adapter waits: the slot is retried later
    slack.fail_next("chat.postMessage", Failure(status=429, error="ratelimited", retry_after=600), after=2)
    assert await deliver(store, config, slack, T0 + timedelta(hours=1)) == "retry"
    ledger = DeliveryLedger(store)
    [waiting] = await ledger.entries(REF.key)
    assert len(waiting.message_ids) == 2

    # a new process: it cannot read the channel, posts part 1 again, then the channel refuses part 2
    slack.fail_next("chat.postMessage", Failure(error="not_in_channel"), after=1)
    assert await deliver(store, config, slack, T0 + timedelta(hours=1, minutes=30)) == "failed"
    messages = channel_messages(slack)
    assert len(messages) == 3  # parts 1, 2, then part 1 again; part 3 never went out
    got = {s for m in messages for s in shown(m)}
    seen = await ledger.delivered_story_ids(REF.key)
    assert seen and seen <= got, sorted(seen - got)  # no story the channel never got is marked seen


async def test_parts_posted_again_on_two_retries_do_not_count_as_more_parts(store: Database, slack: FakeSlack) -> None:
    """Two restarts, each posting the first part again before a rate limit, then a refusal: the row counts the
    briefing's parts that went out (two), not every id it was given, so no story of the third part is marked seen."""
    config = await ferry_briefing(store, slack)
    slack.missing_scope |= {"conversations.history", "conversations.replies"}
    limited = Failure(status=429, error="ratelimited", retry_after=600)
    slack.fail_next("chat.postMessage", limited, after=2)
    assert await deliver(store, config, slack, T0 + timedelta(hours=1)) == "retry"
    slack.fail_next("chat.postMessage", limited, after=1)  # a restart: part 1 again, then limited
    assert await deliver(store, config, slack, T0 + timedelta(hours=1, minutes=20)) == "retry"
    ledger = DeliveryLedger(store)
    [waiting] = await ledger.entries(REF.key)
    assert len(waiting.message_ids) == 2  # parts 1 and 2 are out (part 1 twice)
    slack.fail_next("chat.postMessage", Failure(error="not_in_channel"), after=1)  # another restart, then refused
    assert await deliver(store, config, slack, T0 + timedelta(hours=1, minutes=40)) == "failed"
    messages = channel_messages(slack)
    assert len(messages) == 4  # parts 1 and 2, then part 1 twice more
    got = {s for m in messages for s in shown(m)}
    seen = await ledger.delivered_story_ids(REF.key)
    assert seen and seen <= got, sorted(seen - got)
