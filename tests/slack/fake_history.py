"""What the local Slack answers to conversations.history / conversations.replies, from its posted messages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

Message = Mapping[str, Any]


def flag(value: Any) -> bool:
    """A boolean argument as Slack reads it from a query or form: true / 1."""
    return str(value).lower() in ("true", "1")


def read_messages(method: str, stored: Sequence[Message], args: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON answer: history is the channel's top-level messages, newest first; replies is a
    thread (parent first), oldest first. ``oldest``/``latest``/``inclusive`` bound both, ``limit`` and
    ``cursor`` page them, ``metadata`` is only returned with ``include_all_metadata``."""
    here = [m for m in stored if m["channel"] == str(args.get("channel", ""))]
    if method == "conversations.history":
        found = [m for m in reversed(here) if m.get("thread_ts", m["ts"]) == m["ts"]]
    else:
        parent = str(args.get("ts", ""))
        if not any(m["ts"] == parent for m in here):
            return {"ok": False, "error": "thread_not_found"}
        found = [m for m in here if m["ts"] == parent or m.get("thread_ts") == parent]
    inclusive = flag(args.get("inclusive"))
    if args.get("oldest"):
        oldest = Decimal(str(args["oldest"]))
        found = [m for m in found if Decimal(m["ts"]) > oldest or (inclusive and Decimal(m["ts"]) == oldest)]
    if args.get("latest"):
        latest = Decimal(str(args["latest"]))
        found = [m for m in found if Decimal(m["ts"]) < latest or (inclusive and Decimal(m["ts"]) == latest)]
    start = int(str(args.get("cursor") or "0").removeprefix("offset:"))
    limit = max(1, min(int(args.get("limit") or (100 if method == "conversations.history" else 1000)), 999))
    more = start + limit < len(found)
    with_metadata = flag(args.get("include_all_metadata"))
    return {"ok": True, "messages": [as_read(m, here, with_metadata) for m in found[start : start + limit]],
            "has_more": more, "response_metadata": {"next_cursor": f"offset:{start + limit}" if more else ""}}


def as_read(message: Message, channel_messages: Sequence[Message], with_metadata: bool) -> dict[str, Any]:
    """A stored message the way Slack returns it when read back (a thread parent has thread_ts = ts)."""
    out: dict[str, Any] = {"type": "message", "ts": message["ts"], "text": message.get("text", "")}
    out.update({"user": message["user"]} if "user" in message else {"user": "U0BOT", "bot_id": "B0BOT"})
    if message.get("thread_ts"):
        out["thread_ts"] = message["thread_ts"]
    replies = sum(1 for m in channel_messages if m.get("thread_ts") == message["ts"] != m["ts"])
    if replies:
        out.update(thread_ts=message["ts"], reply_count=replies)
    if with_metadata and message.get("metadata"):
        out["metadata"] = message["metadata"]
    return out
