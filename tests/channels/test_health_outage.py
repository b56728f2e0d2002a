"""The health endpoint reports a store outage (which job saw it, since when) and the run lock (held, being taken
again, taken by another run): /readyz says 503 meanwhile and /metrics has gauges for both."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck, HealthServer
from bot.metrics import prometheus_text
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.run_lock import RunLock, RunLockTaken
from bot.store.sources import SourceStore
from tests import pg
from tests.channels.channel_fakes import RecordingAdapter
from tests.pg_proxy import PgProxy, cut, proxied_fresh_database

NAME = "briefbot_test_health_outage"
DIRECT = f"postgresql://postgres@{pg.PG_HOST}:{pg.PG_PORT}/{pg.db_name(NAME)}"  # a second bot, not behind the proxy
T0 = datetime(2099, 3, 2, 6, 0, tzinfo=UTC)  # far ahead of the wall clock: apscheduler fires no job by itself
MAIN = ChannelRef("console", "kestrelmoor")
NOT_RUNNING = "scheduler: not running"  # these checks drive the jobs by hand: the scheduler is not started


@pytest.fixture
async def proxy() -> AsyncIterator[PgProxy]:
    async with proxied_fresh_database(NAME) as running:
        yield running


async def _scheduler(db: Database, config: Config, clock: ManualClock, lock: RunLock) -> Scheduler:
    await ChannelStore(db).ensure(MAIN, ChannelDefaults("daily 08:00", "UTC"), now=clock())

    async def poll(now: datetime) -> object:
        return await SourceStore(db).list()

    return Scheduler(Delivery(db, config, {"console": RecordingAdapter()}), clock, poll=poll, keep_lock=lock.keep)


def _check(db: Database, scheduler: Scheduler, lock: RunLock, clock: ManualClock) -> HealthCheck:
    return HealthCheck.for_store(db, scheduler, [], clock, outage=scheduler.outage, lock=lock)


async def _every_job_once(scheduler: Scheduler) -> None:
    await scheduler.sweep_job()
    await scheduler.poll_job()
    await scheduler.alert_rounds.idle()  # the poll job's alert round, in the background
    await scheduler.lock_job()


async def _probe(port: int) -> tuple[int, dict[str, Any], dict[str, str]]:
    """/readyz's status and JSON, and /metrics' samples by name and labels."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/readyz") as response:
            status, body = response.status, await response.json()
        async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
            assert response.status == 200
            metrics = await response.text()
    return status, body, _samples(metrics)


def _samples(metrics: str) -> dict[str, str]:
    return dict(line.rsplit(" ", 1) for line in metrics.splitlines() if not line.startswith("#"))


async def test_an_outage_and_a_lost_lock_make_readyz_503_until_the_store_and_the_lock_are_back(
        proxy: PgProxy, config: Config) -> None:
    clock = ManualClock(T0)
    db = await Database.open(proxy.url(pg.db_name(NAME)))
    lock = RunLock(db, clock)
    server: HealthServer | None = None
    try:
        await lock.acquire()
        scheduler = await _scheduler(db, config, clock, lock)
        server = HealthServer(_check(db, scheduler, lock, clock), "127.0.0.1", 0)
        await server.start()
        await _every_job_once(scheduler)
        before = await _probe(server.port)
        await cut(proxy, NAME)
        clock.advance(timedelta(minutes=1))
        await _every_job_once(scheduler)
        clock.advance(timedelta(seconds=30))
        during = await _probe(server.port)
        await proxy.start()
        clock.advance(timedelta(seconds=30))
        await scheduler.lock_job()  # the lock taken again: the store answered, the outage is over
        after = await _probe(server.port)
        await lock.release()
    finally:
        if server is not None:
            await server.stop()
        await db.close()
    status, body, samples = before
    assert (status, body["reasons"]) == (503, [NOT_RUNNING])
    assert body["store_outage"] == {"active": False, "since": None, "failures": 0, "first_job": None,
                                    "last_job": None, "last_failure_at": None}
    assert body["run_lock"] == {"state": "held", "held": True, "lost_at": None, "retaken": 0}
    assert samples["briefbot_store_outage"] == "0" and samples["briefbot_run_lock_held"] == "1"

    down = T0 + timedelta(minutes=1)
    status, body, samples = during
    assert status == 503 and body["store"] == {"ok": False}  # the probe's own query fails too
    assert body["store_outage"] == {
        "active": True, "since": down.isoformat(), "failures": 4, "first_job": "delivering due briefings",
        "last_job": "checking the run lock", "last_failure_at": down.isoformat()}
    assert body["run_lock"] == {"state": "retaking", "held": False, "lost_at": down.isoformat(), "retaken": 0}
    assert f"store: unreachable since {down.isoformat()} (failed jobs: 4; first: delivering due briefings; " \
           "last: checking the run lock)" in body["reasons"]
    assert f"run lock: lost, taking it again at each check (since {down.isoformat()})" in body["reasons"]
    assert {k: samples[k] for k in ("briefbot_ready", "briefbot_store_outage", "briefbot_store_outage_failures",
                                    "briefbot_store_outage_since_timestamp_seconds", "briefbot_run_lock_held",
                                    'briefbot_run_lock_state{state="retaking"}',
                                    'briefbot_run_lock_state{state="held"}',
                                    "briefbot_run_lock_lost_timestamp_seconds")} == {
        "briefbot_ready": "0", "briefbot_store_outage": "1", "briefbot_store_outage_failures": "4",
        "briefbot_store_outage_since_timestamp_seconds": str(int(down.timestamp())), "briefbot_run_lock_held": "0",
        'briefbot_run_lock_state{state="retaking"}': "1", 'briefbot_run_lock_state{state="held"}': "0",
        "briefbot_run_lock_lost_timestamp_seconds": str(int(down.timestamp()))}

    status, body, samples = after
    assert (status, body["reasons"], body["store"]) == (503, [NOT_RUNNING], {"ok": True})
    assert body["store_outage"]["active"] is False and body["store_outage"]["failures"] == 0
    assert body["run_lock"] == {"state": "held", "held": True, "lost_at": None, "retaken": 1}
    assert samples["briefbot_store_outage"] == "0" and samples["briefbot_run_lock_retaken_total"] == "1"
    assert "briefbot_store_outage_since_timestamp_seconds" not in samples  # no outage: left out, not 0
    assert "briefbot_run_lock_lost_timestamp_seconds" not in samples


async def test_a_lock_another_run_took_is_reported_taken(proxy: PgProxy, config: Config) -> None:
    clock = ManualClock(T0)
    db, other_db = await Database.open(proxy.url(pg.db_name(NAME))), await Database.open(DIRECT)
    lock, other = RunLock(db, clock), RunLock(other_db, clock)
    try:
        await lock.acquire()
        scheduler = await _scheduler(db, config, clock, lock)
        await cut(proxy, NAME)
        clock.advance(timedelta(minutes=2))
        await other.acquire()  # a second `briefbot run` started while this one could not reach the store
        await proxy.start()
        await scheduler.lock_job()
        ready, report = await _check(db, scheduler, lock, clock).readiness()
        await lock.release()
        await other.release()
    finally:
        await db.close()
        await other_db.close()
    lost = T0 + timedelta(minutes=2)
    assert isinstance(scheduler.stop_reason, RunLockTaken)
    assert not ready and report["run_lock"] == {"state": "taken", "held": False, "lost_at": lost.isoformat(),
                                                "retaken": 0}
    assert report["reasons"] == [
        f"run lock: another `briefbot run` took it (since {lost.isoformat()}); this run stops", NOT_RUNNING]
    samples = _samples(prometheus_text(ready, report))
    assert [samples[f'briefbot_run_lock_state{{state="{s}"}}'] for s in ("not_held", "held", "retaking", "taken")] \
        == ["0", "0", "0", "1"]


async def test_a_deleted_sqlite_lock_file_that_will_not_reopen_is_an_outage_and_a_lock_being_taken_again(
        tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.store.run_lock as run_lock

    clock = ManualClock(T0)
    db = await Database.open(str(tmp_path / "fenwick.db"))
    lock = RunLock(db, clock)
    try:
        await lock.acquire()
        scheduler = await _scheduler(db, config, clock, lock)
        check = _check(db, scheduler, lock, clock)
        (tmp_path / "fenwick.db.run.lock").unlink()

        def disk_full(*args: object, **kwargs: object) -> object:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(run_lock, "open", disk_full, raising=False)
        clock.advance(timedelta(seconds=30))
        await scheduler.lock_job()
        lost = await check.readiness()
        monkeypatch.undo()
        clock.advance(timedelta(seconds=30))
        await scheduler.lock_job()
        back = await check.readiness()
        await lock.release()
    finally:
        await db.close()
    when = (T0 + timedelta(seconds=30)).isoformat()
    ready, report = lost
    assert not ready and report["store"] == {"ok": True}  # the database itself still answers
    assert report["reasons"] == [
        f"store: unreachable since {when} (failed jobs: 1; first: checking the run lock; last: checking the run lock)",
        f"run lock: lost, taking it again at each check (since {when})", NOT_RUNNING]
    assert report["run_lock"]["state"] == "retaking"
    ready, report = back
    assert report["reasons"] == [NOT_RUNNING] and report["store_outage"]["active"] is False
    assert report["run_lock"] == {"state": "held", "held": True, "lost_at": None, "retaken": 1}


async def test_a_running_bot_is_not_ready_while_its_jobs_see_an_outage_though_the_probe_answers(
        tmp_path: Path, config: Config) -> None:
    clock = ManualClock(T0)
    db = await Database.open(str(tmp_path / "ashgrove.db"))
    lock = RunLock(db, clock)
    server: HealthServer | None = None
    try:
        await lock.acquire()
        scheduler = await _scheduler(db, config, clock, lock)
        await scheduler.start()
        server = HealthServer(_check(db, scheduler, lock, clock), "127.0.0.1", 0)
        await server.start()
        ready = await _probe(server.port)
        clock.advance(timedelta(minutes=3))
        scheduler.outage.failed("polling the sources", ConnectionRefusedError(111, "Connection refused"))
        clock.advance(timedelta(minutes=1))
        scheduler.outage.failed("alert round", TimeoutError())
        down = await _probe(server.port)
        scheduler.outage.reachable()
        back = await _probe(server.port)
    finally:
        if server is not None:
            await server.stop()
        await scheduler.shutdown()
        await lock.release()
        await db.close()
    since, last = T0 + timedelta(minutes=3), T0 + timedelta(minutes=4)
    assert ready[0] == 200 and ready[1]["reasons"] == [] and ready[2]["briefbot_ready"] == "1"
    status, body, samples = down
    assert status == 503 and body["store"] == {"ok": True}
    assert body["reasons"] == [
        f"store: unreachable since {since.isoformat()} (failed jobs: 2; first: polling the sources; last: alert round)"]
    assert body["store_outage"] == {"active": True, "since": since.isoformat(), "failures": 2,
                                    "first_job": "polling the sources", "last_job": "alert round",
                                    "last_failure_at": last.isoformat()}
    assert samples["briefbot_ready"] == "0" and samples["briefbot_store_outage_failures"] == "2"
    assert back[0] == 200 and back[2]["briefbot_store_outage"] == "0"


async def test_without_an_outage_log_or_a_lock_neither_is_reported(tmp_path: Path, config: Config) -> None:
    clock = ManualClock(T0)
    db = await Database.open(str(tmp_path / "plain.db"))
    try:
        scheduler = Scheduler(Delivery(db, config, {}), clock)
        ready, report = await HealthCheck.for_store(db, scheduler, [], clock).readiness()
    finally:
        await db.close()
    assert report["store_outage"] is None and report["run_lock"] is None
    assert report["reasons"] == [NOT_RUNNING]
    assert not any(name.startswith(("briefbot_store_outage", "briefbot_run_lock"))
                   for name in _samples(prometheus_text(ready, report)))
