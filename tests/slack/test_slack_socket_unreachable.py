"""Socket Mode that cannot reach Slack to reconnect (connection refused at apps.connections.open or at the WebSocket
URL) is not ready, with the cause in one WARNING line for all of slack-sdk's retries and in /readyz; once it connects
again it is ready again, with one INFO line. A WebSocket URL refused twice is dropped for a new one from
apps.connections.open. Driven by the local Slack dropping its listener, taking it back, handing out refused URLs."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_slack import FakeSlack, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, make_adapter, run_adapter, slack_config
from socket_watch import opened, refusing_host, sdk_lines, told, tries, watch_changes

from adapters.slack import build_slack_adapter
from adapters.slack.post import RetryPolicy
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.health import HealthCheck
from bot.metrics import prometheus_text
from bot.scheduler import Scheduler
from bot.store.db import Database
from tests.log_watch import Heard


@pytest.fixture
def sdk_log() -> Iterator[Heard]:
    """slack-sdk's own lines about the refused connections (it logs each retry)."""
    with sdk_lines("Cannot connect to host") as heard:
        yield heard


async def test_slack_unreachable_on_reconnecting_is_not_ready_until_it_connects_again(
    fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture, sdk_log: Heard
) -> None:
    caplog.set_level(logging.INFO)
    adapter = make_adapter(fake, mode="socket")
    changes = watch_changes(adapter)
    db = await Database.open(f"sqlite:///{tmp_path / 'socket.db'}")
    clock = ManualClock(NOW)
    check = HealthCheck.for_store(db, Scheduler(Delivery(db, Config(), {}), clock), [adapter], clock)
    try:
        await run_adapter(running, adapter, command_dispatcher())
        caplog.clear()
        await fake.stop_listening()
        await fake.send_disconnect()  # a new URL is asked for: the connection is refused (one try: no outage yet)
        await tries(sdk_log, 1)
        assert changes.empty() and adapter.ready.is_set()
        await fake.send_disconnect()  # slack-sdk tries again: refused again, now an outage
        problem = await asyncio.wait_for(changes.get(), 5)
        await tries(sdk_log, 2)
        await fake.send_disconnect()  # and again: told no second time
        await tries(sdk_log, 3)
        _, lost = await check.readiness()
        await fake.listen_again()
        await fake.send_disconnect()
        assert await asyncio.wait_for(changes.get(), 5) is None
        _, back = await check.readiness()
        envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    finally:
        await db.close()
    assert problem is not None and problem.startswith("Socket Mode cannot reconnect: Slack unreachable")
    assert f"(apps.connections.open: ClientConnectorError: Cannot connect to host 127.0.0.1:{fake.port}" in problem
    assert len(sdk_log.messages) >= 3 and changes.empty()
    assert told(caplog) == [(logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert lost["adapters"] == {"slack": "not_ready"} and f"slack: {problem}" in lost["reasons"]
    assert 'briefbot_adapter_state{adapter="slack",state="not_ready"} 1' in prometheus_text(False, lost)
    assert back["adapters"] == {"slack": "ready"} and not any(r.startswith("slack:") for r in back["reasons"])
    assert adapter.ready.is_set() and adapter.problem is None


async def test_a_websocket_url_refused_on_reconnecting_is_not_ready_until_it_answers(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture, sdk_log: Heard
) -> None:
    caplog.set_level(logging.INFO)
    # slack-sdk retries the same WebSocket URL once per ping interval: a short one, so the retries come quickly
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05)
    changes = watch_changes(adapter)
    host = socket.socket()  # bound, not listening: connections to it are refused until the fake serves it
    host.bind(("127.0.0.1", 0))
    port = host.getsockname()[1]
    served = False
    try:
        await run_adapter(running, adapter, command_dispatcher())
        caplog.clear()
        fake.socket_address = f"127.0.0.1:{port}"
        await fake.send_disconnect()  # Web API answers with a URL whose host refuses
        problem = await asyncio.wait_for(changes.get(), 5)
        lost = adapter.ready.is_set()
        await tries(sdk_log, 2)
        await fake.listen_on(host)  # the fake's server owns the socket from here (closed at its stop)
        served = True
        assert await asyncio.wait_for(changes.get(), 5) is None
    finally:
        if not served:
            host.close()
    assert problem == ("Socket Mode cannot reconnect: Slack unreachable (WebSocket ws://127.0.0.1:"
                       f"{port}: ClientConnectorError: Cannot connect to host 127.0.0.1:{port} ssl:default "
                       f"[Connect call failed ('127.0.0.1', {port})]); no command or event arrives until it "
                       "reconnects; slack-sdk keeps trying")
    assert "ticket" not in problem and not lost
    assert told(caplog) == [(logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert adapter.ready.is_set() and adapter.problem is None


async def test_a_websocket_url_refused_for_good_is_given_up_for_a_new_one_from_slack(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture, sdk_log: Heard
) -> None:
    caplog.set_level(logging.INFO)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05)
    changes = watch_changes(adapter)
    host = refusing_host()
    try:
        await run_adapter(running, adapter, command_dispatcher())
        caplog.clear()
        before = opened(fake)
        fake.socket_address = f"127.0.0.1:{host.getsockname()[1]}"
        await fake.send_disconnect()  # the URL handed out now refuses, and will never answer
        problem = await asyncio.wait_for(changes.get(), 5)
        fake.socket_address = ""  # Slack moved the app: apps.connections.open hands out URLs that work
        assert await asyncio.wait_for(changes.get(), 5) is None
        envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    finally:
        host.close()
    assert problem is not None and problem.startswith("Socket Mode cannot reconnect: Slack unreachable (WebSocket")
    # the refused URL is tried twice (slack-sdk's retry, a ping interval apart), then a new one is asked for once
    assert len(sdk_log.messages) == 2 and opened(fake) - before == 2
    assert told(caplog) == [(logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert adapter.ready.is_set() and adapter.problem is None and changes.empty()


async def test_a_refused_websocket_url_with_slack_refusing_a_new_one_stays_not_ready_with_the_reason(
    fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture, sdk_log: Heard
) -> None:
    caplog.set_level(logging.INFO)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05)
    changes = watch_changes(adapter)
    db = await Database.open(f"sqlite:///{tmp_path / 'socket.db'}")
    clock = ManualClock(NOW)
    check = HealthCheck.for_store(db, Scheduler(Delivery(db, Config(), {}), clock), [adapter], clock)
    host = refusing_host()
    try:
        await run_adapter(running, adapter, command_dispatcher())
        caplog.clear()
        fake.socket_address = f"127.0.0.1:{host.getsockname()[1]}"
        await fake.send_disconnect()
        unreachable = await asyncio.wait_for(changes.get(), 5)
        fake.app_token = "xapp-revoked-meanwhile"  # every new URL asked for is refused: invalid_auth
        refused = await asyncio.wait_for(changes.get(), 5)
        await fake.wait_for(lambda: fake.rejected.count(("apps.connections.open", "invalid_auth")) >= 3)
        _, still = await check.readiness()
    finally:
        await db.close()
        host.close()
    assert unreachable is not None and unreachable.startswith("Socket Mode cannot reconnect: Slack unreachable")
    assert refused is not None and "refused the app-level token from $SLACK_APP_TOKEN" in refused
    assert "(apps.connections.open: invalid_auth)" in refused
    assert len(sdk_log.messages) == 2  # the dropped URL is not tried again: only new ones are asked for
    assert told(caplog) == [(logging.WARNING, f"slack: {unreachable}"), (logging.ERROR, f"slack: {refused}")]
    assert still["adapters"] == {"slack": "not_ready"} and f"slack: {refused}" in still["reasons"]
    assert not adapter.ready.is_set() and adapter.problem == refused and changes.empty()
