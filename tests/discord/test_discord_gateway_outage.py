"""The gateway out of reach after the bot was connected (the upgrade answered 503, a handshake that hangs, a connection
that never says HELLO, or HELLO and never READY): from the second failed try in a row the adapter is not_ready with
the first's reason, one WARNING for all the retries (not a token problem), one INFO once a session is back, and
commands arrive again; a single failed try is no outage. Out of reach at start: run() stops with the reason. Waits
between tries go through the injected sleep (nothing sleeps); the hang bound is a tiny timeout."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from discord_harness import NOW, Recorder, discord_config, start, stop
from discord_logs import Seen
from fake_discord import running_fake_discord
from fake_gateway_faults import FlakyGateway, refusing_url

from adapters.discord import DiscordAdapter
from bot.health import adapter_problem, adapter_state

BACK = "connected to the gateway again"


@pytest.fixture
async def flaky() -> AsyncIterator[FlakyGateway]:
    async with running_fake_discord(FlakyGateway) as server:
        assert isinstance(server, FlakyGateway)
        yield server


class Waits:
    """The adapter's sleep: records each wait and the adapter's state and problem then (the outage under way)."""

    def __init__(self) -> None:
        self.adapter: DiscordAdapter | None = None
        self.seen: list[tuple[float, str, str | None]] = []

    async def __call__(self, seconds: float) -> None:
        assert self.adapter is not None
        self.seen.append((seconds, adapter_state(self.adapter), adapter_problem(self.adapter)))
        await asyncio.sleep(0)


def make(server: FlakyGateway, waits: Waits, sharded: bool = False, **options: float) -> DiscordAdapter:
    adapter = DiscordAdapter(discord_config(server, sharded=sharded), clock=lambda: NOW, sleep=waits,
                             guild_ready_timeout=0.05, **options)  # type: ignore[arg-type]
    waits.adapter = adapter
    return adapter


async def outage(server: FlakyGateway, adapter: DiscordAdapter, faults: list[str],
                 caplog: pytest.LogCaptureFixture) -> tuple[Seen, str]:
    """Connect, then drop the connection (op 7) onto ``faults``; once the session is back (INFO) and a command got
    through, the INFO lines and the adapter's state then."""
    recorder = Recorder()
    task = await start(adapter, server, recorder.dispatcher)
    try:
        await asyncio.wait_for(adapter.client.wait_until_ready(), 5)
        assert adapter_state(adapter) == "ready"
        back = Seen(BACK)
        logging.getLogger("adapters.discord").addHandler(back)
        caplog.set_level(logging.INFO)
        server.faults.extend(faults)
        await server.force_reconnect()
        await asyncio.wait_for(back.event.wait(), 5)
        await server.wait_ready()
        await server.push_command("echo", {"text": "still here"})
        await server.wait_for(lambda: any(i.command == "echo" for i in recorder.seen))
        return back, adapter_state(adapter)
    finally:
        logging.getLogger("adapters.discord").removeHandler(back)
        await stop(task, adapter)


def discord_lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("adapters.discord") and r.levelno == level]


async def test_a_gateway_answering_503_for_a_while_is_an_outage_told_once(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture
) -> None:
    waits = Waits()
    adapter = make(flaky, waits)
    back, state = await outage(flaky, adapter, ["503", "503", "503"], caplog)
    assert flaky.met == ["503", "503", "503"]
    # the first failure alone is no outage (the next try may mend it); the second makes one, with the first's cause
    seen = [(state, bool(problem)) for _, state, problem in waits.seen]
    assert seen == [("ready", False), ("not_ready", True), ("not_ready", True)]
    problem = waits.seen[1][2] or ""
    assert "gateway unreachable" in problem and "HTTP 503" in problem and "token" not in problem.lower()
    warnings = discord_lines(caplog, logging.WARNING)
    assert len(warnings) == 1 and "HTTP 503" in warnings[0] and "token" not in warnings[0].lower()
    assert len(back.messages) == 1 and not discord_lines(caplog, logging.ERROR)
    assert adapter_problem(adapter) is None and state == "ready"
    delays = [seconds for seconds, _, _ in waits.seen]
    assert delays == sorted(delays) and delays[0] > 0  # backing off, never hammering


async def test_a_hung_handshake_and_a_connection_without_hello_are_given_up_and_told_once(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture
) -> None:
    waits = Waits()
    adapter = make(flaky, waits, handshake_timeout=0.05)
    back, state = await outage(flaky, adapter, ["silent", "hang", "silent"], caplog)
    assert flaky.met == ["silent", "hang", "silent"]  # each given up in turn: the next connection met the next fault
    assert [state for _, state, _ in waits.seen] == ["ready", "not_ready", "not_ready"]
    assert {problem for _, _, problem in waits.seen[1:]} == {waits.seen[1][2]}  # one reason until back
    warnings = discord_lines(caplog, logging.WARNING)
    assert len(warnings) == 1 and "no HELLO within 0.05 s" in warnings[0]
    assert len(back.messages) == 1 and state == "ready" and not discord_lines(caplog, logging.ERROR)


async def test_a_hung_handshake_is_given_up_after_the_bound(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture
) -> None:
    waits = Waits()
    adapter = make(flaky, waits, handshake_timeout=0.05)
    back, state = await outage(flaky, adapter, ["hang", "hang"], caplog)
    warnings = discord_lines(caplog, logging.WARNING)
    assert flaky.met == ["hang", "hang"] and len(warnings) == 1
    assert "no WebSocket handshake within 0.05 s" in warnings[0]
    assert [state for _, state, _ in waits.seen] == ["ready", "not_ready"] and len(back.messages) == 1
    assert state == "ready"


async def test_a_gateway_out_of_reach_at_start_stops_run_with_the_reason(flaky: FlakyGateway) -> None:
    waits = Waits()
    adapter = make(flaky, waits)
    flaky.faults.append("503")
    try:
        with pytest.raises(Exception) as stopped:
            await asyncio.wait_for(adapter.run(Recorder().dispatcher), 5)
    finally:
        await adapter.close()
    assert "gateway" in str(stopped.value) and "HTTP 503" in str(stopped.value)
    assert "token" not in str(stopped.value).lower() and adapter_problem(adapter) is None
    assert waits.seen == []


async def test_a_gateway_silent_at_start_stops_run_with_the_reason(flaky: FlakyGateway) -> None:
    adapter = make(flaky, Waits(), handshake_timeout=0.05)
    flaky.faults.append("silent")
    try:
        with pytest.raises(Exception) as stopped:
            await asyncio.wait_for(adapter.run(Recorder().dispatcher), 5)
    finally:
        await adapter.close()
    assert "gateway" in str(stopped.value) and "no HELLO within 0.05 s" in str(stopped.value)


async def test_a_sharded_client_is_watched_the_same(flaky: FlakyGateway, caplog: pytest.LogCaptureFixture) -> None:
    waits = Waits()
    adapter = make(flaky, waits, sharded=True, handshake_timeout=0.05)
    back, state = await outage(flaky, adapter, ["503", "silent"], caplog)
    warnings = discord_lines(caplog, logging.WARNING)
    assert flaky.met == ["503", "silent"] and len(warnings) == 1 and "HTTP 503" in warnings[0]
    assert [state for _, state, _ in waits.seen] == ["ready", "not_ready"] and len(back.messages) == 1
    assert state == "ready"


async def test_gateway_bot_answering_503_at_start_stops_run_with_the_reason_not_as_a_token(
    flaky: FlakyGateway,
) -> None:
    adapter = make(flaky, Waits(), sharded=True)
    flaky.fail("GET", r"/gateway/bot", 503)
    try:
        with pytest.raises(Exception) as stopped:
            await asyncio.wait_for(adapter.run(Recorder().dispatcher), 5)
    finally:
        await adapter.close()
    assert "GET /gateway/bot: HTTP 503" in str(stopped.value) and "token" not in str(stopped.value).lower()
    assert adapter_problem(adapter) is None


async def test_a_sharded_client_waits_out_a_gateway_out_of_reach_at_start(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture
) -> None:
    """discord.py retries a shard's first connection whatever fails: the outage is told and waited out as later."""
    waits = Waits()
    adapter = make(flaky, waits, sharded=True, handshake_timeout=0.05)
    flaky.faults.extend(["503", "hang"])
    caplog.set_level(logging.INFO)
    task = await start(adapter, flaky, Recorder().dispatcher)
    try:
        await asyncio.wait_for(adapter.client.wait_until_ready(), 5)
        state = adapter_state(adapter)
    finally:
        await stop(task, adapter)
    warnings = discord_lines(caplog, logging.WARNING)
    assert len(warnings) == 1 and "HTTP 503" in warnings[0] and [s for _, s, _ in waits.seen] == ["not_ready"] * 2
    assert state == "ready" and len([m for m in discord_lines(caplog, logging.INFO) if BACK in m]) == 1


async def test_a_resume_url_refusing_connections_gives_way_to_the_main_gateway(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture
) -> None:
    """READY's resume URL refused (discord.py would retry it forever): told once, then the main gateway resumes."""
    waits = Waits()
    adapter = make(flaky, waits)
    flaky.resume_url = refusing_url()
    back, state = await outage(flaky, adapter, [], caplog)
    warnings = discord_lines(caplog, logging.WARNING)
    assert len(warnings) == 1 and flaky.resume_url.removesuffix("/gw") in warnings[0]
    assert "ClientConnectorError" in warnings[0] and "token" not in warnings[0].lower()
    assert [s for _, s, _ in waits.seen] == ["ready", "not_ready"]  # URL_TRIES tries of the resume URL
    assert flaky.resumes == 1 and len(back.messages) == 1 and state == "ready"


async def test_closing_the_adapter_during_an_outage_ends_its_run(flaky: FlakyGateway) -> None:
    waits = Waits()
    adapter = make(flaky, waits)
    task = await start(adapter, flaky, Recorder().dispatcher)
    try:
        await asyncio.wait_for(adapter.client.wait_until_ready(), 5)
        flaky.faults.extend(["503"] * 1000)  # longer than any test waits: the outage goes on
        await flaky.force_reconnect()
        await flaky.wait_for(lambda: len(flaky.met) >= 2)
        await adapter.close()
        await asyncio.wait_for(task, 5)  # no more tries: run() returns as at any stop
    finally:
        await stop(task, adapter)
    assert len(flaky.met) < 1000 and task.done() and not task.cancelled()


async def test_a_gateway_saying_hello_but_never_ready_is_an_outage_told_once(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture
) -> None:
    """HELLO, then IDENTIFY or RESUME never answered (heartbeats still acknowledged, so discord.py alone never gives
    the connection up): bounded by the handshake timeout, told like the other outages."""
    waits = Waits()
    adapter = make(flaky, waits, handshake_timeout=0.05)
    back, state = await outage(flaky, adapter, ["unready", "unready"], caplog)
    assert flaky.met == ["unready", "unready"]
    assert [state for _, state, _ in waits.seen] == ["ready", "not_ready"]
    warnings = discord_lines(caplog, logging.WARNING)
    assert len(warnings) == 1 and "no READY or RESUMED within 0.05 s" in warnings[0]
    assert flaky.gateway_url in warnings[0] and "token" not in warnings[0].lower()
    assert len(back.messages) == 1 and state == "ready" and not discord_lines(caplog, logging.ERROR)


async def test_a_gateway_saying_hello_but_never_ready_at_start_stops_run_with_the_reason(flaky: FlakyGateway) -> None:
    adapter = make(flaky, Waits(), handshake_timeout=0.05)
    flaky.faults.append("unready")
    try:
        with pytest.raises(Exception) as stopped:
            await asyncio.wait_for(adapter.run(Recorder().dispatcher), 5)
    finally:
        await adapter.close()
    assert "gateway" in str(stopped.value) and "no READY or RESUMED within 0.05 s" in str(stopped.value)


@pytest.mark.parametrize("fault", ["503", "hang", "unready"])
async def test_one_failed_reconnect_try_is_no_outage(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture, fault: str
) -> None:
    """A single brief failure pages no one: the adapter stays ready, nothing at WARNING, no "again" line."""
    waits = Waits()
    adapter = make(flaky, waits, handshake_timeout=0.05)
    recorder = Recorder()
    task = await start(adapter, flaky, recorder.dispatcher)
    try:
        await asyncio.wait_for(adapter.client.wait_until_ready(), 5)
        caplog.set_level(logging.INFO)
        flaky.faults.append(fault)
        await flaky.force_reconnect()
        await flaky.wait_for(lambda: flaky.met == [fault])
        await flaky.wait_ready()  # the next try resumed the session
        await flaky.push_command("echo", {"text": "still here"})
        await flaky.wait_for(lambda: any(i.command == "echo" for i in recorder.seen))
    finally:
        await stop(task, adapter)
    assert [(state, problem) for _, state, problem in waits.seen] == [("ready", None)]
    assert not discord_lines(caplog, logging.WARNING) and not discord_lines(caplog, logging.ERROR)
    assert not [m for m in discord_lines(caplog, logging.INFO) if BACK in m]


async def test_a_sharded_clients_shard_that_never_says_ready_is_bounded_though_another_shard_resumed(
    flaky: FlakyGateway, caplog: pytest.LogCaptureFixture
) -> None:
    """Two shards: shard 0 connects, shard 1 gets HELLO and never READY. Shard 0 resuming (op 7) meanwhile is no
    session for shard 1: its connection is still given up at the bound and tried again, and the bot becomes ready.
    The watch counted sessions, not shards, so shard 0's RESUMED lifted shard 1's bound and it waited for good."""
    flaky.shards = 2
    waits = Waits()
    adapter = make(flaky, waits, sharded=True, handshake_timeout=1.0)

    async def no_pause(shard_id: int | None, *, initial: bool = False) -> None:  # discord.py waits 5 s per shard
        return None

    adapter.client.before_identify_hook = no_pause  # type: ignore[method-assign]
    flaky.faults.extend(["ok", "unready"])
    caplog.set_level(logging.INFO)
    task = asyncio.create_task(adapter.run(Recorder().dispatcher))
    try:
        await flaky.wait_for(lambda: flaky.met == ["ok", "unready"] and flaky.identifies == 1)
        await flaky.force_reconnect()  # shard 0 drops its socket and resumes on a new one, within shard 1's bound
        await flaky.wait_for(lambda: flaky.resumes == 1)
        await asyncio.wait_for(adapter.client.wait_until_ready(), 10)  # shard 1 tried again: READY at last
    finally:
        await stop(task, adapter)
    assert flaky.met == ["ok", "unready"] and flaky.identifies == 2 and len(waits.seen) == 1
