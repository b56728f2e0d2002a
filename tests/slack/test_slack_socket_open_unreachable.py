"""apps.connections.open itself unreachable for a while on reconnecting (connection refused, a DNS failure, Slack
answering 5xx), then back: the adapter is not_ready once, with one WARNING for all of slack-sdk's retries and one
INFO when connected again, and slash commands flow again. Driven by the local Slack (its listener dropped, 503s
injected) and by aiohttp's own resolver failing one invented host name; slack-sdk retries once per ping interval
(a short one here), nothing sleeps."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp.connector
import pytest
from aiohttp.abc import ResolveResult
from aiohttp.resolver import ThreadedResolver
from fake_slack import HANG, Failure, FakeSlack, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, run_adapter, slack_config
from socket_watch import told, watch_changes

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.adapter import REQUEST_TIMEOUT_SECONDS
from adapters.slack.post import RetryPolicy

MISSING_HOST = "slack-api.briefbot.invalid"  # no lookup leaves the machine: the resolver below fails it first
RETRIES = 3  # failed apps.connections.open calls the test waits for before Slack is back


class _Resolver(ThreadedResolver):
    """aiohttp's resolver, failing MISSING_HOST as a name server does (EAI_NONAME)."""

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
                      ) -> list[ResolveResult]:
        if host == MISSING_HOST:
            raise OSError(socket.EAI_NONAME, "Name or service not known")
        return await super().resolve(host, port, family)


class Attempts:
    """Counts the adapter's apps.connections.open calls (each slack-sdk retry), waking the test at each."""

    def __init__(self, adapter: SlackAdapter) -> None:
        self.count = 0
        self.event = asyncio.Event()
        call: Callable[..., Awaitable[Any]] = adapter.client.apps_connections_open

        async def counted(**kwargs: Any) -> Any:
            self.count += 1
            self.event.set()
            return await call(**kwargs)

        adapter.client.apps_connections_open = counted  # type: ignore[method-assign]

    async def reach(self, count: int) -> None:
        while self.count < count:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), 5)


@pytest.mark.parametrize("outage", ["refused", "dns", "http 503"])
async def test_apps_connections_open_unreachable_for_a_while_is_one_not_ready_then_back(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
    outage: str
) -> None:
    caplog.set_level(logging.INFO)
    monkeypatch.setattr(aiohttp.connector, "DefaultResolver", _Resolver)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05)
    changes = watch_changes(adapter)
    attempts = Attempts(adapter)
    await run_adapter(running, adapter, command_dispatcher())
    caplog.clear()
    start = attempts.count
    api_url = adapter.client.base_url
    if outage == "refused":
        await fake.stop_listening()
    elif outage == "dns":
        adapter.client.base_url = api_url.replace("127.0.0.1", MISSING_HOST)
    else:
        fake.fail_next("apps.connections.open", *[Failure(status=503)] * RETRIES)
    old = fake.connection
    assert old is not None
    await fake.send_disconnect()  # Slack rotates its servers: a new URL is asked for, and cannot be had
    await old.close()  # as Slack does after its warning: slack-sdk retries once per ping interval from here
    problem = await asyncio.wait_for(changes.get(), 5)
    lost = adapter.ready.is_set()
    await attempts.reach(start + RETRIES)  # slack-sdk keeps asking, told no second time
    if outage == "refused":
        await fake.listen_again()
    elif outage == "dns":
        adapter.client.base_url = api_url
    assert await asyncio.wait_for(changes.get(), 5) is None
    envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
    await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    cause = {"refused": f"ClientConnectorError: Cannot connect to host 127.0.0.1:{fake.port}",
             "dns": f"ClientConnectorDNSError: Cannot connect to host {MISSING_HOST}:{fake.port}",
             "http 503": "HTTP 503"}[outage]
    assert problem is not None and problem.startswith(
        f"Socket Mode cannot reconnect: Slack unreachable (apps.connections.open: {cause}")
    assert problem.endswith("no command or event arrives until it reconnects; slack-sdk keeps trying")
    assert not lost and attempts.count - start >= RETRIES + 1
    assert told(caplog) == [(logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert adapter.ready.is_set() and adapter.problem is None and changes.empty()


async def test_one_failed_reconnect_try_is_no_outage(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """A single brief failure pages no one: one apps.connections.open answered 503, the next one works; the adapter
    stays ready all along, nothing told."""
    caplog.set_level(logging.INFO)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05)
    changes = watch_changes(adapter)
    attempts = Attempts(adapter)
    await run_adapter(running, adapter, command_dispatcher())
    caplog.clear()
    start, connections = attempts.count, fake.socket_connections
    fake.fail_next("apps.connections.open", Failure(status=503))
    old = fake.connection
    assert old is not None
    await fake.send_disconnect()
    await old.close()
    await attempts.reach(start + 2)
    await fake.wait_for(lambda: fake.socket_connections > connections)
    envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
    await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    assert fake.rejected.count(("apps.connections.open", "HTTP 503")) == 1
    assert changes.empty() and told(caplog) == [] and adapter.ready.is_set() and adapter.problem is None


async def test_apps_connections_open_hanging_is_bounded_and_one_outage(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """apps.connections.open held by Slack without an answer: each call is given up at the Web API client's bound
    (15 s, made tiny here; the local Slack holds the request), and the outage is told once, with that bound."""
    caplog.set_level(logging.INFO)
    adapter = build_slack_adapter(slack_config(fake, mode="socket"), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=4), connect_timeout=5.0, ping_interval=0.05)
    changes = watch_changes(adapter)
    attempts = Attempts(adapter)
    await run_adapter(running, adapter, command_dispatcher())
    caplog.clear()
    start = attempts.count
    fake.fail_next("apps.connections.open", *[HANG] * RETRIES)
    adapter.client.timeout = 0.05  # type: ignore[assignment]  # REQUEST_TIMEOUT_SECONDS (15 s) in a run
    old = fake.connection
    assert old is not None
    await fake.send_disconnect()
    await old.close()
    problem = await asyncio.wait_for(changes.get(), 5)
    await attempts.reach(start + RETRIES)  # each hang given up in turn; slack-sdk keeps asking
    adapter.client.timeout = REQUEST_TIMEOUT_SECONDS
    assert await asyncio.wait_for(changes.get(), 5) is None
    envelope = await fake.push_slash_command(slash_payload("whosaid Velmora", response_url=fake.response_url()))
    await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
    assert fake.rejected.count(("apps.connections.open", "HTTP 200")) == RETRIES  # all three held, none answered
    assert problem == ("Socket Mode cannot reconnect: Slack unreachable (apps.connections.open: no answer within "
                       "0.05 s); no command or event arrives until it reconnects; slack-sdk keeps trying")
    assert told(caplog) == [(logging.WARNING, f"slack: {problem}"),
                            (logging.INFO, "slack: Socket Mode connected again; commands and events arrive again")]
    assert adapter.ready.is_set() and adapter.problem is None and changes.empty()
