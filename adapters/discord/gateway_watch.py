"""The gateway watch: a connection that fails (refused, 5xx, a hung handshake, no HELLO, no READY) told, retried."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import weakref
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import discord
import yarl

from bot.adapter import OUTAGE_AFTER_FAILED_TRIES

log = logging.getLogger(__name__)
# seconds for the gateway to complete its handshake, then to say HELLO (op 10), then to begin the session (READY or
# RESUMED) once IDENTIFY or RESUME is sent
HANDSHAKE_TIMEOUT = 10.0
FIRST_RETRY, LAST_RETRY = 1.0, 30.0  # seconds between tries, doubling (discord.py gives up a try after 60 s)
URL_TRIES = 2  # failed tries of a session's resume URL before the main gateway is tried instead
# discord.py's own line at each connection it retries (an ERROR with a traceback): held back while the watch has told
# the outage
RETRY_LINES = ("Attempting a reconnect", "Failed to connect for shard_id")


class DiscordUnreachable(RuntimeError):
    """Discord could not be reached at start (its API to log in, its gateway): ``run()`` stops with this reason."""


class GatewayUnreachable(DiscordUnreachable):
    """Discord's gateway could not be reached for the first connection: ``run()`` stops with this reason."""


def endpoint(url: str) -> str:
    """A gateway URL without its query (API version, encoding): "ws://host:port/path"."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def cause(exc: BaseException) -> str:
    """A connection failure in a few words, the same at every retry: "HTTP 503", "ClientConnectorError: ..."."""
    if isinstance(exc, aiohttp.WSServerHandshakeError):
        return f"HTTP {exc.status}"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def unreachable(where: str) -> GatewayUnreachable:
    return GatewayUnreachable(f"could not reach Discord's gateway ({where}); check the network, a proxy, or "
                              "https://discordstatus.com, then start briefbot again")


def login_failed(exc: BaseException) -> DiscordUnreachable:
    """Logging in at start (``GET /users/@me``, then the application's) failing on Discord's side or the network's: a
    5xx (503 at once; 500, 502 and 504 after discord.py's own retries), refused, DNS failure, timed out. An outage,
    not a refused token (401 is LoginFailure)."""
    if isinstance(exc, discord.HTTPException) and isinstance(exc.response, aiohttp.ClientResponse):
        route = re.sub(r"^/api(/v\d+)?", "", exc.response.url.path)
        why = f"{exc.response.method} {route}: HTTP {exc.status}"
    else:
        why = cause(exc)
    return DiscordUnreachable(f"could not reach Discord's API to log in ({why}); check the network, a proxy, or "
                              "https://discordstatus.com, then start briefbot again")


def gateway_bot_failed(exc: BaseException) -> GatewayUnreachable:
    """``GET /gateway/bot`` (a sharded client asks it for the gateway's URL at start) failing: refused, or a 5xx
    discord.py raised as GatewayNotFound. An outage, not a refused token."""
    failure = exc.__cause__ if isinstance(exc, discord.GatewayNotFound) and exc.__cause__ is not None else exc
    why = f"HTTP {failure.status}" if isinstance(failure, discord.HTTPException) else cause(failure)
    return unreachable(f"GET /gateway/bot: {why}")


class _SessionBounded:
    """A gateway socket whose first read (HELLO) is bounded by ``timeout``, and then the session's start: READY or
    RESUMED on this connection (``began``, set by the watch) within ``timeout`` of the first read after HELLO, once
    discord.py sent IDENTIFY or RESUME (its identify pause not counted). A connection that stays silent, or that
    acknowledges heartbeats and never starts a session (discord.py alone would keep it for good), is closed and told
    through ``failed``."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse, timeout: float,
                 failed: Callable[[str], Awaitable[None]]) -> None:
        self._socket = socket
        self._timeout = timeout
        self._failed = failed
        self.began = False  # READY or RESUMED came on this connection (its shard's session began)
        self._heard = False
        self._deadline: float | None = None  # when the session must have begun (set at the first read after HELLO)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._socket, name)

    async def receive(self, timeout: float | None = None) -> aiohttp.WSMessage:
        if self._heard and self.began:
            return await self._socket.receive(timeout)
        now = asyncio.get_running_loop().time()
        if not self._heard:
            bound, why = self._timeout, f"no HELLO within {self._timeout:g} s"
        else:
            if self._deadline is None:
                self._deadline = now + self._timeout
            bound = max(self._deadline - now, 1e-6)  # 0 would be no bound at all for aiohttp
            why = f"no READY or RESUMED within {self._timeout:g} s of HELLO"
        try:
            message = await self._socket.receive(bound if timeout is None else min(timeout, bound))
        except TimeoutError:
            if self._heard and self.began:  # the session began as the bound ran out
                return await self._socket.receive(timeout)
            await self._socket.close()
            await self._failed(why)  # raises at start; otherwise waits, then discord.py reconnects on the TimeoutError
            raise
        self._heard = True
        return message


class _HeldBack(logging.Filter):
    """Holds back discord.py's reconnection ERRORs while a watch has told an outage (its WARNING says it)."""

    def __init__(self) -> None:
        super().__init__()
        self.told: weakref.WeakSet[GatewayWatch] = weakref.WeakSet()

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.told and isinstance(record.msg, str) and record.msg.startswith(RETRY_LINES))


class GatewayWatch:
    """Wraps the client's ``http.ws_connect``, which discord.py calls for every gateway connection. A try that fails
    (refused, DNS failure, a non-101 answer such as a 503, no handshake, no HELLO, or no READY or RESUMED after
    IDENTIFY or RESUME, each within ``handshake_timeout``) is
    retried here after a wait (``sleep``: 1 s, doubling to 30 s) rather than by discord.py, which waits up to minutes
    and logs an ERROR with a traceback at each; a session's resume URL failing ``URL_TRIES`` times in a row gives way
    to the main gateway. Before the first session it raises ``GatewayUnreachable`` (but for a sharded client, which
    discord.py would retry anyway: told and retried as later). Once connected, a failure mended by the next try is only
    a DEBUG line; ``OUTAGE_AFTER_FAILED_TRIES`` (2) in a row set ``problem`` (the adapter is not_ready) with one WARNING
    giving the first's cause; the next session (READY or RESUMED, ``connected``) clears it with one INFO."""

    def __init__(self, client: discord.Client, *, handshake_timeout: float = HANDSHAKE_TIMEOUT,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.problem: str | None = None
        self._client = client
        self._timeout = handshake_timeout
        self._sleep = sleep
        # a first session made: failures before it stop the start, except a sharded client's (discord.py retries
        # its first connection whatever fails)
        self._connected = isinstance(client, discord.AutoShardedClient)
        self._delay = FIRST_RETRY
        self._failing = ("", 0)  # the gateway URL failing now (no query), and how many times in a row
        self._tries_failed, self._first_failure = 0, ""  # tries failed since the last session began; the first's cause
        self._connect = client.http.ws_connect
        client.http.ws_connect = self._ws_connect  # type: ignore[method-assign]

    def connected(self, shard_id: int | None = None) -> None:
        """A session began (READY or RESUMED; on shard ``shard_id`` of a sharded client): that shard's connection is
        no longer bounded, and an outage told is over (told once). A sharded client's other shards keep their own
        bound: a READY on one shard does not stand for a shard still waiting for its own."""
        self._connected = True
        # discord.py's one lookup of a connection by shard (Client and AutoShardedClient alike)
        try:
            ws = self._client._get_websocket(shard_id=shard_id)
        except KeyError:  # a shard not (or no longer) launched: no connection to lift the bound of
            ws = None
        socket = getattr(ws, "socket", None)
        if isinstance(socket, _SessionBounded):
            socket.began = True
        self._tries_failed, self._first_failure = 0, ""
        self._delay = FIRST_RETRY
        self._failing = ("", 0)
        if self.problem is not None:
            self.problem = None
            _HELD_BACK.told.discard(self)
            log.info("discord: connected to the gateway again; commands, mentions and DMs arrive again")

    async def _ws_connect(self, url: str, *, compress: int = 0) -> Any:
        while True:
            if self._client.is_closed():  # closed during an outage: discord.py's loop ends on this, as at any stop
                raise ConnectionError("the Discord client was closed")
            if self._failing == (endpoint(url), URL_TRIES):
                url = self._main_gateway(url)
            try:
                socket = await asyncio.wait_for(self._connect(url, compress=compress), self._timeout)
            except TimeoutError as exc:
                why = str(exc) if exc.args else f"no WebSocket handshake within {self._timeout:g} s"
                await self._failed(url, why)
            except (aiohttp.ClientError, OSError) as exc:
                await self._failed(url, cause(exc))
            else:
                return _SessionBounded(socket, self._timeout, functools.partial(self._failed, url))

    def _main_gateway(self, url: str) -> str:
        """The main gateway in place of a resume URL (READY's ``resume_gateway_url``, which discord.py would try
        forever): Discord resumes the session there too, or answers op 9 and the bot identifies anew."""
        main = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        tried = yarl.URL(url)
        if (tried.scheme, tried.host, tried.port, tried.path) == (main.scheme, main.host, main.port, main.path):
            return url
        log.debug("discord: the resume URL %s failed %d times; trying the main gateway", endpoint(url), URL_TRIES)
        self._failing = ("", 0)
        return str(main.with_query(tried.query))

    async def _failed(self, url: str, why: str) -> None:
        """Tell the failure (raising before the first session), then wait before the next try."""
        where = f"{endpoint(url)}: {why}"
        last, times = self._failing
        self._failing = (endpoint(url), times + 1 if endpoint(url) == last else 1)
        if not self._connected:
            raise unreachable(where)
        self._tries_failed += 1
        self._first_failure = self._first_failure or where
        if self.problem is None and self._tries_failed < OUTAGE_AFTER_FAILED_TRIES:
            log.debug("discord: a gateway connection failed (%s); trying again", where)
        elif self.problem is None:
            self.problem = (f"gateway unreachable ({self._first_failure}); no command, mention or DM arrives until it "
                            "reconnects, briefbot keeps trying (briefings still post)")
            _HELD_BACK.told.add(self)
            log.warning("discord: %s", self.problem)
        delay, self._delay = self._delay, min(self._delay * 2, LAST_RETRY)
        await self._sleep(delay)


_HELD_BACK = _HeldBack()
for _name in ("discord.client", "discord.shard"):
    logging.getLogger(_name).addFilter(_HELD_BACK)
