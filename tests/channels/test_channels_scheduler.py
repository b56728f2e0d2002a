"""The scheduler: tick(now) drives every channel; apscheduler jobs follow the store and change live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.channel_fakes import RecordingAdapter, add_story

# Far ahead of the wall clock, so apscheduler never fires a job by itself during the test.
T0 = datetime(2031, 1, 6, 0, 0, tzinfo=UTC)  # a Monday
MAIN = ChannelRef("console", "main")
OTHER = ChannelRef("console", "other")
SLACK = ChannelRef("slack", "C1")


async def setup(db: Database) -> None:
    store = ChannelStore(db)
    await store.ensure(MAIN, ChannelDefaults("daily 08:00", "Europe/Brussels"), now=T0)
    await store.ensure(OTHER, ChannelDefaults("every 6h", "Asia/Kolkata"), now=T0)
    await store.ensure(SLACK, ChannelDefaults("daily 08:00", "UTC"), now=T0)  # no slack adapter running


async def test_tick_delivers_each_due_channel_and_skips_platforms_not_running(db: Database, config: Config) -> None:
    await setup(db)
    adapter = RecordingAdapter()
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), clock)
    await add_story(db, "s", text="The harbour reopened after repairs. Boats returned.", title="Harbour",
                    now=T0 + timedelta(hours=1))
    outcomes = await scheduler.tick(T0 + timedelta(hours=7))  # 07:00 UTC = 08:00 Brussels, 12:30 Kolkata
    assert sorted((o.channel, o.state) for o in outcomes) == [("console:main", "delivered"),
                                                              ("console:other", "delivered")]
    assert await scheduler.tick(T0 + timedelta(hours=7, minutes=1)) == []
    assert {p.channel for p in adapter.posts} == {"console:main", "console:other"}


async def test_jobs_follow_the_store_and_change_when_a_command_changes_a_schedule(
        db: Database, config: Config) -> None:
    await setup(db)
    clock = ManualClock(T0)
    polled: list[datetime] = []

    async def poll(now: datetime) -> object:
        polled.append(now)
        return None

    adapter = RecordingAdapter()
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), clock, poll=poll)
    await scheduler.start()
    try:
        jobs = scheduler.job_times()
        assert jobs["deliver:console:main"] == datetime(2031, 1, 6, 7, 0, tzinfo=UTC)
        assert jobs["deliver:console:other"] == datetime(2031, 1, 6, 0, 30, tzinfo=UTC)  # 06:00 Kolkata
        assert "sweep" in jobs and "poll" in jobs
        assert "deliver:slack:C1" not in jobs  # no slack adapter runs: no job (tests/channels/test_start_log.py)
        # a schedule changed by a command re-arms that channel's job at once
        dispatcher = build_dispatcher(CommandDeps(config, db, clock, on_channel_change=scheduler.channel_changed))
        inv = dispatcher.from_text("schedule weekly wed 09:30 tz America/New_York", user="U", channel=MAIN,
                                   can_manage=True, now=clock())
        assert not (await dispatcher(inv)).error
        assert scheduler.job_times()["deliver:console:main"] == datetime(2031, 1, 8, 14, 30, tzinfo=UTC)
        inv = dispatcher.from_text("pause", user="U", channel=MAIN, can_manage=True, now=clock())
        await dispatcher(inv)
        assert "deliver:console:main" not in scheduler.job_times()
        # the channel job itself: deliver, then re-arm at the next slot
        await add_story(db, "k", text="A new ferry line opened. It runs twice a day.", title="Ferry", now=T0)
        clock.set(datetime(2031, 1, 6, 0, 30, tzinfo=UTC))
        await scheduler._run_channel(OTHER)
        assert [p.channel for p in adapter.posts] == ["console:other"]
        assert scheduler.job_times()["deliver:console:other"] == datetime(2031, 1, 6, 6, 30, tzinfo=UTC)
        await scheduler.poll_once()
        assert polled[-1] == clock()
    finally:
        await scheduler.shutdown()
    assert scheduler.job_times() == {}


async def test_a_retry_is_the_next_run_and_other_channels_carry_on(db: Database, config: Config) -> None:
    from bot.adapter import PostError

    await setup(db)
    adapter = RecordingAdapter(errors=[PostError(MAIN, "retryable", "503")])
    clock = ManualClock(T0)
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), clock)
    await add_story(db, "r", text="The bridge closed for a day. Traffic was diverted.", title="Bridge",
                    now=T0 + timedelta(hours=1))
    at = T0 + timedelta(hours=7)
    outcomes = {o.channel: o.state for o in await scheduler.tick(at)}
    assert outcomes["console:main"] == "retry" or outcomes["console:other"] == "retry"
    main = await ChannelStore(db).get(MAIN)
    other = await ChannelStore(db).get(OTHER)
    assert main is not None and other is not None
    retrying = main if outcomes["console:main"] == "retry" else other
    when = await scheduler.next_run(retrying, at)
    assert when is not None and at < when <= at + timedelta(minutes=30)
    await scheduler.tick(when)
    assert sorted(p.channel for p in adapter.posts) == ["console:main", "console:other"]
