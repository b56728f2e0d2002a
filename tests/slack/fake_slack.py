"""A local Slack on 127.0.0.1 speaking the real protocols: Web API, response_url, Socket Mode websocket.

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
import hashlib
import hmac
import itertools
import json
import re
import socket
import time
import urllib.parse
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientSession, WSMsgType, web
from fake_history import read_messages

from adapters.slack.scopes import required_scopes

BOT_TOKEN = "xoxb-fake-bot-token-0123456789"
APP_TOKEN = "xapp-fake-app-token-9876543210"
SIGNING_SECRET = "fake-signing-secret-abcdef0123456789"
PINGS = re.compile(r"<!(?:channel|here|everyone)\b[^>]*>|<@[UW][A-Z0-9]+>|<!subteam\^"
                   r"|(?<![\w\u200b])@(?:channel|here|everyone)\b", re.IGNORECASE)
MAX_BLOCKS_JSON = 13_000
MAX_VIEW_BLOCKS = 100  # a Home tab view (a message: 50)
MAX_VIEW_BYTES = 250_000  # views.publish answers view_too_large above this
USER_ID = re.compile(r"[UW][A-Z0-9]+")
_event_ts = itertools.count(1)


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


def validate_blocks(blocks: Any, *, max_blocks: int = 50, max_chars: int = MAX_BLOCKS_JSON) -> str | None:
    """Slack's Block Kit limits for the block types briefbot uses (a message's by default; a Home tab view allows
    100 blocks and 250 kB); a description of the first problem."""
    if not isinstance(blocks, list) or not blocks:
        return "blocks must be a non-empty list"
    if len(blocks) > max_blocks:
        return f"{len(blocks)} blocks (max {max_blocks})"
    if len(json.dumps(blocks, ensure_ascii=False)) > max_chars:
        return "msg_blocks_too_long"
    for i, block in enumerate(blocks):
        kind = block.get("type")
        if kind == "section":
            text, fields = block.get("text"), block.get("fields")
            if text is None and not fields:
                return f"block {i}: section needs text or fields"
            if text is not None and not 1 <= len(text.get("text", "")) <= 3000:
                return f"block {i}: section text must be 1..3000 chars"
            if text is not None and text.get("type") not in ("mrkdwn", "plain_text"):
                return f"block {i}: bad text type"
            if fields and (len(fields) > 10 or any(not 1 <= len(f.get("text", "")) <= 2000 for f in fields)):
                return f"block {i}: at most 10 fields of 1..2000 chars"
        elif kind == "header":
            text = block.get("text", {})
            if text.get("type") != "plain_text" or not 1 <= len(text.get("text", "")) <= 150:
                return f"block {i}: header must be plain_text of 1..150 chars"
        elif kind == "context":
            elements = block.get("elements", [])
            if not 1 <= len(elements) <= 10:
                return f"block {i}: context needs 1..10 elements"
            if any(not 1 <= len(e.get("text", "")) <= 3000 for e in elements):
                return f"block {i}: context element text must be 1..3000 chars"
        elif kind == "actions":
            problem = _actions_problem(block.get("elements", []))
            if problem:
                return f"block {i}: {problem}"
        elif kind != "divider":
            return f"block {i}: unexpected type {kind!r}"
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(block_ids) != len(set(block_ids)):
        return "block_id repeated in one message"
    return None


def _actions_problem(elements: Any) -> str | None:
    """An actions block holds 1..25 buttons, each with a unique action_id (1..255) and a short label."""
    if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
        return "actions needs 1..25 elements"
    ids = [e.get("action_id", "") for e in elements]
    if len(ids) != len(set(ids)):
        return "action_id repeated within a block"
    for element in elements:
        text = element.get("text", {})
        if element.get("type") != "button" or not 1 <= len(element.get("action_id", "")) <= 255:
            return "a button needs an action_id of 1..255 chars"
        if text.get("type") != "plain_text" or not 1 <= len(text.get("text", "")) <= 75:
            return "a button label must be plain_text of 1..75 chars"
        if len(element.get("value", "")) > 2000:
            return "a button value is at most 2000 chars"
    return None


def message_texts(payload: dict[str, Any]) -> list[str]:
    """Every string a message shows: the text fallback and all text inside its blocks."""
    texts = [str(payload.get("text", ""))]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    texts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(payload.get("blocks", []))
    return texts


def pings(payload: dict[str, Any]) -> list[str]:
    """The mentions that would notify people if Slack displayed this message."""
    return [m.group(0) for text in message_texts(payload) for m in PINGS.finditer(text)]


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack sends with a request: X-Slack-Signature = v0=HMAC-SHA256(secret, v0:ts:body)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


def slash_payload(text: str, *, response_url: str, user_id: str = "U0USER", channel_id: str = "C0CHAN",
                  command: str = "/brief") -> dict[str, str]:
    """The fields of a slash-command invocation, as Slack sends them."""
    return {"token": "deprecated-verification-token", "team_id": "T0TEAM", "team_domain": "example",
            "channel_id": channel_id, "channel_name": "news", "user_id": user_id, "user_name": "reader",
            "command": command, "text": text, "api_app_id": "A0APP", "is_enterprise_install": "false",
            "response_url": response_url, "trigger_id": "1.2.abc"}


def button_click_payload(message: dict[str, Any], action_id: str, *, response_url: str,
                         user_id: str = "U0USER") -> dict[str, Any]:
    """The ``block_actions`` payload Slack sends when ``user_id`` clicks the button ``action_id`` of a
    posted ``message`` (as recorded in ``FakeSlack.messages``); the button need not exist (forged ids)."""
    blocks = message.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    found = [(b, e) for b in blocks if b.get("type") == "actions" for e in b.get("elements", [])
             if e.get("action_id") == action_id]
    block, element = found[0] if found else ({"block_id": "gone"}, {"text": {"type": "plain_text", "text": "?"}})
    channel = str(message.get("channel", "C0CHAN"))
    container = {"type": "message", "message_ts": message.get("ts", ""), "channel_id": channel,
                 "is_ephemeral": False}
    if message.get("thread_ts"):
        container["thread_ts"] = message["thread_ts"]
    return {"type": "block_actions", "user": {"id": user_id, "username": "reader", "name": "reader",
                                              "team_id": "T0TEAM"},
            "api_app_id": "A0APP", "token": "deprecated-verification-token", "container": container,
            "trigger_id": "1.2.click", "team": {"id": "T0TEAM", "domain": "example"}, "enterprise": None,
            "is_enterprise_install": False, "channel": {"id": channel, "name": "news"},
            "message": {"type": "message", "ts": message.get("ts", ""), "text": message.get("text", ""),
                        "blocks": blocks, "bot_id": "B0BOT"},
            "state": {"values": {}}, "response_url": response_url,
            "actions": [{"action_id": action_id, "block_id": block.get("block_id", "b0"), "text": element["text"],
                         "value": element.get("value", ""), "type": "button",
                         "action_ts": str(message.get("ts") or "1.000001")}]}


def event_callback_payload(event: dict[str, Any], *, event_id: str = "Ev0001") -> dict[str, Any]:
    """The body Slack sends for an Events API event (HTTP POST as JSON, or a Socket Mode ``events_api`` payload)."""
    return {"token": "deprecated-verification-token", "team_id": "T0TEAM", "api_app_id": "A0APP",
            "event": event, "type": "event_callback", "event_id": event_id, "event_time": 1740821400,
            "authorizations": [{"enterprise_id": None, "team_id": "T0TEAM", "user_id": "U0BOT", "is_bot": True,
                                "is_enterprise_install": False}],
            "is_ext_shared_channel": False, "event_context": f"4-{event_id}"}


def im_message_event(text: str, *, user: str = "U0ALICE", channel: str = "D0ALICE", thread_ts: str | None = None,
                     **extra: Any) -> dict[str, Any]:
    """A ``message.im`` event as Slack sends it: what ``user`` typed in the app's DM ``channel`` (its Messages
    tab), with a fresh ts; ``extra`` overrides or adds fields (``subtype``, ``bot_id``, ``channel_type`` ...)."""
    ts = f"1764100000.{next(_event_ts):06d}"
    event: dict[str, Any] = {"type": "message", "channel": channel, "user": user, "text": text, "ts": ts,
                             "event_ts": ts, "channel_type": "im", "team": "T0TEAM", "client_msg_id": f"im-{ts}",
                             "blocks": [{"type": "rich_text", "block_id": "b1", "elements": []}]}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def home_opened_event(user: str, channel: str, *, tab: str = "home") -> dict[str, Any]:
    """An ``app_home_opened`` event as Slack sends it: ``user`` opened the app's ``tab``; ``channel`` is the app's DM
    with them. Like Slack, it carries no ``view`` before a Home tab was first published."""
    ts = f"1764100000.{next(_event_ts):06d}"
    return {"type": "app_home_opened", "user": user, "channel": channel, "tab": tab, "event_ts": ts}


class FakeSlack:
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

    @property
    def connection(self) -> web.WebSocketResponse | None:
        """The Socket Mode connection envelopes go over: the latest client's, unless ``use_connection`` chose one."""
        return self._ws

    def use_connection(self, connection: web.WebSocketResponse) -> None:
        """Send the next envelopes over ``connection`` (the fake serves one client at a time; a benchmark runs
        several and keeps each one's ``connection``)."""
        self._ws = connection

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
            address = self.socket_address or f"127.0.0.1:{self.port}"
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

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._ws = ws
        self.socket_connections += 1
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1,
                                      "connection_info": {"app_id": "A0APP"}}))
        await self._notify()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = json.loads(msg.data)
                if "envelope_id" in data:
                    self.socket_acks.append(data)
                    await self._notify()
        return ws

    async def push_slash_command(self, payload: dict[str, str]) -> str:
        """Send a slash command over the current Socket Mode connection; returns its envelope id."""
        assert self._ws is not None, "no Socket Mode connection"
        envelope_id = f"env-{next(self._ids)}"
        await self._ws.send_str(json.dumps({"envelope_id": envelope_id, "type": "slash_commands",
                                            "accepts_response_payload": True, "payload": payload}))
        return envelope_id

    async def push_interactive(self, payload: dict[str, Any]) -> str:
        """Send an interaction (a button click's ``block_actions``) over Socket Mode; returns its envelope id."""
        assert self._ws is not None, "no Socket Mode connection"
        envelope_id = f"env-{next(self._ids)}"
        await self._ws.send_str(json.dumps({"envelope_id": envelope_id, "type": "interactive",
                                            "accepts_response_payload": False, "payload": payload}))
        return envelope_id

    async def push_event(self, payload: dict[str, Any], *, retry_attempt: int = 0) -> str:
        """Send an Events API callback (``event_callback_payload``) over Socket Mode; returns its envelope id.
        ``retry_attempt``: Slack's count of earlier deliveries it thinks went unacknowledged."""
        assert self._ws is not None, "no Socket Mode connection"
        envelope_id = f"env-{next(self._ids)}"
        await self._ws.send_str(json.dumps({"envelope_id": envelope_id, "type": "events_api",
                                            "accepts_response_payload": False, "retry_attempt": retry_attempt,
                                            "retry_reason": "timeout" if retry_attempt else "",
                                            "payload": payload}))
        return envelope_id

    async def send_event(self, event: dict[str, Any], *, http_port: int | None = None, retry: int = 0) -> None:
        """Deliver one event as Slack does: over the Socket Mode connection (until the app acks it) or, with
        ``http_port``, as a signed JSON POST to the app's Request URL (answered 200). ``retry``: a redelivery
        (Socket Mode ``retry_attempt``, HTTP ``X-Slack-Retry-Num`` with ``X-Slack-Retry-Reason``)."""
        ts = event.get("ts") or event.get("event_ts") or "0"
        payload = event_callback_payload(event, event_id=f"Ev{str(ts).replace('.', '')}")
        if http_port is None:
            envelope = await self.push_event(payload, retry_attempt=retry)
            await self.wait_for(lambda: any(a["envelope_id"] == envelope for a in self.socket_acks))
            return
        body = json.dumps(payload)
        headers = {**sign(body), "Content-Type": "application/json"}
        if retry:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
        async with ClientSession() as session, session.post(
                f"http://127.0.0.1:{http_port}/slack/events", data=body.encode(), headers=headers) as response:
            assert response.status == 200, await response.text()

    async def open_app_home(self, user: str, channel: str, *, tab: str = "home", http_port: int | None = None) -> None:
        """``user`` opens the app's ``tab`` ("home" or "messages"): an ``app_home_opened`` event, over Socket Mode
        or, with ``http_port``, as a signed HTTP POST (see ``send_event``)."""
        await self.send_event(home_opened_event(user, channel, tab=tab), http_port=http_port)

    async def send_disconnect(self) -> None:
        """Ask the client to reconnect, as Slack does before rotating its servers."""
        assert self._ws is not None, "no Socket Mode connection"
        await self._ws.send_str(json.dumps({"type": "disconnect", "reason": "refresh_requested"}))


def form_body(fields: dict[str, str]) -> str:
    return urllib.parse.urlencode(fields)


def _json(data: dict[str, Any], *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(status=status, text=json.dumps(data), content_type="application/json", headers=headers)
