"""A local Discord on 127.0.0.1: REST API and gateway websocket, recording what it receives.

Direct messages work as on Discord: ``POST /users/@me/channels`` opens (or returns the existing) DM
channel with a user, and messages posted to it land in ``messages[dm id]``; ``dms`` maps user id to
DM id. Users in ``dms_closed`` refuse the bot's DMs (403, code 50007, when a message is sent). Posting
to a known user's id as if it were a channel gets 404 Unknown Channel, as on Discord.

The guild has three roles besides @everyone's: the one Discord makes for the bot (``BOT_ROLE_ID``, tagged with
the bot's id) and an unrelated one (``EDITORS_ROLE_ID``). ``add_thread`` opens a thread under a channel
(THREAD_CREATE, and in GUILD_CREATE on later connections; ``GET /channels/{id}`` knows it either way).
``POST /channels/{id}/typing`` answers 204 and is recorded like every request.

Channel webhooks (``add_webhook``; URLs ``/api/webhooks/{id}/{token}`` as Discord gives them) take a message and
answer it as Discord does: the message JSON with ``?wait=true`` (204 without), 404 code 10015 "Unknown Webhook" once
``delete_webhook``, 401 code 50027 for a wrong token, 400 for interactive components (the webhook is not an
application's). ``fail("POST", r"/webhooks/.*", 429)`` injects failures there too (a 429 with ``retry_after`` and a
Retry-After header). What they post lands in ``messages[channel id]`` with its ``webhook_id``.

``GET /channels/{id}/messages`` pages through ``messages[id]`` (discord_history.py), the bot's posts with their
``message_reference``; a channel in ``history_forbidden`` answers it 403 (no Read Message History). ``ids_from(when)``
makes the next ids those of things created at ``when``.

As on Discord: a nonce returns the earlier message only within ``nonce_window`` seconds (its clock moves only by
``advance``); a message's second thread is refused (400, 160004); a forum post's first message has the thread's id.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import discord
import yarl
from aiohttp import WSMsgType, web
from discord_history import history_page
from discord_limits import component_problems, embed_problems
from fake_failures import Failure, Recorded, due_failure, failure_answer
from fake_failures import json_answer as _json

BOT_ID = "900000000000000001"
APP_ID = "900000000000000002"
GUILD_ID = "900000000000000003"
CHANNEL_ID = "900000000000000004"
FORUM_ID = "900000000000000005"
BOT_ROLE_ID = "900000000000000006"  # the role Discord makes for the bot in a server it joins, named like it
EDITORS_ROLE_ID = "900000000000000007"
NONCE_WINDOW = 3600.0  # seconds the fake honours a nonce by default: longer than any test runs on its clock
THREAD_EXISTS = 160004


@dataclass
class FakeDiscord:
    """The fake server's state: start() it, point discord.py at ``api_base`` and ``gateway_url``."""

    requests: list[Recorded] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    dms: dict[str, str] = field(default_factory=dict)  # user id -> the bot's DM channel with them
    dms_closed: set[str] = field(default_factory=set)  # users who do not accept DMs from the bot
    users_seen: set[str] = field(default_factory=set)  # ids of users who sent commands or got a DM
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)  # thread id -> its channel payload
    identifies: int = 0
    resumes: int = 0
    shards: int = 1  # the shard count GET /gateway/bot gives a sharded client
    interactions_sent: int = 0
    interaction_types: dict[str, int] = field(default_factory=dict)  # interaction id -> its type (2 command, 3 click)
    guilds: dict[str, str] = field(default_factory=lambda: {GUILD_ID: "Test guild"})  # servers the bot is in
    webhooks: dict[str, tuple[str, str]] = field(default_factory=dict)  # channel webhook id -> (token, channel)
    holds: list[tuple[str, str]] = field(default_factory=list)  # (method, path pattern): the next such request waits
    held: list[str] = field(default_factory=list)  # paths of the requests waiting for release()
    history_forbidden: set[str] = field(default_factory=set)  # channels whose history the bot may not read (403)
    nonce_window: float = NONCE_WINDOW  # seconds a nonce returns the earlier message (Discord: a few minutes)
    now: float = 0.0  # the fake's clock, in seconds: only ``advance`` moves it
    threaded: set[str] = field(default_factory=set)  # ids of messages a thread was opened on
    kinds: dict[str, int] = field(default_factory=dict)  # channel id -> the type GET /channels/{id} answers (else 0)
    port: int = 0
    _sent_at: dict[str, float] = field(default_factory=dict)  # message id -> ``now`` when it was stored
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(910000000000000000))
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _ws: web.WebSocketResponse | None = None
    _seq: int = 0
    _runner: web.AppRunner | None = None
    _ready: asyncio.Event = field(default_factory=asyncio.Event)
    _released: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gw"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gw", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        app.router.add_post("/api/webhooks/{id}/{token}", self._channel_webhook)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass on the fake's clock (a nonce older than ``nonce_window`` no longer matches)."""
        self.now += seconds

    def new_id(self) -> str:
        return str(next(self._ids))

    def ids_from(self, when: datetime) -> None:
        """The next ids are snowflakes of ``when`` (the bot's posts then sort after messages written before it)."""
        self._ids = itertools.count(discord.utils.time_snowflake(when))

    def add_webhook(self, channel_id: str = CHANNEL_ID) -> str:
        """A new webhook of ``channel_id`` (Edit Channel > Integrations > Webhooks); its URL, token included."""
        webhook_id = self.new_id()
        self.webhooks[webhook_id] = (f"whtok-{webhook_id}-abcdefghijklmnopqrstuvwxyz0123456789_ABCDEFGH", channel_id)
        return f"http://127.0.0.1:{self.port}/api/webhooks/{webhook_id}/{self.webhooks[webhook_id][0]}"

    def delete_webhook(self, url: str) -> None:
        self.webhooks.pop(url.rstrip("/").split("/")[-2], None)

    def hold(self, method: str, pattern: str) -> None:
        """Keep the next matching request waiting, unanswered, until ``release()`` (Discord slow to take it in)."""
        self.holds.append((method, pattern))

    def release(self) -> None:
        """Let the held requests through: each is then answered as usual."""
        self._released.set()

    def fail(self, method: str, pattern: str, status: int, **kw: Any) -> None:
        self.failures.append(Failure(method, pattern, status, **kw))

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait (on the fake's own notifications, never a sleep) until ``predicate`` holds."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def wait_ready(self, timeout: float = 5.0) -> None:
        await asyncio.wait_for(self._ready.wait(), timeout)

    def calls(self, method: str, pattern: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, r.path)]

    @property
    def connection(self) -> web.WebSocketResponse | None:
        """The gateway connection events go over: the latest client's, unless ``use_connection`` chose one."""
        return self._ws

    def use_connection(self, connection: web.WebSocketResponse) -> None:
        """Send the next events over ``connection`` (the fake serves one client at a time; a benchmark runs
        several and keeps each one's ``connection``)."""
        self._ws = connection

    async def add_thread(self, parent_id: str = CHANNEL_ID, *, owner: str = "42", name: str = "a thread",
                         announce: bool = True) -> str:
        """A public thread (type 11) under ``parent_id``, opened by ``owner``; ``announce``: dispatch
        THREAD_CREATE now (without it the client first hears of the thread from a message in it). Its id."""
        thread = self.channel(self.new_id(), 11, name, parent=parent_id)
        thread["owner_id"] = owner
        self.threads[thread["id"]] = thread
        if announce:
            await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return str(thread["id"])

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- REST ---------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body = await request.json() if request.body_exists else None
        rec = Recorded(request.method, path, dict(request.query), dict(request.headers), body)
        self.requests.append(rec)
        try:
            await self._wait_if_held(rec)
            return await self._answer(rec)
        finally:
            await self._notify()

    async def _wait_if_held(self, rec: Recorded) -> None:
        for hold in self.holds:
            if hold[0] == rec.method and re.fullmatch(hold[1], rec.path):
                self.holds.remove(hold)
                self.held.append(rec.path)
                await self._notify()
                await self._released.wait()
                self.held.remove(rec.path)
                return

    async def _answer(self, rec: Recorded) -> web.StreamResponse:
        failure = due_failure(self.failures, rec.method, rec.path)
        if failure is None:
            return self._route(rec)
        if failure.commit:
            self._route(rec)
        return failure_answer(failure)

    async def _channel_webhook(self, request: web.Request) -> web.Response:
        """POST /api/webhooks/{id}/{token}: a message through a channel webhook."""
        webhook_id, token = request.match_info["id"], request.match_info["token"]
        body = await request.json() if request.body_exists else None
        rec = Recorded("POST", f"/webhooks/{webhook_id}/{token}", dict(request.query), dict(request.headers), body)
        self.requests.append(rec)
        try:
            failure = due_failure(self.failures, "POST", rec.path)
            if failure is not None and failure.status == 429:
                return _json({"message": "You are being rate limited.", "retry_after": failure.retry_after,
                              "global": False}, 429, {"Retry-After": str(max(1, round(failure.retry_after)))})
            if failure is not None:
                return failure_answer(failure)
            known = self.webhooks.get(webhook_id)
            if known is None:
                return _json({"message": "Unknown Webhook", "code": 10015}, 404)
            if known[0] != token:
                return _json({"message": "Invalid Webhook Token", "code": 50027}, 401)
            if not isinstance(body, dict):
                return _json({"message": "Cannot send an empty message", "code": 50006}, 400)
            problems = embed_problems(body)
            if body.get("components"):  # interactive components need an application-owned webhook
                problems.append("components: not allowed on a webhook no application owns")
            if problems:
                return _json({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)
            msg = {**self.message(known[1], body), "webhook_id": webhook_id}
            self.messages.setdefault(known[1], []).append(msg)
            if request.query.get("wait") != "true":
                return web.Response(status=204)
            return _json(msg)
        finally:
            await self._notify()

    def _route(self, rec: Recorded) -> web.Response:
        path, body = rec.path, rec.body or {}
        if path == "/users/@me":
            return _json(self.user(BOT_ID, "briefbot", bot=True))
        if path == "/users/@me/guilds":
            return self._my_guilds(rec.query)
        if path == "/users/@me/channels" and rec.method == "POST":
            return self._open_dm(str(body.get("recipient_id", "")))
        if path == "/oauth2/applications/@me":
            return _json({"id": APP_ID, "name": "briefbot", "description": "", "icon": None,
                          "bot_public": True, "bot_require_code_grant": False, "verify_key": "00",
                          "owner": self.user("1", "owner"), "flags": 0})
        if path == "/gateway/bot":
            return _json({"url": self.gateway_url, "shards": self.shards,
                          "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                                  "max_concurrency": 1}})
        if rec.method == "PUT" and re.fullmatch(r"/applications/\d+(/guilds/\d+)?/commands", path):
            return _json([{**c, "id": self.new_id(), "application_id": APP_ID, "version": "1",
                           "default_member_permissions": c.get("default_member_permissions")}
                          for c in body])
        m = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path)
        if m:
            kind = body.get("type")
            problems = component_problems(body.get("data") or {})
            if problems:
                return _json({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)
            msg = self.message(CHANNEL_ID, body.get("data") or {}) if kind == 4 else None
            out: dict[str, Any] = {"interaction": {"id": m[1], "type": self.interaction_types.get(m[1], 2),
                                                   "response_message_loading": kind == 5}}
            if msg is not None:
                out["resource"] = {"type": 4, "message": msg}
            return _json(out)
        if re.fullmatch(r"/webhooks/\d+/[^/]+(/messages/@original)?", path):
            if rec.method == "DELETE":
                return web.Response(status=204)
            problems = component_problems(body)
            if problems:
                return _json({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)
            return _json(self.message(CHANNEL_ID, body))
        m = re.fullmatch(r"/channels/(\d+)/messages", path)
        if m and rec.method == "POST":
            return self._channel_message(m[1], body)
        if m and rec.method == "GET" and m[1] in self.history_forbidden:
            return _json({"message": "Missing Access", "code": 50001}, 403)
        if m and rec.method == "GET":
            return _json(*history_page(self.messages.get(m[1], []), rec.query))
        if re.fullmatch(r"/channels/\d+/typing", path) and rec.method == "POST":
            return web.Response(status=204)
        m = re.fullmatch(r"/channels/(\d+)/messages/(\d+)/threads", path)
        if m and m[2] in self.threaded:
            return _json({"message": "A thread has already been created for this message", "code": THREAD_EXISTS},
                         400)
        if m:
            self.threaded.add(m[2])
            return _json(self.channel(m[2], 11, body.get("name", ""), parent=m[1]), 201)
        m = re.fullmatch(r"/channels/(\d+)/threads", path)
        if m:
            thread = self.channel(self.new_id(), 11, body.get("name", ""), parent=m[1])
            first = self._store(thread["id"], body.get("message") or {}, message_id=thread["id"])  # the thread's id
            return _json({**thread, "message": first}, 201)
        m = re.fullmatch(r"/channels/(\d+)", path)
        if m and m[1] in self.threads:
            return _json(self.threads[m[1]])
        if m and m[1] in self.dms.values():
            user = next(u for u, dm in self.dms.items() if dm == m[1])
            return _json({"id": m[1], "type": 1, "last_message_id": None, "flags": 0,
                          "recipients": [self.user(user, f"user{user}")]})
        if m:
            return _json(self.channel(m[1], self.kinds.get(m[1], 15 if m[1] == FORUM_ID else 0), "news"))
        return _json({"message": f"fake has no route {rec.method} {path}", "code": 0}, 404)

    def _my_guilds(self, query: dict[str, str]) -> web.Response:
        """GET /users/@me/guilds: partial guilds in id order, after ``after`` and at most ``limit`` (200)."""
        after = int(query.get("after", "0"))
        ids = sorted((g for g in self.guilds if int(g) > after), key=int)[:int(query.get("limit", "200"))]
        return _json([{"id": g, "name": self.guilds[g], "icon": None, "banner": None, "owner": False,
                       "permissions": "2147483647", "features": []} for g in ids])

    def _open_dm(self, user_id: str) -> web.Response:
        if not user_id.isdigit():
            return _json({"message": "Invalid Form Body", "code": 50035,
                          "errors": {"recipient_id": {"_errors": [{"code": "NUMBER_TYPE_COERCE"}]}}}, 400)
        self.users_seen.add(user_id)
        dm_id = self.dms.setdefault(user_id, self.new_id())
        return _json({"id": dm_id, "type": 1, "last_message_id": None, "flags": 0,
                      "recipients": [self.user(user_id, f"user{user_id}")]})

    def _channel_message(self, channel_id: str, body: dict[str, Any]) -> web.Response:
        if channel_id in self.users_seen:  # a user id is not a channel: the DM has its own id
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        if any(dm == channel_id and user in self.dms_closed for user, dm in self.dms.items()):
            return _json({"message": "Cannot send messages to this user", "code": 50007}, 403)
        problems = embed_problems(body)
        if problems:
            return _json({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)
        nonce = body.get("nonce")
        if nonce and body.get("enforce_nonce"):
            for existing in self.messages.get(channel_id, []):
                recent = self.now - self._sent_at.get(existing["id"], self.now) < self.nonce_window
                if existing.get("nonce") == nonce and recent:
                    return _json(existing)
        return _json(self._store(channel_id, body))

    def _store(self, channel_id: str, body: dict[str, Any], message_id: str | None = None) -> dict[str, Any]:
        msg = self.message(channel_id, body)
        if message_id is not None:
            msg["id"] = message_id
        self._sent_at[msg["id"]] = self.now
        self.messages.setdefault(channel_id, []).append(msg)
        return msg

    # ---- payload builders ---------------------------------------------------------------------

    def user(self, user_id: str, name: str, bot: bool = False) -> dict[str, Any]:
        return {"id": user_id, "username": name, "discriminator": "0", "avatar": None,
                "global_name": name, "bot": bot}

    def channel(self, channel_id: str, kind: int, name: str, parent: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"id": channel_id, "type": kind, "name": name, "guild_id": GUILD_ID,
                               "position": 0, "permission_overwrites": []}
        if parent:
            out.update(parent_id=parent, owner_id=BOT_ID, message_count=0, member_count=1, flags=0,
                       rate_limit_per_user=0, total_message_sent=0,
                       thread_metadata={"archived": False, "auto_archive_duration": 1440,
                                        "archive_timestamp": "2025-01-01T00:00:00+00:00", "locked": False})
        return out

    def roles(self) -> list[dict[str, Any]]:
        """@everyone (its id is the guild's), the bot's own managed role, and a role people gave themselves."""
        def role(role_id: str, name: str, position: int, **extra: Any) -> dict[str, Any]:
            return {"id": role_id, "name": name, "position": position, "permissions": "0", "hoist": False,
                    "managed": False, "mentionable": True, "flags": 0, **extra}
        return [role(GUILD_ID, "@everyone", 0), role(BOT_ROLE_ID, "briefbot", 1, managed=True, mentionable=False,
                                                       tags={"bot_id": BOT_ID}),
                role(EDITORS_ROLE_ID, "editors", 2)]

    def message(self, channel_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return {"id": self.new_id(), "channel_id": channel_id, "type": 0,
                "author": self.user(BOT_ID, "briefbot", bot=True), "content": body.get("content") or "",
                "timestamp": "2025-01-01T00:00:00+00:00", "edited_timestamp": None, "tts": False,
                "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
                "embeds": body.get("embeds") or [], "components": body.get("components") or [],
                "pinned": False, "flags": body.get("flags") or 0,
                "nonce": body.get("nonce"), "allowed_mentions": body.get("allowed_mentions"),
                **({"message_reference": body["message_reference"]} if body.get("message_reference") else {})}

    # ---- gateway ------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45000}, "s": None, "t": None}))
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                break
            msg = json.loads(frame.data)
            if msg["op"] == 1:
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
            elif msg["op"] == 2:
                self.identifies += 1
                shard = msg["d"].get("shard")
                await self.dispatch("READY", {
                    "v": 10, "user": self.user(BOT_ID, "briefbot", bot=True),
                    "guilds": [{"id": GUILD_ID, "unavailable": True}], "session_id": "fake-session",
                    "resume_gateway_url": self.gateway_url, "application": {"id": APP_ID, "flags": 0},
                    **({"shard": shard} if shard else {})})
                await self.dispatch("GUILD_CREATE", {
                    "id": GUILD_ID, "name": "Test guild", "unavailable": False, "member_count": 2,
                    "roles": self.roles(), "emojis": [], "members": [], "features": [],
                    "channels": [{"id": CHANNEL_ID, "type": 0, "name": "news", "position": 0,
                                  "permission_overwrites": []}], "threads": list(self.threads.values())})
                self._ready.set()
            elif msg["op"] == 6 and msg["d"].get("session_id") != "fake-session":  # no session to resume
                await ws.send_str(json.dumps({"op": 9, "d": False, "s": None, "t": None}))  # as Discord: identify
            elif msg["op"] == 6:
                self.resumes += 1
                await self.dispatch("RESUMED", {})
                self._ready.set()
            await self._notify()
        if self._ws is ws:
            self._ws = None
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "no gateway connection"
        self._seq += 1
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def force_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client must drop the socket and RESUME on a new one."""
        assert self._ws is not None
        self._ready.clear()
        await self._ws.send_str(json.dumps({"op": 7, "d": None, "s": None, "t": None}))

    async def push_command(self, sub: str, options: dict[str, Any], *, user_id: str = "42",
                           permissions: int = 0, kind: int = 2, focused: str | None = None,
                           dm_channel: str | None = None) -> str:
        """Dispatch INTERACTION_CREATE for ``/brief sub ...``; returns the interaction id. ``dm_channel``: sent in
        that direct-message channel with the bot, as Discord sends one there (no guild, no member)."""
        opts = [{"name": k, "type": 4 if isinstance(v, int) else 3, "value": v,
                 **({"focused": True} if k == focused else {})} for k, v in options.items()]
        return await self._interaction(kind, {"id": "1", "name": "brief", "type": 1,
                                              "options": [{"name": sub, "type": 1, "options": opts}]},
                                       user_id=user_id, permissions=permissions, dm_channel=dm_channel)

    async def push_click(self, custom_id: str, message: dict[str, Any], *, user_id: str = "42",
                         permissions: int = 0) -> str:
        """Dispatch INTERACTION_CREATE of type 3 (MESSAGE_COMPONENT): a click on the button ``custom_id`` under
        ``message`` (as stored here; Discord always sends the message the component is on). Returns its id."""
        return await self._interaction(3, {"custom_id": custom_id, "component_type": 2}, user_id=user_id,
                                       permissions=permissions, message=message)

    async def _interaction(self, kind: int, data: dict[str, Any], *, user_id: str, permissions: int,
                           dm_channel: str | None = None, **extra: Any) -> str:
        inter_id = self.new_id()
        member = {"user": self.user(user_id, f"user{user_id}"), "roles": [], "flags": 0,
                  "joined_at": "2025-01-01T00:00:00+00:00", "deaf": False, "mute": False,
                  "permissions": str(permissions)}
        self.interactions_sent += 1
        self.interaction_types[inter_id] = kind
        self.users_seen.add(user_id)
        common = {"id": inter_id, "application_id": APP_ID, "type": kind, "token": f"tok{inter_id}", "version": 1,
                  "attachment_size_limit": 8388608, "app_permissions": "2147483647", "locale": "en-US",
                  "entitlements": [], "data": data, **extra}
        if dm_channel is not None:  # context 1 (BOT_DM): a user and a DM channel, no guild, member or permissions
            await self.dispatch("INTERACTION_CREATE", {
                **common, "channel_id": dm_channel, "channel": {"id": dm_channel, "type": 1},
                "user": self.user(user_id, f"user{user_id}"), "authorizing_integration_owners": {"1": user_id},
                "context": 1})
            return inter_id
        await self.dispatch("INTERACTION_CREATE", {
            **common, "guild_id": GUILD_ID, "channel_id": CHANNEL_ID,
            "channel": {"id": CHANNEL_ID, "type": 0, "guild_id": GUILD_ID}, "member": member,
            "guild_locale": "en-US", "authorizing_integration_owners": {"0": GUILD_ID}, "context": 0})
        return inter_id


@asynccontextmanager
async def running_fake_discord(make: Callable[[], FakeDiscord] = FakeDiscord) -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord (``make``'s) with discord.py pointed at it; discord.py's URLs are restored after."""
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    server = make()
    await server.start()
    discord.http.Route.BASE = server.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(server.gateway_url)
    try:
        yield server
    finally:
        await server.stop()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
