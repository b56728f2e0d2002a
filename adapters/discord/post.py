"""Send rendered messages to a Discord channel, a briefing's thread or a user's DM; failures become PostError."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import aiohttp
import discord

from adapters.discord.translate import classify_status, failure_reason, post_nonce
from bot.adapter import PostError, parse_retry_after
from bot.models import ChannelRef
from digests.render_discord import Message

log = logging.getLogger(__name__)

THREAD_NAME_MAX = 100
THREAD_EXISTS = 160004  # "A thread has already been created for this message" (a retried post)
FORUM = 15


def to_embeds(message: Message) -> list[discord.Embed]:
    return [discord.Embed.from_dict(e) for e in message.get("embeds", [])]


class StaticComponents(discord.ui.View):
    """The renderer's component dicts (action rows of story buttons), sent exactly as rendered.

    Why a View at all: discord.py's ``send``, ``create_thread``, interaction responses and follow-ups take
    components only as a ``view``, and keep the nonce/``enforce_nonce`` path of ``send`` intact. Why raw
    dicts inside it: the renderer owns the layout and its limits (and the tests check exactly what is
    sent), and the buttons are stateless: the custom_id carries the verb and story id, so a click is
    answered from ``on_interaction`` even after a restart. This view is therefore never listened to:
    ``is_finished`` keeps discord.py from storing it in its view store (no per-message memory, no timeout
    task), and a View registry to re-register after a restart is not needed.
    """

    def __init__(self, components: list[dict[str, Any]]) -> None:
        super().__init__(timeout=None)
        self._components = components

    def to_components(self) -> list[dict[str, Any]]:
        return self._components

    def is_dispatchable(self) -> bool:
        return False

    def is_finished(self) -> bool:
        return True


def send_kwargs(message: Message, nonce: str | None = None) -> dict[str, Any]:
    """Keyword arguments for ``send``; discord.py adds ``enforce_nonce`` whenever a nonce is given."""
    kwargs: dict[str, Any] = {"embeds": to_embeds(message)}
    if message.get("content"):
        kwargs["content"] = message["content"]
    if message.get("components"):
        kwargs["view"] = StaticComponents(message["components"])
    if nonce is not None:
        kwargs["nonce"] = nonce
    return kwargs


def _snowflake(channel: ChannelRef) -> int:
    if not channel.id.isdigit():
        what = "user" if channel.is_user else "channel"
        raise PostError(channel, "permanent", f"not a Discord {what} id: {channel.id!r}")
    return int(channel.id)


async def _destination(client: discord.Client, channel: ChannelRef) -> Any:
    """Where messages for ``channel`` go: the channel itself or, for a user, the bot's DM with them
    (``POST /users/@me/channels``; Discord returns the same DM channel every time, discord.py caches it)."""
    snowflake = _snowflake(channel)
    if channel.is_user:
        return await client.create_dm(discord.Object(snowflake))
    return client.get_partial_messageable(snowflake)


def _error(channel: ChannelRef, exc: BaseException, posted: Sequence[str]) -> PostError:
    """Turn what discord.py or aiohttp raised into a PostError, with one clear log line."""
    retry_after: float | None = None
    if isinstance(exc, discord.HTTPException):
        kind = classify_status(exc.status, exc.code)
        reason = failure_reason(exc.status, exc.code, exc.text)
        if exc.status == 429:  # still limited after discord.py's own retries: its last answer's Retry-After
            retry_after = _retry_after_header(getattr(exc, "response", None))
    elif isinstance(exc, discord.RateLimited):
        kind, reason = "retryable", f"rate limited for {exc.retry_after:.0f}s"
        retry_after = parse_retry_after(exc.retry_after)  # the delivery retries no earlier
    else:  # connection refused/reset, timeouts: Discord unreachable for now
        kind, reason = "retryable", f"cannot reach Discord: {type(exc).__name__}: {exc}"
    level = logging.ERROR if kind == "permanent" else logging.WARNING
    where = f"{channel.key} (a direct message)" if channel.is_user else channel.key
    log.log(level, "discord: posting to %s failed (%s, %d message(s) already out): %s", where, kind,
            len(posted), reason)
    return PostError(channel, kind, reason, posted, retry_after=retry_after)


def _retry_after_header(response: Any) -> float | None:
    """Seconds from a response's Retry-After header, when it has a usable one."""
    headers = getattr(response, "headers", None)
    return parse_retry_after(headers.get("Retry-After") if headers is not None else None)


_FAILURES = (discord.HTTPException, discord.RateLimited, aiohttp.ClientError, asyncio.TimeoutError, OSError)


async def send_messages(client: discord.Client, channel: ChannelRef, messages: Sequence[Message], *,
                        key: str = "", thread_name: str = "") -> list[str]:
    """Post ``messages`` in order; returns their ids. With ``thread_name``, the first message opens a
    thread (or a forum post) holding the rest. Each part carries a nonce derived from ``key`` so a
    retry returns the parts already posted instead of duplicating them. A user's ref (``is_user``)
    is sent as a direct message."""
    if channel.is_user and thread_name:
        raise PostError(channel, "permanent", "a direct message cannot hold a thread")
    posted: list[str] = []
    try:
        target = await _destination(client, channel)
        parts = list(enumerate(messages))
        if thread_name and parts:
            target, first_id = await _open_thread(client, target, thread_name, parts[0][1], key)
            posted.append(first_id)
            parts = parts[1:]
        for part, message in parts:
            sent = await target.send(**send_kwargs(message, post_nonce(key, part)))
            posted.append(str(sent.id))
    except _FAILURES as exc:
        raise _error(channel, exc, posted) from exc
    return posted


async def _open_thread(client: discord.Client, channel: discord.PartialMessageable, name: str,
                       first: Message, key: str) -> tuple[Any, str]:
    """Post ``first`` and return (the thread to post the rest into, the first message's id)."""
    name = name[:THREAD_NAME_MAX] or "Briefing"
    fetched = await client.fetch_channel(channel.id)
    if isinstance(fetched, discord.ForumChannel):  # a forum post: the thread and its first message at once
        created = await fetched.create_thread(name=name, **send_kwargs(first))
        return created.thread, str(created.message.id)
    # the fetched channel (not the partial one) carries the guild that thread creation needs
    sender = fetched if isinstance(fetched, discord.abc.Messageable) else channel
    sent = await sender.send(**send_kwargs(first, post_nonce(key, 0)))
    try:
        thread = await sent.create_thread(name=name)
    except discord.HTTPException as exc:
        if exc.code != THREAD_EXISTS:
            raise
        # a retry of a post whose thread was made: a message's thread has the message's id
        return client.get_partial_messageable(sent.id), str(sent.id)
    return thread, str(sent.id)
