"""A channel that refuses the bot tells the people who set it up once, when the refusal starts, not every slot,
and never posts the notice into the channel that refused; a refusal part-way keeps the parts that went out in the
ledger and loses no story."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

# the Slack test helpers are plain modules beside their tests (their conftest does the same)
_path = str(Path(__file__).parents[1] / "slack")
if _path not in sys.path:
    sys.path.insert(0, _path)

from fake_slack import Failure, FakeSlack  # noqa: E402
from slack_helpers import slack_config  # noqa: E402

from adapters.slack import build_slack_adapter  # noqa: E402
from bot.adapter import PostError  # noqa: E402
from bot.commands.base import Dispatch  # noqa: E402
from bot.config import Config  # noqa: E402
from bot.delivery import Delivery  # noqa: E402
from bot.models import Briefing, ChannelRef  # noqa: E402
from bot.store.channels import ChannelDefaults, ChannelStore  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.ledger import DeliveryLedger  # noqa: E402
from tests.channels.channel_fakes import add_story  # noqa: E402

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
REF = ChannelRef("slack", "C0QUAY")


def harbour_text(n: int) -> str:
    return (f"The Saltmere harbour board met for the {n}th time about the east quay. Its chair, Ines Vadro, said "
            "the repairs would go on through the spring. Fishers asked where to moor meanwhile.")


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    server = FakeSlack(clock=lambda: T0.timestamp())
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def hourly_channel(db: Database) -> ChannelStore:
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("every 1h", "UTC"), now=T0)
    await store.subscribe(REF, "harbour", user="U0ALICE", now=T0)  # as /brief subscribe stores its user
    return store


async def run_hours(db: Database, delivery: Delivery, hours: range) -> list[str]:
    """A new story before each hourly slot, then the slot (the channel read as the scheduler reads it)."""
    states: list[str] = []
    store = ChannelStore(db)
    for h in hours:
        now = T0 + timedelta(hours=h)
        await add_story(db, f"quay{h}", text=harbour_text(h), title=f"East quay repairs, day {h}",
                        now=now - timedelta(minutes=30))
        channel = await store.get(REF)
        assert channel is not None
        states += [o.state for o in await delivery.deliver_due(channel, now)]
    return states


def dms(slack: FakeSlack) -> list[str]:
    return [m["text"] for m in slack.messages if m["channel"] == slack.dms.get("U0ALICE")]


async def test_five_refused_hourly_slots_send_one_notice(db: Database, config: Config, slack: FakeSlack) -> None:
    config = Config(briefing=config.briefing, scheduler=config.scheduler, slack=slack_config(slack))
    await hourly_channel(db)
    slack.not_in_channel.add(REF.id)  # the bot was removed from the channel
    adapter = build_slack_adapter(config.slack, clock=lambda: T0)
    try:
        states = await run_hours(db, Delivery(db, config, {"slack": adapter}), range(1, 6))
    finally:
        await adapter.close()
    assert states == ["failed"] * 5
    [notice] = dms(slack)
    assert notice.startswith("I could not post the briefing for slack:C0QUAY: not_in_channel")
    # each slot tried its briefing once; no notice was posted into the channel that refused it
    assert [r for r in slack.rejected if r == ("chat.postMessage", "not_in_channel")] == [
        ("chat.postMessage", "not_in_channel")] * 5
    stored = await ChannelStore(db).get(REF)
    assert stored is not None and stored.last_error == "not_in_channel"


async def test_a_recovery_then_a_new_refusal_notifies_again(db: Database, config: Config,
                                                            slack: FakeSlack) -> None:
    config = Config(briefing=config.briefing, scheduler=config.scheduler, slack=slack_config(slack))
    await hourly_channel(db)
    adapter = build_slack_adapter(config.slack, clock=lambda: T0)
    delivery = Delivery(db, config, {"slack": adapter})
    try:
        slack.not_in_channel.add(REF.id)
        first = await run_hours(db, delivery, range(1, 3))
        assert len(dms(slack)) == 1
        slack.not_in_channel.discard(REF.id)  # invited back
        back = await run_hours(db, delivery, range(3, 4))
        stored = await ChannelStore(db).get(REF)
        assert stored is not None and stored.last_error is None
        slack.not_in_channel.add(REF.id)  # removed again
        again = await run_hours(db, delivery, range(4, 6))
        slack.not_in_channel.discard(REF.id)
        slack.fail_next("chat.postMessage", Failure(error="is_archived"))  # then archived: a new refusal
        archived = await run_hours(db, delivery, range(6, 7))
    finally:
        await adapter.close()
    assert (first, back, again, archived) == (["failed"] * 2, ["delivered"], ["failed"] * 2, ["failed"])
    notices = dms(slack)
    assert len(notices) == 3
    assert [n.split(": ")[1].split(".")[0] for n in notices] == ["not_in_channel", "not_in_channel", "is_archived"]
    # the stories of the refused slots were not lost: the slot after the recovery carried them all
    entries = await DeliveryLedger(db).entries(REF.key)
    delivered = [e for e in entries if e.state == "delivered"]
    assert [sorted(e.story_ids) for e in delivered] == [["quay1", "quay2", "quay3"]]


@dataclass
class RefusingPartWay:
    """Posts ``out`` parts of the first briefing, then is refused (not the channel: this message); later posts go
    through whole. Records every part it was given to post."""

    name: str = "console"
    out: int = 2
    parts: int = 4
    sent: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (key, story ids) per part posted
    notices: list[tuple[str, str]] = field(default_factory=list)
    refused: int = 0

    async def run(self, dispatch: Dispatch) -> None:
        return None

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        stories = tuple(i.story.id for i in (*briefing.items, *briefing.more))
        ids: list[str] = []
        for part in range(self.parts):
            if not self.refused and part == self.out:
                self.refused += 1
                raise PostError(channel, "permanent", "too_many_attachments", posted=ids)
            self.sent.append((key, stories))
            ids.append(f"{key}#{part}")
        return ids

    async def notify(self, channel: ChannelRef, text: str) -> None:
        self.notices.append((channel.key, text))

    async def close(self) -> None:
        return None


async def test_a_refusal_part_way_keeps_the_parts_and_loses_no_story(db: Database, config: Config) -> None:
    ref = ChannelRef("console", "quay")
    store = ChannelStore(db)
    await store.ensure(ref, ChannelDefaults("every 1h", "UTC"), now=T0)
    adapter = RefusingPartWay()
    delivery = Delivery(db, config, {"console": adapter})
    ledger = DeliveryLedger(db)
    outcomes: list[str] = []
    for h in (1, 2):
        now = T0 + timedelta(hours=h)
        await add_story(db, f"pier{h}", text=harbour_text(h), title=f"Pier lights, night {h}",
                        now=now - timedelta(minutes=30))
        channel = await store.get(ref)
        assert channel is not None
        outcomes += [o.state for o in await delivery.deliver_due(channel, now)]
    assert outcomes == ["failed", "delivered"]
    failed, delivered = await ledger.entries(ref.key)
    first_key = failed.key
    # the parts that went out before the refusal are in the failed slot's row; its story was not marked seen ...
    assert failed.state == "failed" and failed.message_ids == (f"{first_key}#0", f"{first_key}#1")
    # ... so the next briefing carried it: lost nothing
    assert delivered.state == "delivered" and sorted(delivered.story_ids) == ["pier1", "pier2"]
    assert await ledger.delivered_story_ids(ref.key) == {"pier1", "pier2"}
    # the failed slot itself was never posted again: its parts went out once
    assert [k for k, _ in adapter.sent].count(first_key) == 2
    [(where, text)] = adapter.notices  # a message refused, not the channel: the notice goes to the channel
    assert where == ref.key and "(2 parts of it went out first): too_many_attachments" in text


