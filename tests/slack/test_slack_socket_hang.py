"""A WebSocket URL that hangs on reconnecting: its host completes the TCP handshake and never answers the WebSocket
upgrade (slack-sdk waited for aiohttp's 5-minute session timeout at each try, the adapter ready all along), or
completes the handshake and never says hello (taken for a connection, ready, nothing ever arriving). Now each is
bounded (``handshake_timeout``, small here): the outage is one WARNING and ``not_ready``, the URL is dropped (a hung
handshake after two tries like a refused URL, a silent connection at once), and the bot is back (one INFO, a slash
command acknowledged) once apps.connections.open hands out a URL that works. A first connection with no hello stops
the start with a clear error."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlack, slash_payload
from slack_bolt.async_app import AsyncApp
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, run_adapter, slack_config
from slack_sdk.web.async_client import AsyncWebClient
from socket_watch import hanging_host, opened, sdk_lines, silent_host, told, tries, watch_changes

from adapters.slack import build_slack_adapter
from adapters.slack.post import RetryPolicy
from adapters.slack.socket_mode import SocketModeConnection, SocketModeError
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck
from bot.scheduler import Scheduler
from bot.store.db import Database
from tests.log_watch import Heard


@pytest.fixture
def sdk_log() -> Iterator[Heard]:
    """slack-sdk's own line at each failed connection (it retries once per ping interval)."""
    with sdk_lines("Failed to connect") as heard:
        yield heard


async def test_a_hanging_websocket_url_is_not_ready_then_given_up_for_one_that_works(
    fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture, sdk_log: Heard
) -> None:
    caplog.set_level(logging.INFO)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05,
                                  handshake_timeout=0.1)
    changes = watch_changes(adapter)
    db = await Database.open(f"sqlite:///{tmp_path / 'socket.db'}")
    clock = ManualClock(NOW)
    check = HealthCheck.for_store(db, Scheduler(Delivery(db, Config(), {}), clock), [adapter], clock)
    host = hanging_host()
    port = host.getsockname()[1]
    try:
        await run_adapter(running, adapter, command_dispatcher())
        caplog.clear()
        before = opened(fake)
        # the URL handed out next hangs, and will never answer; the one after it works (Slack moved the app)
        fake.socket_addresses.append(f"127.0.0.1:{port}")
        await fake.send_disconnect()
        problem = await asyncio.wait_for(changes.get(), 5)  # at the second failed try (one alone is no outage)
        _, lost = await check.readiness()
        await tries(sdk_log, 2)
        assert await asyncio.wait_for(changes.get(), 5) is None
        _, back = await check.readiness()
        envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    finally:
        await db.close()
        host.close()
    assert problem == (f"Socket Mode cannot reconnect: Slack unreachable (WebSocket ws://127.0.0.1:{port}: "
                       "TimeoutError: no WebSocket handshake within 0.1 s); no command or event arrives until it "
                       "reconnects; slack-sdk keeps trying")
    # the hanging URL is tried twice (slack-sdk's retry, a ping interval apart), then a new one is asked for once
    assert len(sdk_log.messages) == 2 and opened(fake) - before == 2
    assert told(caplog) == [(logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert lost["adapters"] == {"slack": "not_ready"} and f"slack: {problem}" in lost["reasons"]
    assert back["adapters"] == {"slack": "ready"}
    assert adapter.ready.is_set() and adapter.problem is None and changes.empty()


async def test_a_websocket_url_that_never_says_hello_is_not_ready_then_given_up_for_one_that_works(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05,
                                  handshake_timeout=0.1)
    changes = watch_changes(adapter)
    async with silent_host() as silent:
        await run_adapter(running, adapter, command_dispatcher())
        caplog.clear()
        before = opened(fake)
        fake.socket_address = silent.address
        await fake.send_disconnect()  # the URL handed out now completes the handshake and never says hello
        problem = await asyncio.wait_for(changes.get(), 5)
        lost = adapter.ready.is_set()
        fake.socket_address = ""  # apps.connections.open hands out URLs that work again
        assert await asyncio.wait_for(changes.get(), 5) is None
    envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
    await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    assert problem == (f"Socket Mode cannot reconnect: Slack unreachable (WebSocket ws://{silent.address}: no hello "
                       "from Slack within 0.1 s); no command or event arrives until it reconnects; slack-sdk keeps "
                       "trying")
    # each silent connection is given up at once for a new URL: one apps.connections.open for each, one for the fake
    assert not lost and silent.connections >= 1 and opened(fake) - before == silent.connections + 1
    assert told(caplog) == [(logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert adapter.ready.is_set() and adapter.problem is None and changes.empty()


async def test_a_first_connection_with_no_hello_stops_the_start_clearly(fake: FakeSlack) -> None:
    client = AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url)
    app = AsyncApp(client=client, signing_secret=SIGNING_SECRET, request_verification_enabled=False)
    connection = SocketModeConnection(app, client, APP_TOKEN, connect_timeout=5.0, handshake_timeout=0.1)
    async with silent_host() as silent:
        fake.socket_address = silent.address
        with pytest.raises(SocketModeError, match=r"^Socket Mode connected but Slack said no hello within 0\.1 s$"):
            await connection.start()
    socket = connection._handler.client
    assert silent.connections == 1 and socket.closed and socket.aiohttp_client_session.closed
