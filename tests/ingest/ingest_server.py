"""A local aiohttp server on 127.0.0.1 that misbehaves on purpose, for the fetch tests."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.typedefs import Handler

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Ledger</title>
<item><title>Ferry timetable changes</title><link>http://ledger.example/ferry</link><guid>ll-1</guid>
<pubDate>Tue, 25 Feb 2025 06:00:00 GMT</pubDate>
<description>The ferry will run every twenty minutes from March, the operator said.</description></item>
<item><title>Market moves indoors</title><link>http://ledger.example/market</link><guid>ll-2</guid>
<description>The weekly market moves into the old hall for the winter.</description></item>
</channel></rss>"""
PAGE = b"""<html><head><title>Orchard saved - Hill Post</title><meta property="og:site_name" content="Hill Post">
</head><body><article><h1>Orchard saved</h1><p>Villagers raised enough money to save the old orchard
from development, the parish council confirmed on Thursday.</p><p>Also read: Fete dates</p>
<p>The trees will be replanted where needed over the coming year.</p></article></body></html>"""
ETAG = '"v1"'
LAST_MODIFIED = "Tue, 25 Feb 2025 06:00:00 GMT"


def repeating_gzip_block() -> tuple[bytes, bytes]:
    """(head, block): ``head + block * n`` is a gzip stream of (n + 1) MiB of zeros, ~1 KiB per MiB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    head = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return head, block


@dataclass
class Server:
    port: int = 0
    sent: dict[str, int] = field(default_factory=dict)
    hang: asyncio.Event = field(default_factory=asyncio.Event)
    requested: list[str] = field(default_factory=list)  # every path asked for, in order

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _app(server: Server) -> web.Application:
    async def feed(request: web.Request) -> web.StreamResponse:
        if request.headers.get("If-None-Match") == ETAG:
            return web.Response(status=304, headers={"ETag": ETAG})
        return web.Response(body=FEED, content_type="application/rss+xml",
                            headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    async def gzipped(request: web.Request) -> web.StreamResponse:
        return web.Response(body=gzip.compress(FEED), headers={"Content-Encoding": "gzip",
                                                               "Content-Type": "application/rss+xml"})

    async def stream(request: web.Request, chunks: AsyncIterator[bytes], headers: dict[str, str],
                     key: str) -> web.StreamResponse:
        resp = web.StreamResponse(headers=headers)
        await resp.prepare(request)
        server.sent[key] = 0
        try:
            async for chunk in chunks:
                await resp.write(chunk)
                server.sent[key] += len(chunk)
        except (ConnectionError, RuntimeError):  # the client hung up, as it should
            pass
        return resp

    async def big(request: web.Request) -> web.StreamResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(50):  # 50 MB, no Content-Length
                yield b"<p>" + b"x" * (1 << 20) + b"</p>"
        return await stream(request, chunks(), {"Content-Type": "text/html"}, "big")

    async def big_declared(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        resp.content_length = 50_000_000
        await resp.prepare(request)
        with suppress(ConnectionError, RuntimeError):
            await resp.write(b"<html>" + b"x" * 65536)
        return resp

    async def bomb(request: web.Request) -> web.StreamResponse:
        head, block = repeating_gzip_block()

        async def chunks() -> AsyncIterator[bytes]:
            yield head
            for _ in range(10 * 1024 - 1):  # 10 GiB of zeros once decompressed, ~10 MB on the wire
                yield block
        return await stream(request, chunks(), {"Content-Encoding": "gzip", "Content-Type": "text/html"}, "bomb")

    async def never(request: web.Request) -> web.StreamResponse:
        async def chunks() -> AsyncIterator[bytes]:
            yield FEED[:200]
            await server.hang.wait()
            yield FEED[200:]
        return await stream(request, chunks(), {"Content-Type": "application/rss+xml"}, "never")

    async def silent(request: web.Request) -> web.StreamResponse:
        await server.hang.wait()
        return web.Response(body=FEED)

    async def redirect(request: web.Request) -> web.StreamResponse:
        targets = {
            "/loop-a": "/loop-b", "/loop-b": "/loop-a", "/moved": "/feed.xml",
            "/to-loopback": "http://127.0.0.1:9/feed.xml",
            "/to-mapped": "http://[::ffff:127.0.0.1]:9/feed.xml",
            "/to-internal": "http://internal.test/admin",
            "/to-file": "file:///etc/passwd",
        }
        path = request.path
        location = f"/chain/{int(path.rsplit('/', 1)[1]) + 1}" if path.startswith("/chain/") else targets[path]
        raise web.HTTPFound(location)

    async def static(request: web.Request) -> web.StreamResponse:
        bodies = {"/page.html": (PAGE, "text/html"), "/broken.xml": (b"<rss><channel><title>x</ti", "application/xml"),
                  "/empty": (b"", "text/html"), "/binary": (bytes(range(256)) * 4, "application/octet-stream")}
        body, ctype = bodies[request.path]
        return web.Response(body=body, content_type=ctype)

    async def not_found(request: web.Request) -> web.StreamResponse:
        raise web.HTTPNotFound()

    @web.middleware
    async def log(request: web.Request, handler: Handler) -> web.StreamResponse:
        server.requested.append(request.path)
        return await handler(request)

    app = web.Application(middlewares=[log])
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/gzip.xml", gzipped)
    app.router.add_get("/big", big)
    app.router.add_get("/big-declared", big_declared)
    app.router.add_get("/bomb", bomb)
    app.router.add_get("/never.xml", never)
    app.router.add_get("/silent", silent)
    app.router.add_get("/missing", not_found)
    for path in ("/loop-a", "/loop-b", "/moved", "/to-loopback", "/to-mapped", "/to-internal", "/to-file",
                 "/chain/{n}"):
        app.router.add_get(path, redirect)
    for path in ("/page.html", "/broken.xml", "/empty", "/binary"):
        app.router.add_get(path, static)
    return app


@asynccontextmanager
async def serving(app: web.Application) -> AsyncIterator[int]:
    """Serve ``app`` on a free port of 127.0.0.1 (yielded) until the block ends."""
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield int(runner.addresses[0][1])
    finally:
        await runner.cleanup()


@asynccontextmanager
async def serve() -> AsyncIterator[Server]:
    server = Server()
    async with serving(_app(server)) as port:
        server.port = port
        try:
            yield server
        finally:
            server.hang.set()
