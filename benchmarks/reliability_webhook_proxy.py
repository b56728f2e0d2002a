"""A fault-injecting HTTP proxy in front of the local Slack and Discord fakes' webhook endpoints (127.0.0.1 only).

Each POST is passed on to the fake, or meets one fault: a 429 with a short or a long Retry-After and a 5xx (both
answered by the fake itself, through its own failure injection), or the connection reset (RST) before the fake
sees the request, or after the fake took it and answered (the message is posted; its answer is lost). Which fault
a POST meets depends only on the seed, the request's body and how many times that body came before, so two runs
that send the same parts in the same order (the per-part ledger and the plain post) meet the same faults.
"""

from __future__ import annotations

import hashlib
import random
import socket
import struct
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

import aiohttp
from aiohttp import web

Fault = Literal["none", "429 short", "429 long", "5xx", "reset before", "reset after"]
FAULTS: tuple[Fault, ...] = ("429 short", "429 long", "5xx", "reset before", "reset after")
SHORT_RETRY_AFTER = 2.0  # seconds: within the webhook adapter's max_wait, waited out in-process (injected sleep)
LONG_RETRY_AFTER = 120.0  # seconds: handed back to the delivery ledger as the slot's retry time


@dataclass(frozen=True)
class FaultRates:
    """The chance of each fault per POST (the rest pass untouched)."""

    rate_short: float = 0.0
    rate_long: float = 0.0
    server_error: float = 0.0
    reset_before: float = 0.0
    reset_after: float = 0.0

    def pick(self, draw: float) -> Fault:
        edge = 0.0
        for fault, rate in zip(FAULTS, (self.rate_short, self.rate_long, self.server_error, self.reset_before,
                                        self.reset_after), strict=True):
            edge += rate
            if draw < edge:
                return fault
        return "none"


NO_FAULTS = FaultRates()


class Upstream:
    """How to make the fake behind the proxy answer the next webhook POST with a 429 or a 5xx itself."""

    def __init__(self, base: str, fail_next: Any) -> None:
        self.base = base  # "http://127.0.0.1:PORT"
        self.fail_next = fail_next  # (status, retry_after) -> None


def slack_upstream(server: Any) -> Upstream:
    """The local Slack (``tests/slack/fake_slack.py``): ``fail_next("webhook", Failure(...))``."""
    from fake_slack import Failure  # type: ignore[import-not-found]

    def fail_next(status: int, retry_after: float | None) -> None:
        server.fail_next("webhook", Failure(status=status, error="rate_limited" if status == 429 else "",
                                            retry_after=retry_after))
    return Upstream(server.url, fail_next)


def discord_upstream(server: Any) -> Upstream:
    """The local Discord (``tests/discord/fake_discord.py``): ``fail("POST", "/webhooks/...", status)``."""

    def fail_next(status: int, retry_after: float | None) -> None:
        server.fail("POST", r"/webhooks/.*", status, retry_after=retry_after or 0.0)
    return Upstream(f"http://127.0.0.1:{server.port}", fail_next)


@dataclass
class FaultProxy:
    """Listens on 127.0.0.1; ``url_for(fake_url)`` is the same webhook reached through the proxy."""

    upstream: Upstream
    rates: FaultRates
    seed: int = 8
    port: int = 0
    injected: Counter[str] = field(default_factory=Counter)  # fault -> how many POSTs met it
    posts: int = 0
    _seen: Counter[str] = field(default_factory=Counter)  # body digest -> times it came
    _runner: web.AppRunner | None = None
    _http: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._http = aiohttp.ClientSession()

    async def stop(self) -> None:
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def url_for(self, fake_url: str) -> str:
        return f"http://127.0.0.1:{self.port}" + fake_url.removeprefix(self.upstream.base)

    def fault_for(self, body: bytes) -> Fault:
        digest = hashlib.sha256(body).hexdigest()[:16]
        self._seen[digest] += 1
        draw = random.Random(f"{self.seed}:{digest}:{self._seen[digest]}").random()
        return self.rates.pick(draw)

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.posts += 1
        fault = self.fault_for(body)
        self.injected[fault] += 1
        if fault == "reset before":
            return _reset(request)
        if fault in ("429 short", "429 long"):
            self.upstream.fail_next(429, SHORT_RETRY_AFTER if fault == "429 short" else LONG_RETRY_AFTER)
        elif fault == "5xx":
            self.upstream.fail_next(503, None)
        assert self._http is not None
        headers = {"Content-Type": request.headers.get("Content-Type", "application/json")}
        async with self._http.post(self.upstream.base + request.path_qs, data=body, headers=headers) as answer:
            text = await answer.read()
            keep = {k: v for k, v in answer.headers.items() if k.lower() in ("content-type", "retry-after")}
        if fault == "reset after":  # the fake posted it; the answer never reaches the adapter
            return _reset(request)
        return web.Response(status=answer.status, body=text, headers=keep)


def _reset(request: web.Request) -> web.StreamResponse:
    """Abort the client's connection with a TCP RST (SO_LINGER 0): it reads ``Connection reset by peer``."""
    transport = request.transport
    assert transport is not None
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    return web.Response(status=500)  # never written: the connection is gone
