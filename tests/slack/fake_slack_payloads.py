"""What Slack sends an app, as the local Slack builds it: signed requests, slash commands, clicks, events."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.parse
from typing import Any

BOT_TOKEN = "xoxb-fake-bot-token-0123456789"
APP_TOKEN = "xapp-fake-app-token-9876543210"
SIGNING_SECRET = "fake-signing-secret-abcdef0123456789"
_event_ts = itertools.count(1)


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


def form_body(fields: dict[str, str]) -> str:
    return urllib.parse.urlencode(fields)
