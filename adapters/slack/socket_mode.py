"""Socket Mode: receive slash commands over Slack's websocket (no public URL needed; needs an xapp- token)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient as AsyncSocketModeClient
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.post import slack_error
from adapters.slack.translate import TOKEN_ERRORS
from bot.adapter import OUTAGE_AFTER_FAILED_TRIES

log = logging.getLogger(__name__)
Changed = Callable[[str | None], None]  # called with why no event can arrive (None: connected again)
Failed = Callable[[str, BaseException], None]  # told what could not be reached (a method, a WebSocket URL) and why
URL_TRIES = 2  # failed connections to one WebSocket URL before a new one is asked for (apps.connections.open)
HANDSHAKE_TIMEOUT = 10.0  # seconds for a WebSocket URL to complete its handshake (aiohttp alone waits 5 minutes)
UNREACHABLE = (aiohttp.ClientError, OSError, TimeoutError)  # refused, DNS failure, reset, timed out, bad handshake
OPEN = "open a Socket Mode connection"  # what apps.connections.open is asked for at start


def endpoint(url: str | None) -> str:
    """A WebSocket URL without its query, which holds the connection's ticket: "WebSocket wss://host:port"."""
    parts = urlsplit(url or "")
    return f"WebSocket {parts.scheme}://{parts.netloc}"


def is_hello(message: aiohttp.WSMessage) -> bool:
    """Slack's first message on a new connection: ``{"type": "hello", ...}``."""
    if message.type != aiohttp.WSMsgType.TEXT or '"hello"' not in message.data:
        return False
    try:
        data = json.loads(message.data)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("type") == "hello"


def cause(exc: BaseException) -> str:
    """A network failure in a few words, the same at every retry: "ClientConnectorError: Cannot connect to host ..."."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _WatchedSession:
    """The socket client's aiohttp session, telling ``failed`` of each WebSocket URL it cannot connect to: refused,
    or no handshake within ``handshake_timeout`` (a host that accepts the connection and never answers).

    It is closed only with the socket client (``stopping``): a session closed under the running client (slack-sdk
    issue #1922) is renewed here at the next connection, since slack-sdk would replace this object by a plain
    session, and the watch would go with it."""

    def __init__(self, session: aiohttp.ClientSession, failed: Failed, handshake_timeout: float,
                 stopping: Callable[[], bool]) -> None:
        self._session = session
        self._failed = failed
        self._handshake_timeout = handshake_timeout
        self._stopping = stopping

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    @property
    def closed(self) -> bool:
        return self._session.closed and self._stopping()

    async def ws_connect(self, url: str, **kwargs: Any) -> aiohttp.ClientWebSocketResponse:
        if self._session.closed and not self._stopping():
            log.info("slack: Socket Mode's HTTP session was closed; a new one is made")
            self._session = aiohttp.ClientSession()
        try:
            try:
                connection: aiohttp.ClientWebSocketResponse = await asyncio.wait_for(
                    self._session.ws_connect(url, **kwargs), self._handshake_timeout)
            except TimeoutError as exc:
                if exc.args:  # aiohttp's own (a socket read or connect timeout): its message says which
                    raise
                raise TimeoutError(f"no WebSocket handshake within {self._handshake_timeout:g} s") from None
        except UNREACHABLE as exc:
            self._failed(url, exc)
            raise
        return connection


def out_of_reach(asked: str, method: str, why: str) -> str:
    """Slack out of reach at start, in one sentence: what was asked, how it failed (a bound, a status, a network
    error) and what to check."""
    return (f"could not reach Slack to {asked} ({method}: {why}); check the network, a proxy, or "
            "https://slack-status.com, then start briefbot again")


def failure(exc: BaseException, bound: float) -> str:
    """How a call to Slack failed without an answer: "no answer within 15 s" for a bare timeout (the Web API
    client's bound, or ours), else ``cause``."""
    if isinstance(exc, TimeoutError) and not str(exc).strip():
        return f"no answer within {bound:g} s"
    return cause(exc)


def server_side(exc: SlackApiError) -> str | None:
    """"HTTP 503" when Slack (or a proxy) answered 5xx: an outage, not a refusal; None otherwise."""
    status = getattr(exc.response, "status_code", 200)
    return f"HTTP {status}" if isinstance(status, int) and status >= 500 else None


class SocketModeError(RuntimeError):
    """Socket Mode could not start: a bad app-level token or Slack unreachable."""


class SocketModeConnection:
    """The bolt Socket Mode handler, with a first connection that fails clearly instead of retrying forever.

    After the first connection slack-sdk reconnects by itself (on ``disconnect`` messages and lost pings), retrying
    forever, once per ping interval; it would retry a refused WebSocket URL forever (and wait 5 minutes at each try
    of one that hangs: here a try ends after ``handshake_timeout``), so after ``URL_TRIES`` failures the URL is
    dropped and slack-sdk asks apps.connections.open for a new one (Slack's URLs expire, its endpoints move). A
    reconnection Slack refuses (apps.connections.open: the app-level token revoked, say) is logged once, naming
    ``app_token_env``, and ``on_change`` is told why no event can arrive; so is one that cannot reach Slack
    (apps.connections.open or the WebSocket URL: refused, DNS failure, no handshake, a 5xx) twice in a row
    (``OUTAGE_AFTER_FAILED_TRIES``: a single failure the next try mends is no outage), one WARNING for all its
    retries; once connected again, None (one INFO line). A connection counts as made once Slack says hello: one
    that completes its handshake and stays silent for ``handshake_timeout`` is told the same way and closed, and
    slack-sdk asks for a new URL at its next check.
    """

    def __init__(self, app: AsyncApp, client: AsyncWebClient, app_token: str, *,
                 connect_timeout: float = 30.0, ping_interval: float = 10.0, on_change: Changed | None = None,
                 app_token_env: str = "SLACK_APP_TOKEN", handshake_timeout: float = HANDSHAKE_TIMEOUT) -> None:
        self._app_token = app_token
        self._client = client
        self._connect_timeout = connect_timeout
        self._handshake_timeout = handshake_timeout
        self._on_change = on_change or (lambda _problem: None)
        self._app_token_env = app_token_env
        self.problem: str | None = None  # why Socket Mode cannot reconnect, until it does
        self._connected = False  # a first connection made: failures before it are start()'s to report
        self._refused: tuple[str, int] = ("", 0)  # the WebSocket URL failing now, and how many times in a row
        self._tries_failed, self._first_failure = 0, ""  # reconnection tries failed in a row; the first's cause
        self._hello = asyncio.Event()  # Slack said hello on the latest connection
        self._checks: set[asyncio.Task[None]] = set()  # waits for hello under way (see _watch)
        self._handler = AsyncSocketModeHandler(app, app_token=app_token, web_client=client,
                                               ping_interval=ping_interval,
                                               logger=logging.getLogger("adapters.slack.socket"))
        self._watch(self._handler.client, handshake_timeout)

    def _watch(self, socket: AsyncSocketModeClient, handshake_timeout: float) -> None:
        """Hear of slack-sdk's own reconnections: a new URL refused (``_lost``) or out of reach (``_unreachable``), a
        connection made (``_back``, once Slack says hello), through its client and the session wrapped here."""
        issue, connect = socket.issue_new_wss_url, socket.connect

        async def issue_watched() -> str:
            try:
                return str(await issue())
            except SlackApiError as exc:
                status = server_side(exc)
                if status is not None:  # Slack's side (or a proxy) failing: not a refusal
                    self._unreachable("apps.connections.open", status)
                else:
                    self._lost(slack_error(exc))
                raise
            except UNREACHABLE as exc:
                self._unreachable("apps.connections.open", failure(exc, self._client.timeout))
                raise

        async def connect_watched() -> None:
            self._hello.clear()
            await connect()  # type: ignore[no-untyped-call]
            if socket.closed:
                return
            # its own task, shielded: a reconnection made by slack-sdk's session monitor runs in the monitor's task,
            # which connect() cancels as it starts a new monitor for the new session: awaited there, the wait for hello
            # was cut off, and a silent connection after the first went untold
            check = asyncio.create_task(self._await_hello(socket.current_session, socket.wss_uri))
            self._checks.add(check)
            check.add_done_callback(self._checks.discard)
            await asyncio.shield(check)

        async def heard(message: aiohttp.WSMessage) -> None:
            if is_hello(message):
                self._hello.set()

        socket.issue_new_wss_url = issue_watched  # type: ignore[method-assign]
        socket.connect = connect_watched  # type: ignore[method-assign]
        socket.on_message_listeners.append(heard)

        def refused(url: str, exc: BaseException) -> None:
            self._unreachable(endpoint(url), cause(exc))
            last, times = self._refused
            times = times + 1 if url == last else 1
            self._refused = (url, times)
            if self._connected and times >= URL_TRIES and socket.wss_uri == url:  # start() keeps its timeout
                log.debug("slack: WebSocket URL failed %d times; asking apps.connections.open for a new one", times)
                socket.wss_uri = None  # slack-sdk's connect() loop asks for a new URL at its next try

        socket.aiohttp_client_session = _WatchedSession(  # type: ignore[assignment]
            socket.aiohttp_client_session, refused, handshake_timeout, lambda: socket.closed)

    async def _await_hello(self, connection: aiohttp.ClientWebSocketResponse | None, url: str | None) -> None:
        """Connected once Slack says hello within ``handshake_timeout``; otherwise told and closed, so that slack-sdk's
        session monitor sees it closed and asks for a new URL."""
        try:
            await asyncio.wait_for(self._hello.wait(), self._handshake_timeout)
        except TimeoutError:
            self._unreachable(endpoint(url), f"no hello from Slack within {self._handshake_timeout:g} s")
            if connection is not None:
                await connection.close()
            return
        self._refused = ("", 0)
        self._back()

    def _lost(self, error: str) -> None:
        env = self._app_token_env
        if error in TOKEN_ERRORS:
            problem = (f"Socket Mode cannot reconnect: Slack refused the app-level token from ${env} "
                       f"(apps.connections.open: {error}); no command or event arrives until it is fixed. Create an "
                       "xapp- token with the connections:write scope under Basic Information > App-Level Tokens, set "
                       f"${env} to it and restart briefbot")
        else:
            problem = f"Socket Mode cannot reconnect (apps.connections.open: {error}); slack-sdk keeps trying"
        if problem != self.problem:
            self.problem = problem
            log.error("slack: %s", problem)
            self._on_change(problem)

    def _unreachable(self, what: str, why: str) -> None:
        """Slack could not be reached to reconnect (refused, DNS failure, no handshake, a 5xx answer): told once, with
        the first cause, when ``OUTAGE_AFTER_FAILED_TRIES`` (2) tries failed in a row, until connected again (a refused
        token stays told); a single failure the next try mends is a DEBUG line only."""
        if not self._connected or self.problem is not None:
            return
        self._tries_failed += 1
        self._first_failure = self._first_failure or f"{what}: {why}"
        if self._tries_failed < OUTAGE_AFTER_FAILED_TRIES:  # one failure the next try may mend: no one paged
            log.debug("slack: a Socket Mode reconnection try failed (%s: %s); slack-sdk tries again", what, why)
            return
        self.problem = (f"Socket Mode cannot reconnect: Slack unreachable ({self._first_failure}); no command or event "
                        "arrives until it reconnects; slack-sdk keeps trying")
        log.warning("slack: %s", self.problem)
        self._on_change(self.problem)

    def _back(self) -> None:
        self._tries_failed, self._first_failure = 0, ""
        if self.problem is not None:
            self.problem = None
            log.info("slack: Socket Mode connected again; commands and events arrive again")
            self._on_change(None)

    async def start(self) -> None:
        try:
            opened = await asyncio.wait_for(self._client.apps_connections_open(app_token=self._app_token),
                                            self._connect_timeout)
        except SlackApiError as exc:
            await self.stop()  # the socket client's HTTP session and message task, made with it, end here too
            status = server_side(exc)
            if status is not None:
                raise SocketModeError(out_of_reach(OPEN, "apps.connections.open", status)) from exc
            raise SocketModeError(
                f"Slack refused the app-level token (apps.connections.open: {slack_error(exc)}). "
                "Create an xapp- token with the connections:write scope under Basic Information > "
                "App-Level Tokens, and enable Socket Mode.") from exc
        except UNREACHABLE as exc:
            await self.stop()
            why = failure(exc, min(self._client.timeout, self._connect_timeout))
            raise SocketModeError(out_of_reach(OPEN, "apps.connections.open", why)) from exc
        self._handler.client.wss_uri = str(opened["url"])
        try:
            await asyncio.wait_for(self._handler.connect_async(),  # type: ignore[no-untyped-call]
                                   self._connect_timeout)
        except TimeoutError as exc:
            await self.stop()
            raise SocketModeError(f"Socket Mode did not connect within {self._connect_timeout:.0f}s") from exc
        if not self._hello.is_set():
            await self.stop()
            raise SocketModeError(f"Socket Mode connected but Slack said no hello within {self._handshake_timeout:g} s")
        self._connected = True
        log.info("slack: Socket Mode connected")

    async def stop(self) -> None:
        for check in list(self._checks):
            check.cancel()
        await self._handler.close_async()  # type: ignore[no-untyped-call]
