"""Pure translation between Discord interaction data and the platform-neutral command layer."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Literal

from bot.adapter import PostFailure
from bot.commands.base import Command, Invocation, Option
from bot.models import ChannelRef

ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
NONCE_CHARS = 25  # Discord accepts a nonce string of at most 25 characters
NAME_MAX = 32
DESCRIPTION_MAX = 100
CHOICE_MAX = 100
CHOICES_PER_ANSWER = 25
UNKNOWN_USER = 10013  # JSON error codes Discord sends with a refused direct message
CANNOT_DM_USER = 50007
UNKNOWN_CHANNEL = 10003  # JSON error codes of a channel that refuses the bot itself (removed, deleted, hidden)
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013  # the bot sees the channel but lacks a permission for this request
UNKNOWN_MESSAGE = 10008  # a message (the briefing's first, to open its thread on) that was deleted
UNKNOWN_WEBHOOK = 10015  # an interaction's follow-up after its token expired (15 minutes): 404 Unknown Webhook
INVALID_WEBHOOK_TOKEN = 50027  # ... or 401 Invalid Webhook Token
# the bot's own permissions a briefing needs in a channel (``app_permissions`` in an interaction), in the order named
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
CREATE_PUBLIC_THREADS = 1 << 35  # with ``thread_per_briefing``: open each briefing's thread on its first message
SEND_MESSAGES_IN_THREADS = 1 << 38

# What a request was doing when Discord refused it: posting in the channel itself, opening the briefing's thread on
# the first message, or posting in that thread
PostStep = Literal["channel", "new thread", "thread"]

_NAME_JUNK = re.compile(r"[^a-z0-9_-]+")
# Discord's markup in message content: users <@id> <@!id>, roles <@&id>, channels <#id>, emoji <:name:id>
# <a:name:id>, timestamps <t:123:R>, slash-command mentions </brief whosaid:id>; and the mass pings
_MARKUP = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:-?\d+(?::[a-zA-Z])?|/[^<>:]+:\d+)>")
_MASS_PING = re.compile(r"@(?:everyone|here)\b", re.IGNORECASE)


def mention_text(content: str) -> str:
    """The words of a message that mentions the bot: every mention, ping, emoji and timestamp removed."""
    return _MASS_PING.sub(" ", _MARKUP.sub(" ", content))


def can_manage(permissions: int | None, user_id: str, admins: Sequence[str]) -> bool:
    """May this user change the channel's set-up?

    ``permissions`` is the member's resolved permission bitfield in the channel as Discord sends it
    in the interaction (``member.permissions``); None outside a server (a DM with the bot, which the
    user owns). Configured admins may always.
    """
    if user_id in admins:
        return True
    if permissions is None:
        return True
    return bool(permissions & (MANAGE_CHANNELS | ADMINISTRATOR))


def command_name(name: str) -> str:
    """A name Discord accepts for a command or option: lowercase, ``[a-z0-9_-]``, 1-32 chars."""
    cleaned = _NAME_JUNK.sub("-", name.lower()).strip("-")[:NAME_MAX]
    return cleaned or "x"


def description(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """Discord wants 1-100 characters; keep the first line and shorten with an ellipsis (to ``limit``, for room
    after it)."""
    line = (text.strip().splitlines() or ["…"])[0].strip() or "…"
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def join_args(options: Sequence[Option], values: Mapping[str, str]) -> str:
    """The free text a user would have typed: positionals in order, then ``keyword value`` pairs."""
    positional = [values[o.name] for o in options if not o.keyword and values.get(o.name)]
    keyword = [f"{o.name} {values[o.name]}" for o in options if o.keyword and values.get(o.name)]
    return " ".join(positional + keyword)


def post_problem(app_permissions: int, *, in_thread: bool) -> str | None:
    """What the bot must be granted to post briefings in the channel of an interaction, from ``app_permissions`` (its
    own resolved permissions there, as Discord sends them): View Channel, Send Messages (Send Messages in Threads in a
    thread) and Embed Links. None when it has them, is an Administrator, or Discord sent none (0: unknown)."""
    if not app_permissions or app_permissions & ADMINISTRATOR:
        return None
    send = ("Send Messages in Threads", SEND_MESSAGES_IN_THREADS) if in_thread else ("Send Messages", SEND_MESSAGES)
    needed = (("View Channel", VIEW_CHANNEL), send, ("Embed Links", EMBED_LINKS))
    missing = [name for name, bit in needed if not app_permissions & bit]
    if not missing:
        return None
    named = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    where = "this thread" if in_thread else "this channel"
    return f"the bot may not post briefings here: give it {named} in {where}"


def thread_problem(app_permissions: int, *, threads: bool, in_thread: bool) -> str | None:
    """With ``thread_per_briefing`` (``threads``), what the bot lacks to post each briefing in its own thread, from
    ``app_permissions``, saying what happens until then (a whole clause): without Create Public Threads the stories are
    posted in the channel itself (``post._thread_on``); with it but without Send Messages in Threads the thread opens
    and the parts after the first are refused in it. Both are named when both are missing, as granting only Create
    Public Threads would then cut briefings short. None outside thread mode, typed in a thread (no thread is opened
    there), for an Administrator, or when Discord sent none (0: unknown)."""
    if not threads or in_thread or not app_permissions or app_permissions & ADMINISTRATOR:
        return None
    send_in_threads = bool(app_permissions & SEND_MESSAGES_IN_THREADS)
    if not app_permissions & CREATE_PUBLIC_THREADS:
        named = "Create Public Threads" if send_in_threads else "Create Public Threads and Send Messages in Threads"
        return (f"the bot may not open a thread for each briefing here: give it {named} in this channel; "
                "until then each briefing's stories are posted in the channel itself")
    if not send_in_threads:
        return ("the bot may open each briefing's thread here but not post in it: give it Send Messages in Threads "
                "in this channel; until then each briefing stops after its first message")
    return None


def unknown_kind_note(kind: int, name: str | None = None) -> str:
    """With ``thread_per_briefing``, what a set-up reply says in a channel of a type briefbot does not know (a type
    newer than discord.py, a category): no thread is opened there, each briefing goes in the channel itself (a whole
    clause, as ``thread_problem``'s; ``name``: discord.py's name for the type, when it has one)."""
    what = f"type {kind}, {name}" if name else f"type {kind}"
    return (f"this is a kind of channel briefbot does not know (Discord channel {what}), so the bot cannot open a "
            "thread for each briefing here; each briefing is posted in the channel itself instead, if Discord takes "
            "messages there")


def token_expired(status: int, code: int) -> bool:
    """Whether Discord refused an interaction's follow-up because its token expired (15 minutes after the
    interaction): nothing more can be sent through it, the channel itself may still take a message."""
    return code in (INVALID_WEBHOOK_TOKEN, UNKNOWN_WEBHOOK) or status == 401


def to_invocation(command: Command, values: Mapping[str, object], *, user_id: str, channel_id: str,
                  permissions: int | None, admins: Sequence[str], now: datetime,
                  post_problem: str | None = None, post_note: str | None = None) -> Invocation:
    """An interaction's chosen subcommand and option values, as the command layer's Invocation; ``post_problem``:
    what the bot lacks to post in the channel (``post_problem()``), ``post_note``: what it lacks to post there as
    configured (``thread_problem()``), for a set-up reply to warn of."""
    given = {k: str(v) for k, v in values.items() if v is not None and str(v) != ""}
    return Invocation(
        command=command.name,
        args=join_args(command.options, given),
        user=user_id,
        channel=ChannelRef("discord", channel_id),
        options=given,
        can_manage=can_manage(permissions, user_id, admins),
        now=now,
        post_problem=post_problem,
        post_note=post_note,
    )


def action_invocation(verb: str, story_id: str, options: Sequence[Option], *, user_id: str, channel_id: str,
                      permissions: int | None, admins: Sequence[str], now: datetime) -> Invocation:
    """A click on a story's button as the command layer's Invocation: the verb with the story id as its
    argument, exactly as ``/brief <verb> <story id>`` would give it (``options``: the command's, whose
    first positional one takes the id; none for a verb the dispatcher lacks, which then says so)."""
    first = next((o.name for o in options if not o.keyword), None)
    return Invocation(
        command=verb,
        args=story_id,
        user=user_id,
        channel=ChannelRef("discord", channel_id),
        options={first: story_id} if first else {},
        can_manage=can_manage(permissions, user_id, admins),
        now=now,
    )


def post_nonce(key: str, part: int) -> str | None:
    """A stable nonce for part ``part`` of the delivery ``key``: a retried post reuses it, so Discord
    returns the earlier message instead of creating a duplicate. No key, no nonce."""
    if not key:
        return None
    return hashlib.sha256(f"{key}#{part}".encode()).hexdigest()[:NONCE_CHARS]


def choices(values: Sequence[str]) -> list[str]:
    """Autocomplete answers Discord accepts: at most 25, each 1-100 chars, no duplicates."""
    out: list[str] = []
    for value in values:
        value = value.strip()[:CHOICE_MAX]
        if value and value not in out:
            out.append(value)
        if len(out) == CHOICES_PER_ANSWER:
            break
    return out


def classify_status(status: int, code: int = 0) -> PostFailure:
    """Which post failures a later retry can fix: rate limits, server errors; not access or bad input."""
    if status == 429 or status >= 500:
        return "retryable"
    return "permanent"


def channel_refused(status: int, code: int) -> bool:
    """Whether Discord refused the channel itself (403 Missing Access, 404 Unknown Channel), not one message: a
    notice posted there would be refused the same way."""
    return (status, code) in ((403, MISSING_ACCESS), (404, UNKNOWN_CHANNEL))


def failure_reason(status: int, code: int, text: str, step: PostStep = "channel",
                   token_env: str = "DISCORD_TOKEN") -> str:
    """One clear line for the log and the configurer; ``step``: what the refused request was doing; ``token_env``:
    the setting the bot token came from, named when Discord refuses it (401: every channel alike)."""
    if status == 401:
        return (f"Discord refused the bot token from ${token_env} (HTTP 401, code {code}): it was reset or is "
                "wrong. Copy a new one (Developer Portal > your application > Bot > Reset Token), set "
                f"${token_env} to it and restart briefbot")
    if code == CANNOT_DM_USER:
        return (f"the user does not accept direct messages from the bot (HTTP {status}, code {code}): "
                "they share no server with it, blocked it, or turned off DMs from server members")
    if code == UNKNOWN_USER:
        return f"unknown user (HTTP {status}, code {code}): the user id is wrong or the account is gone"
    if status == 403 and step == "new thread":
        return (f"missing permissions (HTTP 403, code {code}): the bot cannot open a thread on its message; "
                "give it Create Public Threads (and Send Messages in Threads) there")
    if status == 403 and step == "thread":
        return (f"missing permissions (HTTP 403, code {code}): the bot cannot post in the briefing's thread; "
                "give it Send Messages in Threads there")
    if status == 403 and code == MISSING_PERMISSIONS:
        return (f"missing permissions (HTTP 403, code {code}): the bot sees this channel but may not post this "
                "message; give it Send Messages and Embed Links there")
    if status == 403:
        return (f"missing access (HTTP 403, code {code}): the bot cannot see or post in this channel; "
                "give it View Channel, Send Messages and Embed Links there")
    if status == 404 and step == "thread":
        return f"unknown thread (HTTP 404, code {code}): the briefing's thread (or forum post) was deleted"
    if status == 404 and code == UNKNOWN_MESSAGE:
        return (f"unknown message (HTTP 404, code {code}): the briefing's first message was deleted, "
                "so its thread cannot be opened")
    if status == 404:
        return f"unknown channel (HTTP 404, code {code}): check the channel id, or the bot was removed"
    if status == 429:
        return f"rate limited by Discord (HTTP 429): {text[:200]}"
    if status >= 500:
        return f"Discord server error (HTTP {status}): {text[:200]}"
    return f"Discord refused the message (HTTP {status}, code {code}): {text[:200]}"
