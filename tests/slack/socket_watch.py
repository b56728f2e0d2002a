"""Helpers for the Socket Mode reconnection tests: the adapter's changes queued, its Socket Mode log lines, hosts
that refuse, hang or never say hello, and how often apps.connections.open was asked."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import pytest
from aiohttp import web
from fake_slack import FakeSlack

from adapters.slack import SlackAdapter
from tests.log_watch import Heard


@contextmanager
def sdk_lines(text: str) -> Iterator[Heard]:
    """slack-sdk's own Socket Mode log lines holding ``text`` (it logs each failed connection)."""
    heard = Heard(text)
    logger = logging.getLogger("adapters.slack.socket")
    logger.addHandler(heard)
    try:
        yield heard
    finally:
        logger.removeHandler(heard)


def watch_changes(adapter: SlackAdapter) -> asyncio.Queue[str | None]:
    """Every change the adapter is told of (a problem, or None once connected again), queued in order."""
    changes: asyncio.Queue[str | None] = asyncio.Queue()
    heard = adapter._socket_changed

    def socket_changed(problem: str | None) -> None:
        heard(problem)
        changes.put_nowait(problem)

    adapter._socket_changed = socket_changed  # type: ignore[method-assign]
    return changes


async def tries(sdk_log: Heard, count: int) -> None:
    """Until slack-sdk has logged ``count`` failed connections."""
    while len(sdk_log.messages) < count:
        sdk_log.event.clear()
        await asyncio.wait_for(sdk_log.event.wait(), 5)


def told(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    """briefbot's own lines about Socket Mode (not slack-sdk's), as (level, message)."""
    return [(r.levelno, r.getMessage()) for r in caplog.records
            if r.name == "adapters.slack.socket_mode" and "Socket Mode" in r.getMessage()]


def refusing_host() -> socket.socket:
    """A bound socket that never listens: every connection to its port is refused, for good."""
    host = socket.socket()
    host.bind(("127.0.0.1", 0))
    return host


def hanging_host() -> socket.socket:
    """A socket that listens and never accepts: the kernel completes each TCP handshake, nothing ever answers the
    WebSocket upgrade request (a stuck endpoint or a black-holing proxy)."""
    host = socket.socket()
    host.bind(("127.0.0.1", 0))
    host.listen(16)
    return host


class SilentHost:
    """A WebSocket server that completes every handshake and never says hello (nor anything else)."""

    def __init__(self) -> None:
        self.address = ""  # host:port, once serving
        self.connections = 0
        self.connected = asyncio.Event()

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.connections += 1
        self.connected.set()
        async for _ in ws:  # pings answered by aiohttp, every message ignored
            pass
        return ws


@asynccontextmanager
async def silent_host() -> AsyncIterator[SilentHost]:
    """A ``SilentHost`` serving ``/ws`` on 127.0.0.1 for the block's length."""
    host = SilentHost()
    app = web.Application()
    app.router.add_get("/ws", host._socket)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host.address = f"127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    try:
        yield host
    finally:
        await runner.cleanup()


def opened(fake: FakeSlack) -> int:
    """How many times apps.connections.open was asked for a WebSocket URL."""
    return [m for m, _ in fake.calls].count("apps.connections.open")
