"""A platform's Retry-After reaches the ledger's retry; parts are recorded as they go out, a retry posts the rest."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.adapter import PartPosted, PostError, ResumablePost
from bot.commands.base import Dispatch
from bot.config import Config
from bot.delivery import Delivery, Outcome
from bot.models import Briefing, ChannelRef
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests import pg
from tests.channels.channel_fakes import RecordingAdapter, add_story

T0 = datetime(2026, 5, 4, 0, 0, tzinfo=UTC)
SLOT = T0 + timedelta(hours=8)
REF = ChannelRef("console", "main")


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """Both stores: the ledger's part-by-part writes and its retry merge run on each."""
    url = (f"sqlite:///{tmp_path / 'parts.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_delivery_parts"))
    database = await Database.open(url)
    yield database
    await database.close()


async def setup(db: Database) -> None:
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await add_story(db, "s1", text="The quay council met to plan repairs. Work starts next month.",
                    title="Quay repairs planned", now=SLOT - timedelta(hours=1))


async def deliver(db: Database, config: Config, adapter: object, now: datetime,
                  checkpoint: list[str] | None = None) -> list[Outcome]:
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    seen = checkpoint if checkpoint is not None else []
    delivery = Delivery(db, config, {"console": adapter}, checkpoint=seen.append)  # type: ignore[dict-item]
    return await delivery.deliver_due(channel, now)


@pytest.mark.parametrize(("retry_after", "wait"), [
    (600.0, timedelta(minutes=10)),  # longer than the ledger's own first backoff: the platform's wait
    (5.0, timedelta(minutes=1)),  # shorter: the ledger's backoff (1 minute at the first failure)
    (None, timedelta(minutes=1)),  # none given: as before
    (float("nan"), timedelta(minutes=1)),  # not a number: as if none was given
    (-30.0, timedelta(minutes=1)),
])
async def test_a_retry_comes_no_earlier_than_the_platforms_retry_after(
        db: Database, config: Config, retry_after: float | None, wait: timedelta) -> None:
    await setup(db)
    adapter = RecordingAdapter(errors=[PostError(REF, "retryable", "rate limited", retry_after=retry_after)])
    assert [o.state for o in await deliver(db, config, adapter, SLOT)] == ["retry"]
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.retry_at == SLOT + wait
    # before then a tick only waits (nothing is asked of the platform); at it the briefing goes out
    assert [o.state for o in await deliver(db, config, adapter, SLOT + wait - timedelta(seconds=1))] == ["waiting"]
    assert adapter.attempts == 1
    assert [o.state for o in await deliver(db, config, adapter, SLOT + wait)] == ["delivered"]
    assert len(adapter.posts) == 1


@pytest.mark.parametrize("retry_after", [float("inf"), 1e300, 86_400.0 * 400])
async def test_a_hostile_retry_after_is_read_as_the_longest_wait_not_an_overflow(
        db: Database, config: Config, retry_after: float) -> None:
    await setup(db)  # "Retry-After: inf" or "1e300" from a broken or hostile server must not crash the delivery
    adapter = RecordingAdapter(errors=[PostError(REF, "retryable", "rate limited", retry_after=retry_after)])
    assert [o.state for o in await deliver(db, config, adapter, SLOT)] == ["retry"]
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.retry_at == SLOT + timedelta(hours=24)


async def test_a_retry_after_past_the_grace_still_fails_by_the_grace_rule(db: Database, config: Config) -> None:
    await setup(db)  # the grace is 6 h: a retry that fails again beyond it fails for good, as before
    adapter = RecordingAdapter(errors=[PostError(REF, "retryable", "rate limited", retry_after=7 * 3600.0),
                                       PostError(REF, "retryable", "rate limited", retry_after=60.0)])
    assert [o.state for o in await deliver(db, config, adapter, SLOT)] == ["retry"]
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.retry_at == SLOT + timedelta(hours=7)
    assert [o.state for o in await deliver(db, config, adapter, SLOT + timedelta(hours=7))] == ["failed"]


@dataclass
class PartwiseAdapter:
    """A platform that cannot find its own parts (a webhook): it trusts ``posted`` and reports each part out."""

    name: str = "console"
    parts: int = 3
    fail_after: int | None = None  # raise this (a bug, not a PostError) once this many parts are out in a call
    sent: list[tuple[str, int]] = field(default_factory=list)  # (key, part index) as the platform received them
    calls: list[tuple[str, ...]] = field(default_factory=list)  # ``posted`` of each call
    plain_posts: int = 0

    async def run(self, dispatch: Dispatch) -> None:
        return None

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        self.plain_posts += 1
        return []

    async def post_resuming(self, channel: ChannelRef, briefing: Briefing, *, key: str, posted: Sequence[str],
                            on_part: PartPosted) -> list[str]:
        self.calls.append(tuple(posted))
        ids = list(posted)
        for index in range(len(posted), self.parts):
            if self.fail_after is not None and index == self.fail_after:
                self.fail_after = None
                raise RuntimeError("connection dropped")
            self.sent.append((key, index))
            ids.append(f"m{index + 1}")
            await on_part(ids[-1])
        return ids

    async def notify(self, channel: ChannelRef, text: str) -> None:
        return None

    async def close(self) -> None:
        return None


async def test_each_part_is_in_the_ledger_as_it_goes_out_and_a_retry_posts_only_the_rest(
        db: Database, config: Config) -> None:
    await setup(db)
    adapter = PartwiseAdapter(fail_after=2)
    assert isinstance(adapter, ResumablePost) and not isinstance(RecordingAdapter(), ResumablePost)
    points: list[str] = []
    # an unexpected error after two parts: no PostError lists them, the ledger has them anyway
    assert [o.state for o in await deliver(db, config, adapter, SLOT, points)] == ["retry"]
    assert points == ["planned", "posting", "sent1", "recorded1", "sent2", "recorded2"]
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.state == "posting" and entry.message_ids == ("m1", "m2")

    points.clear()
    assert [o.state for o in await deliver(db, config, adapter, SLOT + timedelta(minutes=1), points)] == [
        "delivered"]
    assert points == ["posting", "sent3", "recorded3", "posted", "delivered"]
    assert adapter.calls == [(), ("m1", "m2")]  # the retry was told which parts are out
    assert [part for _, part in adapter.sent] == [0, 1, 2]  # each part once
    entry = await DeliveryLedger(db).get(REF.key, SLOT)
    assert entry is not None and entry.state == "delivered" and entry.message_ids == ("m1", "m2", "m3")
    assert adapter.plain_posts == 0


async def test_an_adapter_without_post_resuming_is_posted_to_as_before(db: Database, config: Config) -> None:
    await setup(db)
    adapter = RecordingAdapter(parts=3)
    points: list[str] = []
    assert [o.state for o in await deliver(db, config, adapter, SLOT, points)] == ["delivered"]
    assert points == ["planned", "posting", "posted", "delivered"]  # no part-by-part checkpoints
    assert [p.part for p in adapter.posts] == [0, 1, 2]


async def test_record_parts_leaves_a_finished_slot_alone(db: Database, config: Config) -> None:
    await setup(db)
    adapter = RecordingAdapter()
    assert [o.state for o in await deliver(db, config, adapter, SLOT)] == ["delivered"]
    ledger = DeliveryLedger(db)
    entry = await ledger.get(REF.key, SLOT)
    assert entry is not None
    await ledger.record_parts(entry, ["late"], now=SLOT + timedelta(minutes=1))  # a stray write after the fact
    after = await ledger.get(REF.key, SLOT)
    assert after is not None and after.message_ids == entry.message_ids and after.state == "delivered"
