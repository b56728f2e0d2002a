"""Message history for the local Discord: ``GET /channels/{id}/messages`` over the messages it holds (those a test put
there, and the bot's own posts with their ``message_reference``), and messages as Discord keeps them, written when
the test says."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import discord

MAX_LIMIT = 100  # Discord's most per request; 50 when no limit is given


def history_page(messages: Sequence[dict[str, Any]], query: dict[str, str]) -> tuple[Any, int]:
    """(body, status) for ``GET /channels/{id}/messages?before=&after=&limit=`` as Discord answers it: with ``after``
    the ``limit`` messages right after that id, otherwise the ``limit`` newest (before ``before``, when given); newest
    first either way."""
    try:
        limit = int(query.get("limit", "50"))
        before = int(query["before"]) if "before" in query else None
        after = int(query["after"]) if "after" in query else None
    except ValueError:
        return {"message": "Invalid Form Body", "code": 50035}, 400
    if not 1 <= limit <= MAX_LIMIT:
        return {"message": "Invalid Form Body", "code": 50035,
                "errors": {"limit": {"_errors": [{"code": "NUMBER_TYPE_MAX"}]}}}, 400
    ordered = sorted(messages, key=lambda m: int(m["id"]))
    if before is not None:
        ordered = [m for m in ordered if int(m["id"]) < before]
    if after is not None:
        ordered = [m for m in ordered if int(m["id"]) > after]
    page = ordered[:limit] if after is not None and before is None else ordered[-limit:]
    return list(reversed(page)), 200


class Written:
    """Message ids for messages written at a given time: Discord's snowflakes carry their creation time."""

    def __init__(self) -> None:
        self._n = itertools.count(1)

    def id_at(self, when: datetime) -> str:
        """A new id of a message written at ``when`` (a few of them within one millisecond stay distinct)."""
        return str(discord.utils.time_snowflake(when) + next(self._n))


def history_message(message_id: str, channel_id: str, content: str, *, author: dict[str, Any], guild_id: str | None,
                    mentions: Sequence[dict[str, Any]] = (), roles: Sequence[str] = (), edited: str | None = None,
                    reply_to: str | None = None, kind: int = 0) -> dict[str, Any]:
    """A message as ``GET /channels/{id}/messages`` gives it (no ``guild_id`` in a DM; ``reply_to``: the id of the
    message it replies to, as its ``message_reference``)."""
    out: dict[str, Any] = {
        "id": message_id, "channel_id": channel_id, "type": 19 if reply_to else kind, "content": content,
        "author": author, "timestamp": discord.utils.snowflake_time(int(message_id)).isoformat(),
        "edited_timestamp": edited, "tts": False, "mention_everyone": False, "mention_roles": list(roles),
        "mentions": list(mentions), "attachments": [], "embeds": [], "components": [], "pinned": False, "flags": 0}
    if reply_to is not None:
        out["message_reference"] = {"type": 0, "message_id": reply_to, "channel_id": channel_id,
                                    **({"guild_id": guild_id} if guild_id else {})}
    if guild_id is not None:
        out["guild_id"] = guild_id
    return out
