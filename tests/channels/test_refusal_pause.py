"""A channel that refuses its briefings slot after slot (deleted, the bot removed) is paused once the refusals run long
enough (3 in a row, the first at least 24 h before the latest, by default), its configurers told once by DM;
`resume` starts the count again; a success, a retryable failure or a message refused (not the channel) breaks the
run. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.adapter import PostError
from bot.clock import ManualClock
from bot.commands.base import Dispatch
from bot.config import Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import Briefing, ChannelRef
from bot.refusal_pause import PAUSE_NOTE_START, PausePolicy, RefusalRun, pause_reason, refusal_run
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger, SlotOutcome
from tests import pg
from tests.channels.channel_fakes import add_story
from tests.cli_run import cli

T0 = datetime(2031, 5, 5, 0, 0, tzinfo=UTC)  # far ahead of the wall clock
REF = ChannelRef("slack", "C0GONE")
GONE = "channel_not_found"


def day(n: int) -> datetime:
    """The daily 08:00 slot ``n`` days after the channel was set up."""
    return T0 + timedelta(days=n, hours=8)


@dataclass
class ScriptedSlack:
    """A Slack stand-in whose posts answer as ``mode`` says: ok, gone (the channel refused), retry (503) or message
    (this message refused, the channel is there). Records its posts and notices."""

    clock: ManualClock
    mode: str = "gone"
    name: str = "slack"
    posts: list[str] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (the user a DM went to, or the channel; text)

    async def run(self, dispatch: Dispatch) -> None:
        return None

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        self.posts.append(key)
        if self.mode == "gone":
            raise PostError(channel, "permanent", GONE, channel_refused=True)
        if self.mode == "retry":
            raise PostError(channel, "retryable", "Slack answered 503")
        if self.mode == "message":
            raise PostError(channel, "permanent", "invalid_blocks")
        return [f"{key}#0"]

    async def notify(self, channel: ChannelRef, text: str) -> None:
        self.notices.append((channel.id if channel.is_user else channel.key, text))

    async def close(self) -> None:
        return None

    def dms(self) -> list[str]:
        return [text for who, text in self.notices if who == "U0ALICE"]


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'refusal_pause.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_refusal_pause"))
    database = await Database.open(url)
    yield database
    await database.close()


async def set_up(db: Database, config: Config, schedule: str = "daily 08:00",
                 scheduler: SchedulerConfig | None = None, ref: ChannelRef = REF) -> tuple[Delivery, ScriptedSlack]:
    store = ChannelStore(db)
    await store.ensure(ref, ChannelDefaults(schedule, "UTC"), now=T0)
    await store.subscribe(ref, "harbour", user="U0ALICE", now=T0)  # as /brief subscribe stores its user
    if scheduler is not None:
        config = Config(briefing=config.briefing, scheduler=scheduler)
    clock = ManualClock(T0)
    adapter = ScriptedSlack(clock, name=ref.platform)
    return Delivery(db, config, {ref.platform: adapter}, clock=clock), adapter


async def at(db: Database, delivery: Delivery, adapter: ScriptedSlack, when: datetime, mode: str,
             ref: ChannelRef = REF) -> list[str]:
    """A new harbour story half an hour before ``when``, then the channel's due slots at ``when`` (read from the
    store as the scheduler reads it), the adapter answering as ``mode`` says."""
    await add_story(db, f"quay{when:%d%H%M}", title=f"East quay works, {when:%d %B %H:%M}", now=when - timedelta(
        minutes=30), text=f"The harbour board met on {when:%d %B} about the east quay. Repairs go on until spring.")
    adapter.mode = mode
    assert isinstance(delivery.clock, ManualClock)
    delivery.clock.set(when)
    channel = await ChannelStore(db).get(ref)
    assert channel is not None
    return [o.state for o in await delivery.deliver_due(channel, when)]


async def paused(db: Database, ref: ChannelRef = REF) -> bool:
    channel = await ChannelStore(db).get(ref)
    assert channel is not None
    return channel.paused


async def test_refused_three_days_running_is_paused_and_its_configurer_told_once(any_db: Database,
                                                                                 config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    for n in (0, 1):
        assert await at(db, delivery, adapter, day(n), "gone") == ["failed"]
        assert not await paused(db)
    assert await at(db, delivery, adapter, day(2), "gone") == ["failed"]
    channel = await ChannelStore(db).get(REF)
    assert channel is not None and channel.paused
    assert channel.last_error == (f"{PAUSE_NOTE_START}3 refused in a row (since 2031-05-05 08:00 UTC): {GONE}; "
                                  "`resume` restarts them")
    assert pause_reason(channel) == channel.last_error  # what `briefbot channels` and `/brief` show
    first, pause = adapter.dms()  # the first refusal's notice (as before), then the pause, once
    assert first.startswith(f"I could not post the briefing for slack:C0GONE: {GONE}.")
    assert pause == ("I paused the briefings for slack:C0GONE: it refused 3 briefings in a row since 2031-05-05 "
                     f"08:00 UTC ({GONE}), so I stopped trying. Once I can post there again, `/brief resume` in the "
                     "channel restarts them.")
    assert all(who == "U0ALICE" for who, _ in adapter.notices)  # nothing posted into the channel that refused
    tried = len(adapter.posts)
    for n in (3, 4):  # no more tries, no more notices
        assert await at(db, delivery, adapter, day(n), "gone") == []
    assert len(adapter.posts) == tried == 3 and len(adapter.dms()) == 2
    # `briefbot post` while it is paused for that: refused again, the reason kept, no one told again
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    assert (await delivery.post_now(channel, day(4) + timedelta(hours=1))).state == "failed"
    after = await ChannelStore(db).get(REF)
    assert after is not None and after.paused and after.last_error == channel.last_error and len(adapter.dms()) == 2


async def test_refused_three_times_within_an_hour_is_not_paused_yet(any_db: Database, config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config, schedule="every 20m")
    for minutes in (20, 40, 60):
        assert await at(db, delivery, adapter, T0 + timedelta(minutes=minutes), "gone") == ["failed"]
    channel = await ChannelStore(db).get(REF)
    assert channel is not None and not channel.paused and channel.last_error == GONE
    assert len(adapter.dms()) == 1  # the first refusal's notice only


async def test_a_frequent_channel_is_paused_once_the_refusals_span_the_minimum(any_db: Database,
                                                                               config: Config) -> None:
    """Every 4 hours: the third refusal comes 8 h after the first; the pause waits for the one 24 h after it."""
    db = any_db
    delivery, adapter = await set_up(db, config, schedule="every 4h")
    for hours in range(4, 28, 4):  # 04:00 to 24:00: six refusals within 20 h
        assert await at(db, delivery, adapter, T0 + timedelta(hours=hours), "gone") == ["failed"]
        assert not await paused(db)
    assert await at(db, delivery, adapter, T0 + timedelta(hours=28), "gone") == ["failed"]
    channel = await ChannelStore(db).get(REF)
    assert channel is not None and channel.paused and channel.last_error is not None
    assert channel.last_error.startswith(f"{PAUSE_NOTE_START}7 refused in a row (since 2031-05-05 04:00 UTC)")


async def test_a_success_in_between_starts_the_count_again(any_db: Database, config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    states = [await at(db, delivery, adapter, day(n), mode)
              for n, mode in enumerate(["gone", "gone", "ok", "gone", "gone"])]
    assert states == [["failed"], ["failed"], ["delivered"], ["failed"], ["failed"]]
    assert not await paused(db)  # four refusals in five days, but two in a row
    assert await at(db, delivery, adapter, day(5), "gone") == ["failed"]
    assert await paused(db)


async def test_resume_restarts_the_channel_and_the_count(any_db: Database, config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    for n in (0, 1, 2):
        await at(db, delivery, adapter, day(n), "gone")
    assert await paused(db)
    await ChannelStore(db).set_paused(REF, False, now=day(2) + timedelta(hours=3))  # as `/brief resume` does
    assert await at(db, delivery, adapter, day(3), "gone") == ["failed"]  # tried again
    assert await at(db, delivery, adapter, day(4), "gone") == ["failed"]
    assert not await paused(db)  # the refusals before the resume no longer count
    # its configurer heard of the new refusal after the resume, once
    told = ["I could not post the briefing for slack", "I paused the briefings for slack"]
    assert [d.split(":")[0] for d in adapter.dms()] == [*told, told[0]]
    assert await at(db, delivery, adapter, day(5), "gone") == ["failed"]
    assert await paused(db) and len(adapter.dms()) == 4


async def test_a_retryable_failure_does_not_count_and_breaks_the_run(any_db: Database, config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config)
    assert await at(db, delivery, adapter, day(0), "gone") == ["failed"]
    assert await at(db, delivery, adapter, day(1), "gone") == ["failed"]
    assert await at(db, delivery, adapter, day(2), "retry") == ["retry"]
    # its retry fails again once it is past the catch-up grace: failed, not refused
    assert await at(db, delivery, adapter, day(2) + timedelta(hours=7), "retry") == ["failed"]
    assert await at(db, delivery, adapter, day(3), "gone") == ["failed"]
    assert await at(db, delivery, adapter, day(4), "gone") == ["failed"]
    assert not await paused(db)  # four refusals, but a retryable failure between the second and the third
    assert await at(db, delivery, adapter, day(5), "gone") == ["failed"]
    assert await paused(db)
    states = [e.state for e in await DeliveryLedger(db).entries(REF.key)]
    assert states == ["failed"] * 6


async def test_a_refused_message_breaks_the_run(any_db: Database, config: Config) -> None:
    """A message refused (the channel is there, this briefing was not taken) is not the channel refusing."""
    db = any_db
    delivery, adapter = await set_up(db, config)
    for n, mode in enumerate(["gone", "message", "gone", "gone"]):
        assert await at(db, delivery, adapter, day(n), mode) == ["failed"]
    assert not await paused(db)
    assert await at(db, delivery, adapter, day(4), "gone") == ["failed"]
    assert await paused(db)


async def test_pause_after_refusals_0_never_pauses(any_db: Database, config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config, scheduler=SchedulerConfig(catch_up_grace="6h",
                                                                           pause_after_refusals=0))
    for n in range(5):
        assert await at(db, delivery, adapter, day(n), "gone") == ["failed"]
    assert not await paused(db) and len(adapter.posts) == 5 and len(adapter.dms()) == 1


async def test_the_thresholds_come_from_the_config(any_db: Database, config: Config) -> None:
    db = any_db
    delivery, adapter = await set_up(db, config, schedule="every 1h", scheduler=SchedulerConfig(
        catch_up_grace="6h", pause_after_refusals=2, pause_after_refused_for="1h"))
    assert await at(db, delivery, adapter, T0 + timedelta(hours=1), "gone") == ["failed"]
    assert not await paused(db)
    assert await at(db, delivery, adapter, T0 + timedelta(hours=2), "gone") == ["failed"]
    assert await paused(db)


async def test_a_webhook_channel_is_never_paused(any_db: Database, config: Config) -> None:
    """A webhook channel takes no commands: paused, nothing could resume it. It keeps failing once a slot."""
    db, ref = any_db, ChannelRef("slack-webhook", "ops")
    delivery, adapter = await set_up(db, config, ref=ref)
    for n in range(4):
        assert await at(db, delivery, adapter, day(n), "gone", ref=ref) == ["failed"]
    assert not await paused(db, ref) and len(adapter.posts) == 4


def test_the_run_is_read_newest_first_up_to_what_broke_it() -> None:
    def row(n: int, kind: str, state: str, error: str | None = None) -> SlotOutcome:
        return SlotOutcome(day(n), kind, state, error)  # type: ignore[arg-type]

    rows = [row(6, "scheduled", "failed", GONE), row(5, "scheduled", "empty"), row(4, "alert", "failed", "x"),
            row(3, "catch-up", "skipped"), row(2, "manual", "failed", GONE), row(1, "scheduled", "failed", "other"),
            row(0, "scheduled", "failed", GONE)]
    assert refusal_run(rows, GONE) == RefusalRun(2, day(2))  # empty, skipped and a failed alert neither count nor break
    assert refusal_run([row(2, "scheduled", "failed", GONE), row(1, "alert", "delivered"),
                        row(0, "scheduled", "failed", GONE)], GONE) == RefusalRun(1, day(2))  # a delivered alert breaks
    assert refusal_run([row(1, "scheduled", "posting"), row(0, "scheduled", "failed", GONE)], GONE) == RefusalRun(
        1, day(0))
    assert refusal_run([], GONE) == RefusalRun()
    policy = PausePolicy(3, timedelta(hours=24))
    assert policy.due(RefusalRun(3, day(0)), day(1)) and not policy.due(RefusalRun(3, day(0)), day(1) - timedelta(
        seconds=1)) and not policy.due(RefusalRun(2, day(0)), day(5))
    assert not PausePolicy(0, timedelta(0)).due(RefusalRun(9, day(0)), day(9))


def test_briefbot_channels_shows_it_paused_and_why(tmp_path: Path, config: Config,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.db"

    async def refused_three_days() -> None:
        db = await Database.open(f"sqlite:///{path}")
        try:
            delivery, adapter = await set_up(db, config)
            for n in (0, 1, 2):
                await at(db, delivery, adapter, day(n), "gone")
        finally:
            await db.close()

    asyncio.run(refused_three_days())
    code, out, _ = cli(capsys, "channels", "--db", str(path))
    assert code == 0 and "slack:C0GONE  daily 08:00 (UTC)  paused  last -" in out
    assert (f"    last error: {PAUSE_NOTE_START}3 refused in a row (since 2031-05-05 08:00 UTC): {GONE}; `resume` "
            "restarts them") in out
