"""A local Discord whose gateway misbehaves on demand: the next connections answer 503, hang their handshake, never
say HELLO (op 10); and, on a live connection, op 9 INVALID_SESSION."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web
from fake_discord import FakeDiscord

FAULTS = ("503", "hang", "silent")


@dataclass
class FlakyGateway(FakeDiscord):
    """``faults``: what each next gateway connection meets, in order ("503": the upgrade answered HTTP 503; "hang":
    no answer to the upgrade; "silent": upgraded, then no HELLO); once they are used up, the gateway works. A hung
    or silent connection lasts until the client gives it up, or until ``stop()``."""

    faults: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)  # the faults the client's connections met, in order
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
        if fault == "503":
            raise web.HTTPServiceUnavailable(text="upstream connect error")
        if fault == "hang":
            await self._stopping.wait()
            raise web.HTTPServiceUnavailable()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for frame in ws:  # silent: reads until the client closes
            if frame.type != WSMsgType.TEXT:
                break
        return ws

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION: the client drops the socket and IDENTIFYs anew (RESUMEs when ``resumable``)."""
        assert self._ws is not None
        self._ready.clear()
        await self._ws.send_str(json.dumps({"op": 9, "d": resumable, "s": None, "t": None}))
