"""A local feed server on 127.0.0.1 with several ports (= hosts): changing feeds, 304s, 429s, 500s, hangs."""

from __future__ import annotations

import asyncio
import hashlib
import socket
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Item:
    guid: str
    link: str
    title: str
    text: str
    published: datetime


@dataclass(frozen=True)
class Reply:
    """A scripted answer used instead of the feed: a status with headers, or a hang."""

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    hang: bool = False


@dataclass
class Feed:
    items: list[Item] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # e.g. Cache-Control, on every 200/304
    script: deque[Reply] = field(default_factory=deque)  # consumed one per request before the feed
    failing: Reply | None = None  # answered to every request while set
    delay: float = 0.0  # seconds before answering (real I/O latency, for concurrency checks)
    raw: Handler | None = None  # answers every request by itself (hostile bodies, endless streams)
    after: asyncio.Event | None = None  # answers only once this is set (order without a clock: FeedServer.hanging)

    def body(self, title: str) -> bytes:
        entries = "".join(
            f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
            f"<guid isPermaLink=\"false\">{escape(i.guid)}</guid>"
            f"<pubDate>{format_datetime(i.published, usegmt=True)}</pubDate>"
            f"<description>{escape(i.text)}</description></item>"
            for i in self.items)
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
                f"<link>http://example.invalid/</link><description>test</description>{entries}</channel></rss>"
                ).encode()


@dataclass
class FeedServer:
    """One aiohttp app listening on ``hosts`` ports of 127.0.0.1; records every request it sees."""

    hosts: int = 3
    feeds: dict[str, Feed] = field(default_factory=dict)
    log: list[tuple[str, str, str | None]] = field(default_factory=list)  # (host:port, path, If-None-Match)
    in_flight: dict[str, int] = field(default_factory=dict)
    max_in_flight: dict[str, int] = field(default_factory=dict)
    total_in_flight: int = 0
    max_total_in_flight: int = 0
    # (host:port, path, how) as each request ends, in order: "answered", or "hung up" when the client closed the
    # connection before the answer was done (a timeout, a size cap): evidence of order that needs no clock
    ended: list[tuple[str, str, str]] = field(default_factory=list)
    idle: asyncio.Event = field(default_factory=asyncio.Event)  # set while no request is in flight
    hanging: asyncio.Event = field(default_factory=asyncio.Event)  # set once a Reply(hang=True) has begun
    ports: list[int] = field(default_factory=list)
    _runner: web.AppRunner | None = None

    async def start(self) -> FeedServer:
        app = web.Application()
        app.router.add_get("/{path:.*}", self._handle)
        # handler_cancellation: a client that hangs up ends its request's handler (a hang included) at once,
        # as a real server notices, so ``ended`` says when the client gave up
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1, handler_cancellation=True)
        await self._runner.setup()
        for _ in range(self.hosts):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", 0))
            self.ports.append(sock.getsockname()[1])
            await web.SockSite(self._runner, sock, backlog=1024).start()
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, host: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[host]}/{path}"

    def add(self, host: int, path: str, feed: Feed | None = None) -> str:
        """Serve ``feed`` at ``path`` on host number ``host``; returns its URL."""
        url = self.url(host, path)
        self.feeds[f"{self.ports[host]}/{path}"] = feed or Feed()
        return url

    def feed(self, url: str) -> Feed:
        port_path = url.split("127.0.0.1:", 1)[1]
        return self.feeds[port_path]

    def requests_to(self, url: str) -> list[tuple[str, str, str | None]]:
        port, path = url.split("127.0.0.1:", 1)[1].split("/", 1)
        return [r for r in self.log if r[0] == f"127.0.0.1:{port}" and r[1] == path]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host = request.host
        port = host.rsplit(":", 1)[1]
        path = request.match_info["path"]
        self.log.append((host, path, request.headers.get("If-None-Match")))
        self.in_flight[host] = self.in_flight.get(host, 0) + 1
        self.max_in_flight[host] = max(self.max_in_flight.get(host, 0), self.in_flight[host])
        self.total_in_flight += 1
        self.max_total_in_flight = max(self.max_total_in_flight, self.total_in_flight)
        self.idle.clear()
        how = "failed"
        try:
            answer = await self._answer(self.feeds.get(f"{port}/{path}"), path, request)
            how = "hung up" if request.transport is None or request.transport.is_closing() else "answered"
            return answer
        except asyncio.CancelledError:  # handler_cancellation: the client closed the connection
            how = "hung up"
            raise
        finally:
            self.ended.append((host, path, how))
            self.in_flight[host] -= 1
            self.total_in_flight -= 1
            if not self.total_in_flight:
                self.idle.set()

    async def _answer(self, feed: Feed | None, path: str, request: web.Request) -> web.StreamResponse:
        if feed is None:
            return web.Response(status=404, text="no such feed")
        if feed.delay:
            await asyncio.sleep(feed.delay)
        if feed.after is not None:
            await feed.after.wait()
        if feed.raw is not None:
            return await feed.raw(request)
        scripted = feed.script.popleft() if feed.script else feed.failing
        if scripted is not None:
            if scripted.hang:
                self.hanging.set()
                await asyncio.sleep(3600)
            return web.Response(status=scripted.status, headers=dict(scripted.headers), text="scripted")
        body = feed.body(path)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, **feed.headers}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        return web.Response(body=body, headers=headers, content_type="application/rss+xml")
