"""HTTP handlers that attack a feed reader (a gzip bomb, endless and trickling bodies, billion laughs), served by
local aiohttp apps in the hostile-source tests and the reliability benchmark."""

from __future__ import annotations

import asyncio
import zlib

from aiohttp import web

TEN_GB = 10 * 1024**3


async def gzip_bomb(request: web.Request) -> web.StreamResponse:
    """A single gzip member that would inflate to 10 GB of zeros; compressed lazily, as it is read."""
    resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})
    await resp.prepare(request)
    comp = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1 << 20)
    try:
        for _ in range(TEN_GB // len(zeros)):
            await resp.write(comp.compress(zeros) + comp.flush(zlib.Z_SYNC_FLUSH))
            await asyncio.sleep(0)  # the server shares the test's event loop: let the client run
        await resp.write(comp.flush())
    except (ConnectionError, asyncio.CancelledError):
        pass  # the client hung up, as it should
    return resp


async def endless_fast(request: web.Request) -> web.StreamResponse:
    """An RSS document that never ends, sent as fast as the client reads."""
    resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    await resp.prepare(request)
    await resp.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>')
    chunk = b"<item><title>again</title><description>and again</description></item>" * 200
    try:
        while True:
            await resp.write(chunk)
            await asyncio.sleep(0)  # shared event loop, as above
    except (ConnectionError, asyncio.CancelledError):
        pass
    return resp


async def endless_trickle(request: web.Request) -> web.StreamResponse:
    """A response that keeps sending a few bytes, never enough to trip the read timeout, never ending."""
    resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
    await resp.prepare(request)
    try:
        await resp.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        while True:
            await asyncio.sleep(0.05)
            await resp.write(b" ")
    except (ConnectionError, asyncio.CancelledError):
        pass
    return resp


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "haha">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + ']><rss version="2.0"><channel><title>&j;</title><item><title>&j;</title>'
          '<description>&j;</description></item></channel></rss>')


async def billion_laughs(request: web.Request) -> web.StreamResponse:
    return web.Response(text=LAUGHS, content_type="application/rss+xml")
