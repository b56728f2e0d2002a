"""A local Slack on 127.0.0.1 speaking the real protocols: Web API, response_url, Socket Mode websocket.

Split by job: this module serves the Web API, response_url and incoming webhooks; ``fake_slack_socket`` the Socket
Mode WebSocket; ``fake_slack_payloads`` builds what Slack sends an app; ``fake_slack_blocks`` checks Block Kit. The
names tests use are all importable from here.

Reusable by any test: start it, point ``slack.api_base_url`` at ``fake.api_url``, and read what was
posted from ``fake.messages`` / ``fake.responses``. Failures are injected per method with ``fail_next``.
As on Slack, ``chat.postMessage`` to a user id posts into the app's DM with that user (its ``D`` id is
in ``fake.dms``; the answer and the stored message carry that id). Events (``app_mention``, a ``message.im``
from ``im_message_event``, ``app_home_opened`` from ``open_app_home``) reach the app with ``send_event``, over Socket
Mode or as a signed HTTP POST. ``views.publish`` (a Home tab) is checked and recorded in ``fake.views``.
``chat.postEphemeral`` (to one ``user``) is recorded in ``fake.ephemerals``, never in the channel's history.
Incoming webhooks (``add_webhook``) take a JSON POST and answer in text as Slack does: ``ok``, or an error code
with its status (``no_service`` 404 once ``remove_webhook``, ``channel_is_archived`` 410, ``invalid_payload`` 400);
``fail_next("webhook", ...)`` injects answers; what they post lands in ``fake.messages`` with ``"webhook": True``.
It validates Block Kit like Slack does (and is stricter in one way: blocks without a ``text`` fallback
are refused with ``no_text_fallback``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from fake_history import read_messages
from fake_slack_blocks import MAX_VIEW_BLOCKS, MAX_VIEW_BYTES, validate_blocks
from fake_slack_blocks import message_texts as message_texts
from fake_slack_blocks import pings as pings
from fake_slack_payloads import APP_TOKEN, BOT_TOKEN
from fake_slack_payloads import SIGNING_SECRET as SIGNING_SECRET
from fake_slack_payloads import button_click_payload as button_click_payload
from fake_slack_payloads import event_callback_payload as event_callback_payload
from fake_slack_payloads import form_body as form_body
from fake_slack_payloads import home_opened_event as home_opened_event
from fake_slack_payloads import im_message_event as im_message_event
from fake_slack_payloads import sign as sign
from fake_slack_payloads import slash_payload as slash_payload
from fake_slack_socket import SocketModeSide

from adapters.slack.scopes import required_scopes

USER_ID = re.compile(r"[UW][A-Z0-9]+")


@dataclass(frozen=True)
class Failure:
    """One injected answer: an HTTP status, a Slack error code, a Retry-After, or a hang (timeout).
    ``accept``: the call is carried out (the message is posted) and only its answer is lost. ``hold``: no failure,
    the call only waits for ``release()`` before it is carried out and answered as usual."""

    status: int = 200
    error: str = ""
    retry_after: float | None = None
    hang: bool = False
    accept: bool = False
    hold: bool = False
    needed: str = ""  # missing_scope: the scope Slack names in its answer ("needed")


RATE_LIMITED = Failure(status=429, error="ratelimited", retry_after=1)
SERVER_ERROR = Failure(status=500)
NOT_IN_CHANNEL = Failure(error="not_in_channel")
INVALID_BLOCKS = Failure(error="invalid_blocks")
HANG = Failure(hang=True)
ACCEPTED_THEN_500 = Failure(status=500, accept=True)  # Slack posted it, a proxy lost the answer
ACCEPTED_THEN_HANG = Failure(hang=True, accept=True)  # posted; the caller waits (is killed) for an answer
HELD = Failure(hold=True)  # in flight until release(), then posted and answered: a slow Slack
HISTORY_SCOPES = "channels:history,groups:history"


class FakeSlack(SocketModeSide):
    """The local Slack. Every recorded list is appended in arrival order; ``wait_for`` awaits a condition.

    Message ``ts`` come from ``clock`` (Unix seconds; wall time unless a test sets it) plus a counter,
    so they are unique and increasing like Slack's. ``conversations.history`` / ``conversations.replies``
    serve what was posted (and ``seed_message``), with ``metadata`` only when ``include_all_metadata``
    is set, paginated by cursor; methods in ``missing_scope`` answer ``missing_scope``.
    """

    def __init__(self, *, bot_token: str = BOT_TOKEN, app_token: str = APP_TOKEN,
                 clock: Callable[[], float] = time.time) -> None:
        self.bot_token, self.app_token = bot_token, app_token
        self.clock = clock
        self.missing_scope: set[str] = set()  # methods answered with missing_scope
        self.scopes: list[str] = list(required_scopes())  # the bot token's, in auth.test's x-oauth-scopes header
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.messages: list[dict[str, Any]] = []  # accepted chat.postMessage payloads (+ "ts")
        self.ephemerals: list[dict[str, Any]] = []  # accepted chat.postEphemeral payloads (+ "message_ts")
        self.views: list[dict[str, Any]] = []  # accepted views.publish payloads: "user_id", "view" (a dict)
        self.home_tab_enabled = True  # False: views.publish answers not_enabled, as for an app without a Home tab
        self.responses: list[dict[str, Any]] = []  # response_url posts (+ "path")
        self.rejected: list[tuple[str, str]] = []  # (method, error or problem)
        self.held: list[str] = []  # the methods of the calls HELD so far (released or not)
        self.failures: dict[str, deque[Failure | None]] = {}
        self.missing_channels: set[str] = set()
        self.not_in_channel: set[str] = set()
        self.channel_creators: dict[str, str] = {}
        self.direct_messages: dict[str, str] = {}  # a DM channel with the bot -> the person in it
        self.dms: dict[str, str] = {}  # user id -> the app's DM channel with them ("D...")
        self.users: dict[str, dict[str, Any]] = {}
        self.socket_connections = 0
        self.socket_acks: list[dict[str, Any]] = []
        self.webhooks: dict[str, str] = {}  # an incoming webhook's path -> the channel it posts to
        self.archived: set[str] = set()  # channels archived: their webhooks answer 410 channel_is_archived
        self._ws: web.WebSocketResponse | None = None
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self.socket_address = ""  # host:port of the WebSocket URLs apps.connections.open hands out ("": this server)
        self.socket_addresses: deque[str] = deque()  # host:port for the next calls alone, one each, before the above
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self) -> str:
        return f"{self.url}/respond/{next(self._ids)}"

    def add_webhook(self, channel: str) -> str:
        """A new incoming webhook posting to ``channel``; its URL (the last part is its secret)."""
        path = f"/services/T0TEAM/B{next(self._ids):08d}/whsecret{next(self._ids):016d}"
        self.webhooks[path] = channel
        return self.url + path

    def remove_webhook(self, url: str) -> None:
        """The webhook is removed (its app uninstalled, or deleted in the app's settings): ``no_service``."""
        self.webhooks.pop(url.removeprefix(self.url), None)

    def fail_next(self, method: str, *failures: Failure, after: int = 0) -> None:
        """The next calls of ``method`` ("chat.postMessage", "respond", ...) get these answers, in order,
        once ``after`` more calls have been answered normally."""
        self.failures.setdefault(method, deque()).extend([None] * after + list(failures))

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{id}", self._respond)
        app.router.add_post("/services/{team}/{hook}/{secret}", self._incoming_webhook)
        app.router.add_get("/ws", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._site = site
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop_listening(self) -> None:
        """Slack unreachable: new connections to its port are refused (the Web API, a new WebSocket); a WebSocket
        already open stays open, so the test decides when the client notices (``send_disconnect``)."""
        assert self._site is not None
        await self._site.stop()
        self._site = None

    async def listen_on(self, sock: socket.socket) -> None:
        """Serve on one more socket, bound by the test (a WebSocket host that refused until now starts answering)."""
        assert self._runner is not None
        await web.SockSite(self._runner, sock).start()

    async def listen_again(self) -> None:
        """Slack reachable again, on the same port (so URLs handed out earlier work again)."""
        assert self._runner is not None and self._site is None
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await self._site.start()

    def release(self) -> None:
        """Let the HELD calls go on and the hangs end; from now on a hold or a hang does not wait."""
        self._release.set()

    async def stop(self) -> None:
        self._release.set()
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _next_failure(self, method: str) -> Failure | None:
        queue = self.failures.get(method)
        return queue.popleft() if queue else None

    async def _injected(self, method: str) -> web.Response | None:
        failure = self._next_failure(method)
        return None if failure is None else await self._fail(method, failure)

    async def _fail(self, method: str, failure: Failure) -> web.Response:
        self.rejected.append((method, failure.error or f"HTTP {failure.status}"))
        await self._notify()
        if failure.hang:
            await self._release.wait()
        if failure.status >= 500:
            return web.Response(status=failure.status, text="<html>upstream trouble</html>",
                                content_type="text/html")
        headers = {"Retry-After": str(int(failure.retry_after))} if failure.retry_after is not None else {}
        body = {"ok": False, "error": failure.error, **({"needed": failure.needed} if failure.needed else {})}
        return _json(body, status=failure.status, headers=headers)

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.method == "GET":
            payload: dict[str, Any] = dict(request.query)
        elif request.content_type == "application/json":
            payload = await request.json()
        else:
            payload = dict(await request.post())
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or str(payload.get("token", ""))
        self.calls.append((method, payload))
        failure = self._next_failure(method)
        if failure is not None and failure.hold:
            self.held.append(method)
            await self._notify()
            await self._release.wait()
            failure = None
        if failure is not None and not failure.accept:
            return await self._fail(method, failure)
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != expected:
            self.rejected.append((method, "invalid_auth"))
            await self._notify()
            return _json({"ok": False, "error": "invalid_auth"})
        answer = await self._answer(method, payload)
        await self._notify()
        if failure is not None:  # carried out, but the answer never reaches the caller
            return await self._fail(method, failure)
        return answer

    async def _answer(self, method: str, payload: dict[str, Any]) -> web.Response:
        if method == "auth.test":
            return _json({"ok": True, "url": "https://example.slack.com/", "team": "Example", "user": "briefbot",
                          "team_id": "T0TEAM", "user_id": "U0BOT", "bot_id": "B0BOT"},
                         headers={"x-oauth-scopes": ",".join(self.scopes)})
        if method == "apps.connections.open":
            address = (self.socket_addresses.popleft() if self.socket_addresses else
                       self.socket_address or f"127.0.0.1:{self.port}")
            return _json({"ok": True, "url": f"ws://{address}/ws?ticket={next(self._ids)}"})
        if method == "users.info":
            user = self.users.get(str(payload.get("user")))
            return _json({"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"})
        if method == "conversations.info":
            channel = str(payload.get("channel"))
            if channel in self.missing_channels:
                return _json({"ok": False, "error": "channel_not_found"})
            if channel in self.direct_messages:  # as Slack describes a DM: no creator, the other person
                return _json({"ok": True, "channel": {"id": channel, "is_im": True,
                                                      "user": self.direct_messages[channel]}})
            return _json({"ok": True, "channel": {"id": channel, "creator": self.channel_creators.get(channel, ""),
                                                  "is_member": channel not in self.not_in_channel}})
        if method in ("chat.postMessage", "chat.postEphemeral"):
            channel = str(payload.get("channel"))
            error = ("channel_not_found" if channel in self.missing_channels else
                     "not_in_channel" if channel in self.not_in_channel else self._message_error(payload))
            if error:
                self.rejected.append((method, error))
                return _json({"ok": False, "error": error})
            ts = self._next_ts()
            if method == "chat.postEphemeral":  # shown to ``user`` alone, never stored in the channel
                if not USER_ID.fullmatch(str(payload.get("user", ""))):
                    self.rejected.append((method, "user_not_found"))
                    return _json({"ok": False, "error": "user_not_found"})
                self.ephemerals.append({**payload, "message_ts": ts})
                return _json({"ok": True, "message_ts": ts})
            if USER_ID.fullmatch(channel):  # a user id: the app's DM with them, opened on first use
                channel = self.dms.setdefault(channel, f"D{len(self.dms) + 1:08d}")
                payload = {**payload, "channel": channel}
            metadata = payload.get("metadata")
            if isinstance(metadata, str):  # a form-encoded call sends it as JSON text
                payload = {**payload, "metadata": json.loads(metadata)}
            self.messages.append({**payload, "ts": ts})
            return _json({"ok": True, "channel": channel, "ts": ts, "message": {"text": payload.get("text")}})
        if method in ("conversations.history", "conversations.replies"):
            return self._read_messages(method, payload)
        if method == "views.publish":
            return self._publish_view(payload)
        return _json({"ok": False, "error": "unknown_method"})

    def _publish_view(self, payload: dict[str, Any]) -> web.Response:
        """views.publish: a ``home`` view for one user, checked against the Home tab's Block Kit limits."""
        view = payload.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        valid = isinstance(view, dict) and view.get("type") == "home" and USER_ID.fullmatch(str(payload.get("user_id")))
        if not self.home_tab_enabled:
            error = "not_enabled"
        elif not valid or not isinstance(view, dict):
            error = "invalid_arguments"
        elif len(json.dumps(view, ensure_ascii=False).encode("utf-8")) > MAX_VIEW_BYTES:
            error = "view_too_large"
        else:
            problem = validate_blocks(view.get("blocks"), max_blocks=MAX_VIEW_BLOCKS, max_chars=MAX_VIEW_BYTES)
            if problem:
                self.rejected.append(("view", problem))
            error = "invalid_arguments" if problem else ""
        if error:
            self.rejected.append(("views.publish", error))
            return _json({"ok": False, "error": error})
        assert isinstance(view, dict)
        self.views.append({"user_id": payload["user_id"], "view": view})
        return _json({"ok": True, "view": {**view, "id": f"V{next(self._ids):08d}"}})

    def _next_ts(self) -> str:
        return f"{int(self.clock())}.{next(self._ts) % 1_000_000:06d}"

    def seed_message(self, channel: str, text: str, *, thread_ts: str | None = None,
                     metadata: dict[str, Any] | None = None, user: str = "U0OTHER") -> str:
        """A message someone else posted (chatter between briefings); returns its ts."""
        ts = self._next_ts()
        message: dict[str, Any] = {"channel": channel, "text": text, "ts": ts, "user": user}
        if thread_ts:
            message["thread_ts"] = thread_ts
        if metadata is not None:
            message["metadata"] = metadata
        self.messages.append(message)
        return ts

    def _read_messages(self, method: str, payload: dict[str, Any]) -> web.Response:
        """conversations.history (top-level messages, newest first) and .replies (a thread, oldest first)."""
        channel = str(payload.get("channel", ""))
        if method in self.missing_scope:
            return _json({"ok": False, "error": "missing_scope", "needed": HISTORY_SCOPES,
                          "provided": "commands,chat:write"})
        if channel in self.missing_channels:
            return _json({"ok": False, "error": "channel_not_found"})
        if channel in self.not_in_channel:
            return _json({"ok": False, "error": "not_in_channel"})
        return _json(read_messages(method, self.messages, payload))

    def _message_error(self, payload: dict[str, Any]) -> str | None:
        blocks = payload.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        text = str(payload.get("text") or "")
        if blocks is None:
            return None if text else "no_text"
        if not text:
            return "no_text_fallback"
        if len(text) > 40_000:
            return "msg_too_long"
        problem = validate_blocks(blocks)
        if problem:
            self.rejected.append(("blocks", problem))
            return "msg_blocks_too_long" if problem == "msg_blocks_too_long" else "invalid_blocks"
        return None

    async def _respond(self, request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json()
        injected = await self._injected("respond")
        if injected is not None:
            return injected
        error = self._message_error(body)
        if error:
            self.rejected.append(("respond", error))
            await self._notify()
            return web.Response(status=400, text=error)
        self.responses.append({**body, "path": request.path})
        await self._notify()
        return web.Response(text="ok")

    async def _incoming_webhook(self, request: web.Request) -> web.Response:
        """An incoming webhook: JSON in, Slack's plain-text answers out (not the Web API's JSON)."""
        raw = await request.text()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = None
        self.calls.append(("webhook", payload if isinstance(payload, dict) else {"raw": raw}))
        try:
            failure = self._next_failure("webhook")
            if failure is not None:
                self.rejected.append(("webhook", failure.error or f"HTTP {failure.status}"))
                headers = {"Retry-After": str(int(failure.retry_after))} if failure.retry_after is not None else {}
                text = failure.error or ("<html>upstream trouble</html>" if failure.status >= 500 else "error")
                return web.Response(status=failure.status, text=text, headers=headers)
            channel = self.webhooks.get(request.path)
            error, status = ("no_service", 404) if channel is None else ("channel_is_archived", 410) if (
                channel in self.archived) else ("", 200)
            if not error and not isinstance(payload, dict):
                error, status = "invalid_payload", 400
            if not error and isinstance(payload, dict):
                error = self._message_error(payload) or ""
                status = 400 if error else 200
            if error:
                self.rejected.append(("webhook", error))
                return web.Response(status=status, text=error)
            assert isinstance(payload, dict) and channel is not None
            self.messages.append({**payload, "channel": channel, "ts": self._next_ts(), "webhook": True})
            return web.Response(text="ok")
        finally:
            await self._notify()



def _json(data: dict[str, Any], *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(status=status, text=json.dumps(data), content_type="application/json", headers=headers)
