"""The health endpoint over HTTP on 127.0.0.1: liveness, readiness facts, and 503 with a reason."""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.console import ConsoleAdapter
from adapters.discord.client import DiscordAdapter
from adapters.slack.adapter import SlackAdapter
from bot.clock import ManualClock
from bot.config import Config, DiscordConfig, SlackConfig
from bot.delivery import Delivery
from bot.health import HealthCheck, HealthServer, StoreFacts, adapter_state
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.sources import SourceStore

T0 = datetime(2099, 1, 1, 12, 0, tzinfo=UTC)  # far ahead of the wall clock: apscheduler fires no date job
SECRET_TEXT = "xoxb-never-shown https://user:pw@feeds.example.org/private?token=abc"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'store' / 'health.db'}")
    yield database
    await database.close()


async def get(port: int, path: str) -> tuple[int, str, Any]:
    async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}{path}") as response:
        text = await response.text()
        body = await response.json() if response.content_type == "application/json" else None
        return response.status, text, body


async def serving(check: HealthCheck) -> HealthServer:
    server = HealthServer(check, "127.0.0.1", 0)
    await server.start()
    return server


async def test_ready_reports_store_scheduler_poll_sources_channels_and_adapters(
        store: Database, config: Config, clock: ManualClock) -> None:
    rounds: list[datetime] = []

    async def poll(now: datetime) -> object:
        rounds.append(now)
        if len(rounds) == 1:
            raise RuntimeError(SECRET_TEXT)
        return None

    sources = SourceStore(store)
    for url in ("https://a.example/feed", "https://b.example/feed", "https://c.example/feed"):
        await sources.ensure(url, kind="feed", now=T0)
    await sources.record_failure("https://a.example/feed", kind="feed", now=T0, error=SECRET_TEXT)
    await sources.update("https://b.example/feed", disabled=True)
    await sources.record_success("https://c.example/feed", kind="feed", name="C", now=T0 - timedelta(hours=1),
                                 added=2, etag=None, last_modified=None)
    channels = ChannelStore(store)
    defaults = ChannelDefaults.from_config(config)
    for key, when in (("console:late", "daily 09:00"), ("console:early", "daily 08:00"),
                      ("console:broken", "daily 10:00")):
        ref = ChannelRef.parse(key)
        await channels.ensure(ref, defaults, now=T0)
        await channels.set_schedule(ref, now=T0, schedule=when)
    await channels.set_error(ChannelRef.parse("console:broken"), SECRET_TEXT)

    slack = SlackAdapter(SlackConfig(), clock=clock, client=AsyncWebClient(base_url="http://127.0.0.1:9/"))
    slack.ready.set()
    discord = DiscordAdapter(DiscordConfig(), clock=clock)
    # a console adapter delivers the console channels: a channel whose platform is not running gets no job
    scheduler = Scheduler(Delivery(store, config, {"console": ConsoleAdapter()}), clock, poll=poll)
    await scheduler.poll_once()
    clock.advance(timedelta(minutes=5))
    await scheduler.poll_once()
    await scheduler.start()
    server = await serving(HealthCheck.for_store(store, scheduler, [slack, discord, ConsoleAdapter()], clock))
    try:
        status, text, body = await get(server.port, "/readyz")
        metrics_status, metrics, _ = await get(server.port, "/metrics")
    finally:
        await server.stop()
        await scheduler.shutdown()
        await discord.close()
    assert status == 200, body
    assert body["status"] == "ready" and body["reasons"] == []
    assert body["checked_at"] == (T0 + timedelta(minutes=5)).isoformat()
    assert body["store"] == {"ok": True} and body["scheduler"] == {"running": True}
    assert body["poll"] == {"last_ok_at": (T0 + timedelta(minutes=5)).isoformat(),
                            "last_error": {"at": T0.isoformat(), "error": "RuntimeError"}}
    assert body["sources"] == {"total": 3, "failing": 1, "disabled": 1,
                               "last_ok_at": (T0 - timedelta(hours=1)).isoformat()}
    assert body["channels"] == {"total": 3, "with_errors": ["console:broken"]}
    assert body["deliveries"] == {"retrying": 0}
    assert body["next_briefing"]["channel"] == "console:early"
    assert datetime.fromisoformat(body["next_briefing"]["at"]) == datetime(2099, 1, 2, 8, 0, tzinfo=UTC)
    assert body["adapters"] == {"slack": "ready", "discord": "not_ready", "console": "unknown"}
    # no secrets, URLs or message texts: only counts, channel keys, times and error types
    for leak in ("xoxb", "token=", "pw@", "a.example", "c.example"):
        assert leak not in text and leak not in metrics
    # the same facts as Prometheus gauges
    assert metrics_status == 200
    samples = dict(line.rsplit(" ", 1) for line in metrics.splitlines() if not line.startswith("#"))
    assert {k: float(v) for k, v in samples.items() if not k.startswith("briefbot_adapter_state")} == {
        "briefbot_ready": 1, "briefbot_store_ok": 1, "briefbot_scheduler_running": 1,
        "briefbot_last_poll_ok_timestamp_seconds": (T0 + timedelta(minutes=5)).timestamp(),
        "briefbot_last_poll_error_timestamp_seconds": T0.timestamp(),
        "briefbot_sources": 3, "briefbot_sources_failing": 1, "briefbot_sources_disabled": 1,
        "briefbot_last_source_ok_timestamp_seconds": (T0 - timedelta(hours=1)).timestamp(),
        "briefbot_channels": 3, "briefbot_channels_with_errors": 1, "briefbot_deliveries_retrying": 0,
        "briefbot_next_briefing_timestamp_seconds": datetime(2099, 1, 2, 8, 0, tzinfo=UTC).timestamp()}
    assert samples['briefbot_adapter_state{adapter="slack",state="ready"}'] == "1"
    assert samples['briefbot_adapter_state{adapter="discord",state="ready"}'] == "0"
    assert samples['briefbot_adapter_state{adapter="discord",state="not_ready"}'] == "1"


async def test_live_always_and_not_ready_while_the_scheduler_is_stopped(
        store: Database, config: Config, clock: ManualClock) -> None:
    scheduler = Scheduler(Delivery(store, config, {}), clock)
    server = await serving(HealthCheck.for_store(store, scheduler, [], clock))
    try:
        assert (await get(server.port, "/healthz"))[:2] == (200, "ok\n")
        status, _, before = await get(server.port, "/readyz")
        metrics_code, metrics_before, _ = await get(server.port, "/metrics")
        await scheduler.start()
        started = (await get(server.port, "/readyz"))[0]
        await scheduler.shutdown()
        stopped, _, after = await get(server.port, "/readyz")
    finally:
        await server.stop()
        await scheduler.shutdown()
    assert status == 503 and before["status"] == "unavailable"
    assert metrics_code == 200 and metrics_before.splitlines()[2:3] == ["briefbot_ready 0"]  # 200 all the same
    assert "briefbot_last_poll_ok_timestamp_seconds" not in metrics_before  # never polled: left out, not 0
    assert before["reasons"] == ["scheduler: not running"] and before["scheduler"] == {"running": False}
    assert before["store"] == {"ok": True} and before["next_briefing"] is None
    assert before["poll"] == {"last_ok_at": None, "last_error": None}
    assert started == 200
    assert stopped == 503 and after["reasons"] == ["scheduler: not running"]


async def test_not_ready_when_the_store_is_gone(
        tmp_path: Path, store: Database, config: Config, clock: ManualClock) -> None:
    scheduler = Scheduler(Delivery(store, config, {}), clock)
    await scheduler.start()
    server = await serving(HealthCheck.for_store(store, scheduler, [], clock))
    try:
        await store.close()  # every pooled connection closed: the next query opens the file again...
        shutil.rmtree(tmp_path / "store")  # ...and its folder is gone
        status, _, body = await get(server.port, "/readyz")
        live = (await get(server.port, "/healthz"))[0]
    finally:
        await server.stop()
        await scheduler.shutdown()
    assert status == 503, body
    assert body["status"] == "unavailable" and body["reasons"] == ["store: OperationalError"]
    assert body["store"] == {"ok": False} and body["sources"] is None and body["channels"] is None
    assert body["scheduler"] == {"running": True}
    assert live == 200  # the process still serves: liveness is not readiness


async def test_a_store_that_does_not_answer_in_time_is_a_reason(
        store: Database, config: Config, clock: ManualClock) -> None:
    never = asyncio.Event()

    async def hanging() -> StoreFacts:
        await never.wait()
        raise AssertionError("unreachable")

    scheduler = Scheduler(Delivery(store, config, {}), clock)
    await scheduler.start()
    check = HealthCheck(scheduler, [], clock, store_facts=hanging, store_timeout=0)
    try:
        ready, report = await check.readiness()
    finally:
        await scheduler.shutdown()
    assert not ready
    assert report["reasons"] == ["store: no answer within 0 s"] and report["store"] == {"ok": False}


async def test_only_the_configured_address_and_a_taken_port_is_an_error(
        store: Database, config: Config, clock: ManualClock) -> None:
    check = HealthCheck.for_store(store, Scheduler(Delivery(store, config, {}), clock), [], clock)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = HealthServer(check, "127.0.0.1", port)
        with pytest.raises(OSError):
            await server.start()
        await server.stop()  # harmless after a failed start
    server = await serving(check)
    try:
        assert server.port > 0 and server.addresses == [("127.0.0.1", server.port)]
        assert (await get(server.port, "/nope"))[0] == 404
    finally:
        await server.stop()


async def test_adapter_states_read_only_local_flags(clock: ManualClock) -> None:
    slack = SlackAdapter(SlackConfig(), clock=clock, client=AsyncWebClient(base_url="http://127.0.0.1:9/"))
    assert adapter_state(slack) == "not_ready"
    discord = DiscordAdapter(DiscordConfig(), clock=clock)
    await discord.close()
    assert adapter_state(discord) == "closed"
    assert adapter_state(ConsoleAdapter()) == "unknown"
    assert adapter_state(object()) == "unknown"
