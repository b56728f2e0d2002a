"""Send rendered messages to a Discord channel, a briefing's thread or a user's DM; failures become PostError."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import aiohttp
import discord

from adapters.discord.text_fallback import layout_refused, text_version
from adapters.discord.translate import (
    UNKNOWN_CHANNEL,
    UNKNOWN_MESSAGE,
    PostStep,
    channel_refused,
    classify_status,
    failure_reason,
    post_nonce,
)
from bot.adapter import PartPosted, PostError, parse_retry_after
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


def _error(channel: ChannelRef, exc: BaseException, posted: Sequence[str], step: PostStep = "channel",
           token_env: str = "DISCORD_TOKEN") -> PostError:
    """Turn what discord.py or aiohttp raised into a PostError, with one clear log line. ``step``: what the failed
    request was doing; only a refusal of the channel itself (not of the briefing's thread) is ``channel_refused``;
    ``token_env``: the variable the bot token came from, named when Discord refuses it."""
    retry_after: float | None = None
    refused = token = False
    if isinstance(exc, discord.HTTPException):
        token = exc.status == 401  # the bot's own token: bot-wide, the delivery tells it once
        kind = classify_status(exc.status, exc.code)
        reason = failure_reason(exc.status, exc.code, exc.text, step, token_env)
        refused = step == "channel" and channel_refused(exc.status, exc.code)
        if exc.status == 429:  # still limited after discord.py's own retries: its last answer's Retry-After
            retry_after = _retry_after_header(getattr(exc, "response", None))
    elif isinstance(exc, discord.RateLimited):
        kind, reason = "retryable", f"rate limited for {exc.retry_after:.0f}s"
        retry_after = parse_retry_after(exc.retry_after)  # the delivery retries no earlier
    else:  # connection refused/reset, timeouts: Discord unreachable for now
        kind, reason = "retryable", f"cannot reach Discord: {type(exc).__name__}: {exc}"
    level = logging.INFO if token else logging.ERROR if kind == "permanent" else logging.WARNING
    where = f"{channel.key} (a direct message)" if channel.is_user else channel.key
    log.log(level, "discord: posting to %s failed (%s, %d message(s) already out): %s", where, kind,
            len(posted), reason)
    return PostError(channel, kind, reason, posted, retry_after=retry_after, channel_refused=refused,
                     token_refused=token)


def _retry_after_header(response: Any) -> float | None:
    """Seconds from a response's Retry-After header, when it has a usable one."""
    headers = getattr(response, "headers", None)
    return parse_retry_after(headers.get("Retry-After") if headers is not None else None)


_FAILURES = (discord.HTTPException, discord.RateLimited, aiohttp.ClientError, asyncio.TimeoutError, OSError)


class _Sending:
    """One post's progress: the ids out so far (in order, the ledger's first), reported through ``on_part`` as each
    goes out, and what the request under way is doing (for the failure's reason)."""

    def __init__(self, posted: Sequence[str], on_part: PartPosted | None) -> None:
        self.ids = list(posted)
        self.step: PostStep = "channel"
        self.channel: Any = None  # in thread mode, the channel itself: where the rest go when the thread is gone
        self._on_part = on_part

    async def sent(self, message_id: str) -> None:
        self.ids.append(message_id)
        if self._on_part is not None:
            await self._on_part(message_id)  # in the ledger before the next request


async def send_messages(client: discord.Client, channel: ChannelRef, messages: Sequence[Message], *,
                        key: str = "", thread_name: str = "", posted: Sequence[str] = (),
                        on_part: PartPosted | None = None, token_env: str = "DISCORD_TOKEN") -> list[str]:
    """Post ``messages`` in order; returns their ids. With ``thread_name``, the first message opens a
    thread (or a forum post) holding the rest. A user's ref (``is_user``) is sent as a direct message.

    ``posted``: the ids of the first parts, out already (a retry, as the delivery ledger recorded them): only the
    rest are sent, in thread mode into the thread the first part opened (its id is the first part's). ``on_part`` is
    awaited with each new part's id before the next is sent. Each part also carries a nonce derived from ``key``, so
    a retry within Discord's nonce window (minutes) of a part whose answer was lost returns it instead of posting it
    twice (forum posts take no nonce). ``token_env``: the variable the bot token came from (a 401 names it)."""
    if channel.is_user and thread_name:
        raise PostError(channel, "permanent", "a direct message cannot hold a thread")
    progress = _Sending(posted, on_part)
    if progress.ids and len(progress.ids) >= len(messages):  # rendered in no more parts than went out: all out
        log.info("discord: %s already delivered to %s (%d part(s) out); not posting it twice", key or "the post",
                 channel.key, len(progress.ids))
        return progress.ids
    if progress.ids:
        log.info("discord: %d of %d part(s) of %s are already in %s; posting the rest", len(progress.ids),
                 len(messages), key or "the post", channel.key)
    try:
        target = await _destination(client, channel)
        if thread_name and messages:
            if progress.ids:
                target = await _reopen_thread(client, channel, target, thread_name, progress)
            else:
                target = await _open_thread(client, channel, target, thread_name, messages[0], key, progress)
        for part in range(len(progress.ids), len(messages)):
            try:
                sent = await _send(channel, target, messages[part], post_nonce(key, part))
            except discord.NotFound as exc:  # the briefing's thread is not there (any other 404 is raised again)
                target = await _thread_gone(channel, exc, progress)
                sent = await _send(channel, target, messages[part], post_nonce(key, part))
            await progress.sent(str(sent.id))
    except _FAILURES as exc:
        raise _error(channel, exc, progress.ids, progress.step, token_env) from exc
    return progress.ids


async def _send(ref: ChannelRef, target: Any, message: Message, nonce: str | None) -> Any:
    """One part; when Discord refuses its layout (400, code 50035: a limit the renderer did not foresee), its
    plain-text version instead, so the rest of the briefing still goes out."""
    try:
        return await target.send(**send_kwargs(message, nonce))
    except discord.HTTPException as exc:
        if not layout_refused(exc.status, exc.code):
            raise
        log.warning("discord: %s refused a part's layout (HTTP %s, code %s: %s); sending its plain-text version",
                    ref.key, exc.status, exc.code, exc.text[:200])
    return await target.send(**send_kwargs(text_version(message), nonce))


async def _fetched(client: discord.Client, ref: ChannelRef, channel: discord.PartialMessageable) -> Any:
    """The channel as Discord describes it, or ``channel`` itself when it is of a type discord.py has no class for (a
    type newer than it, a directory): such a channel is taken to hold no thread, and the whole briefing goes in it."""
    try:
        return await client.fetch_channel(channel.id)
    except discord.InvalidData as exc:
        log.info("discord: %s is of a channel type briefbot does not know (%s); no thread is opened there", ref.key,
                 exc)
        return channel


async def _open_thread(client: discord.Client, ref: ChannelRef, channel: discord.PartialMessageable, name: str,
                       first: Message, key: str, progress: _Sending) -> Any:
    """Post ``first`` (recorded at once) and return where the rest go: the thread it opened, or the channel
    itself when the bot may not open threads there or it holds none (a thread itself, as ``_reopen_thread`` has it)."""
    name = name[:THREAD_NAME_MAX] or "Briefing"
    fetched = await _fetched(client, ref, channel)
    if isinstance(fetched, discord.ForumChannel):  # a forum post: the thread and its first message at once
        # no nonce here: a retry finds the post through the first part's id (a starter message's id is its thread's)
        try:
            created = await fetched.create_thread(name=name, **send_kwargs(first))
        except discord.HTTPException as exc:  # as ``_send``: its plain-text version opens the post instead
            if not layout_refused(exc.status, exc.code):
                raise
            log.warning("discord: %s refused a part's layout (HTTP %s, code %s: %s); sending its plain-text "
                        "version", ref.key, exc.status, exc.code, exc.text[:200])
            created = await fetched.create_thread(name=name, **send_kwargs(text_version(first)))
        await progress.sent(str(created.message.id))
        progress.step = "thread"
        return created.thread
    # the fetched channel (not the partial one) carries the guild that thread creation needs
    sender = fetched if isinstance(fetched, discord.abc.Messageable) else channel
    sent = await _send(ref, sender, first, post_nonce(key, 0))
    await progress.sent(str(sent.id))  # out whatever happens to the thread
    if not isinstance(sender, discord.TextChannel):  # a thread (set up from inside one), a voice channel's chat
        log.info("discord: %s cannot hold a thread (%s); posting the whole briefing in it", ref.key,
                 getattr(sender, "type", "not a text channel"))
        return sender
    return await _thread_on(client, ref, sender, sent, name, progress)


async def _reopen_thread(client: discord.Client, ref: ChannelRef, channel: discord.PartialMessageable, name: str,
                         progress: _Sending) -> Any:
    """A retry: where the parts after those out go, so that one briefing's parts stay in one place. The briefing's
    first part is out, and a thread opened on it (or a forum post's) has its id. With only that part out, a thread not
    opened yet is opened now; with more, the thread is not opened now: those parts are in it, or (no thread on the
    first part: it was refused then, or deleted since) the rest go in the channel itself (``_thread_gone``)."""
    first_id = int(progress.ids[0])
    fetched = await _fetched(client, ref, channel)
    if isinstance(fetched, discord.ForumChannel):
        progress.step = "thread"
        return client.get_partial_messageable(first_id)
    sender = fetched if isinstance(fetched, discord.abc.Messageable) else channel
    first = sender.get_partial_message(first_id) if isinstance(sender, discord.TextChannel) else None
    if first is None:  # not a channel that holds threads: the rest go in it, as after a refused thread
        return sender
    if len(progress.ids) > 1:
        progress.channel, progress.step = sender, "thread"
        return client.get_partial_messageable(first_id)
    return await _thread_on(client, ref, sender, first, name[:THREAD_NAME_MAX] or "Briefing", progress)


async def _thread_on(client: discord.Client, ref: ChannelRef, channel: Any, first: Any, name: str,
                     progress: _Sending) -> Any:
    """The thread on the briefing's first message (opened now, or found open), or ``channel`` itself when the bot
    may not open one there (the rest go in the channel as plain messages), or when ``first`` was deleted."""
    progress.channel, progress.step = channel, "new thread"
    try:
        thread: Any = await first.create_thread(name=name)
    except discord.HTTPException as exc:
        if exc.status == 403:  # no Create Public Threads: the briefing still goes out, in the channel
            log.warning("discord: %s: %s; posting the rest of the briefing in the channel itself",
                        ref.key, failure_reason(exc.status, exc.code, exc.text, "new thread"))
            progress.step = "channel"
            return channel
        if exc.status == 404 and exc.code == UNKNOWN_MESSAGE:  # deleted before its thread was opened (a retry)
            log.warning("discord: %s: the briefing's first message was deleted (HTTP 404, code %d), so no thread can "
                        "be opened on it; posting the remaining parts in the channel itself", ref.key, exc.code)
            progress.step = "channel"
            return channel
        if exc.code != THREAD_EXISTS:
            raise
        # a retry of a post whose thread was made: a message's thread has the message's id
        thread = client.get_partial_messageable(first.id)
    progress.step = "thread"
    return thread


async def _thread_gone(ref: ChannelRef, exc: discord.NotFound, progress: _Sending) -> Any:
    """Posting in the briefing's thread answered 404 Unknown Channel: there is no thread on its first part. The rest
    go in the channel itself (no part twice, none skipped, the ledger's count of parts kept), and the log says why:
    the parts after the first are there already (the thread was refused when they went out), or the thread was
    deleted, with those parts in it. Raises ``exc`` for any other 404, or with no channel to go on in (a forum)."""
    channel = progress.channel
    if progress.step != "thread" or channel is None or exc.code != UNKNOWN_CHANNEL:
        raise exc
    progress.step = "channel"
    after_first = len(progress.ids) - 1
    where = await _where_second_part_is(channel, progress.ids)
    if where == "channel":
        log.info("discord: %s: the %d part(s) after the briefing's first are in the channel itself (its thread was "
                 "refused when they went out); posting the rest after them there", ref.key, after_first)
    elif where == "deleted":
        log.warning("discord: %s: the briefing's thread was deleted (HTTP 404, code %d), with the %d part(s) posted "
                    "in it; posting the remaining parts in the channel itself", ref.key, exc.code, after_first)
    else:
        log.warning("discord: %s: the briefing's first message has no thread (refused when its first parts went out, "
                    "or deleted since); posting the remaining parts in the channel itself", ref.key)
    return channel


async def _where_second_part_is(channel: Any, ids: Sequence[str]) -> str:
    """Where the part after the first went: "channel", "deleted" (it was in the thread, now gone: also when no part
    after the first is out yet), or "unknown" (the bot may not read the channel's history). Raises the 404 when the
    channel itself is gone (Unknown Channel)."""
    if len(ids) < 2:
        return "deleted"
    try:
        await channel.fetch_message(int(ids[1]))
    except discord.NotFound as exc:
        if exc.code == UNKNOWN_CHANNEL:  # the channel itself is gone, its thread with it: refused as the channel
            raise
        return "deleted"
    except discord.Forbidden:
        return "unknown"
    return "channel"
