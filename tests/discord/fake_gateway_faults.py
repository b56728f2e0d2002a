"""A local Discord whose gateway misbehaves on demand: the next connections answer 503, hang their handshake, never
say HELLO (op 10), or say HELLO and then never READY or RESUMED; READY names another resume URL (``resume_url``: one
that refuses connections, say); and, on a live connection, op 9 INVALID_SESSION."""

from __future__ import annotations

import asyncio
import json
import socket
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from fake_discord import FakeDiscord

FAULTS = ("ok", "503", "hang", "silent", "unready")


@dataclass
class FlakyGateway(FakeDiscord):
    """``faults``: what each next gateway connection meets, in order ("ok": the working gateway, for one shard among
    faulty ones; "503": the upgrade answered HTTP 503; "hang": no answer to the upgrade; "silent": upgraded, then no
    HELLO; "unready": HELLO, heartbeats acknowledged, but IDENTIFY and RESUME never answered with READY or RESUMED);
    once they are used up, the gateway works. A hung or silent connection lasts until the client gives it up, or
    until ``stop()``."""

    faults: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)  # the faults the client's connections met, in order
    resume_url: str | None = None  # READY's resume_gateway_url, when not this gateway's
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)

    async def stop(self) -> None:
        self._stopping.set()
        await super().stop()

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        if not self.faults:
            return await super()._gateway(request)
        fault = self.faults.pop(0)
        assert fault in FAULTS, fault
        self.met.append(fault)
        await self._notify()
        if fault == "ok":
            return await super()._gateway(request)
        if fault == "503":
            raise web.HTTPServiceUnavailable(text="upstream connect error")
        if fault == "hang":
            await self._stopping.wait()
            raise web.HTTPServiceUnavailable()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        if fault == "unready":
            await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45000}, "s": None, "t": None}))
        async for frame in ws:  # reads until the client closes
            if frame.type != WSMsgType.TEXT:
                break
            if fault == "unready" and json.loads(frame.data).get("op") == 1:  # alive, but no session ever begins
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        if event == "READY" and self.resume_url is not None:
            data = {**data, "resume_gateway_url": self.resume_url}
        await super().dispatch(event, data)

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION: the client drops the socket and IDENTIFYs anew (RESUMEs when ``resumable``)."""
        assert self._ws is not None
        self._ready.clear()
        await self._ws.send_str(json.dumps({"op": 9, "d": resumable, "s": None, "t": None}))


def refusing_url() -> str:
    """A ws:// URL on 127.0.0.1 where nothing listens (a port just let go): connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"ws://127.0.0.1:{port}/gw"
