"""slack-sdk's Socket Mode client keeps one aiohttp session; once it is closed under the running client (slack-sdk
issue #1922: a close racing a reconnection), slack-sdk 3.47 makes a new plain one at its next connect, and briefbot's
watch over the WebSocket URLs went with the old one: a URL refused for good was retried forever, the adapter ready,
nothing told. Now the watched session is kept and only the session inside it is renewed, so a refused URL is still
told (one WARNING, not_ready) and dropped for a new one, and the bot is back (one INFO, a slash command acknowledged).
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from fake_slack import FakeSlack, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, run_adapter, slack_config
from socket_watch import opened, refusing_host, told, watch_changes

import adapters.slack.adapter
from adapters.slack import build_slack_adapter
from adapters.slack.post import RetryPolicy
from adapters.slack.socket_mode import SocketModeConnection


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[SocketModeConnection]:
    """The Socket Mode connections the adapter makes (to reach slack-sdk's client under it)."""
    made: list[SocketModeConnection] = []

    class Recorded(SocketModeConnection):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

    monkeypatch.setattr(adapters.slack.adapter, "SocketModeConnection", Recorded)
    return made


async def test_a_closed_aiohttp_session_keeps_the_watch_over_websocket_urls(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture, connections: list[SocketModeConnection]
) -> None:
    caplog.set_level(logging.INFO)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05)
    changes = watch_changes(adapter)
    host = refusing_host()
    try:
        await run_adapter(running, adapter, command_dispatcher())
        (connection,) = connections
        client = connection._handler.client
        session = client.aiohttp_client_session
        caplog.clear()
        before = opened(fake)
        fake.socket_address = f"127.0.0.1:{host.getsockname()[1]}"  # the next URL refuses, and will never answer
        await session.close()  # closed under the running client (slack-sdk issue #1922), and its WebSocket with it
        problem = await asyncio.wait_for(changes.get(), 5)
        lost = adapter.ready.is_set()
        fake.socket_address = ""  # Slack moved the app: apps.connections.open hands out URLs that work
        assert await asyncio.wait_for(changes.get(), 5) is None
        envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    finally:
        host.close()
    assert problem is not None and problem.startswith("Socket Mode cannot reconnect: Slack unreachable (WebSocket")
    assert not lost and opened(fake) - before == 2  # the refused URL dropped after two tries, one new URL
    assert client.aiohttp_client_session is session and not session.closed  # still watched, its session renewed
    assert told(caplog) == [(logging.INFO, "slack: Socket Mode's HTTP session was closed; a new one is made"),
                            (logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert adapter.ready.is_set() and adapter.problem is None and changes.empty()
