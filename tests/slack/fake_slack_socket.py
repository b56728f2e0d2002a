"""The local Slack's Socket Mode side: the WebSocket a client connects to, and the envelopes pushed over it."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

from aiohttp import ClientSession, WSMsgType, web
from fake_slack_payloads import event_callback_payload, home_opened_event, sign


class SocketModeSide:
    """Socket Mode for ``FakeSlack``: ``/ws`` says hello and records each ack in ``socket_acks``; ``push_*`` and
    ``send_event`` send envelopes over the latest connection (or the one ``use_connection`` chose)."""

    _ws: web.WebSocketResponse | None
    _ids: itertools.count[int]
    socket_connections: int
    socket_acks: list[dict[str, Any]]

    async def _notify(self) -> None:
        raise NotImplementedError

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        raise NotImplementedError

    @property
    def connection(self) -> web.WebSocketResponse | None:
        """The Socket Mode connection envelopes go over: the latest client's, unless ``use_connection`` chose one."""
        return self._ws

    def use_connection(self, connection: web.WebSocketResponse) -> None:
        """Send the next envelopes over ``connection`` (the fake serves one client at a time; a benchmark runs
        several and keeps each one's ``connection``)."""
        self._ws = connection

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
