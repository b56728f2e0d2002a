"""Post rendered messages to Slack channels: threads for overflow, bounded retries, idempotent per key.

Across restarts too: each part of a keyed post carries metadata (key, part, parts); parts already in
the channel's recent history or the first part's thread are not posted again (docs/SLACK.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.translate import (
    CHANNEL_REFUSED_ERRORS,
    TOKEN_ERRORS,
    classify_failure,
    ephemeral_payload,
    message_payload,
    retry_delay,
)
from bot.adapter import PostError, parse_retry_after
from bot.models import ChannelRef
from digests.render_slack import SlackMessage

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Reader = Callable[..., Awaitable[AsyncSlackResponse]]

EVENT_TYPE = "briefbot_briefing"
# the host's clock and Slack's may disagree a little: look back this much before the briefing's time
HISTORY_MARGIN = timedelta(minutes=15)
HISTORY_PAGE_SIZE = 200
HISTORY_PAGES = 5  # a channel with more than 1,000 messages since the slot is not searched to the end
USER_NOT_IN_CHANNEL = "user_not_in_channel"  # chat.postEphemeral to someone not (any longer) in the channel
# missing_scope naming this scope refuses one channel, one the bot is not in; its token posts where it was invited
PUBLIC_SCOPE = "chat:write.public"
# the scopes whose lack refuses only some channels: a missing_scope is the channel's when it names only these
PER_CHANNEL_SCOPES = frozenset({PUBLIC_SCOPE})
# deliveries whose parts this process remembers, newest kept (a restart or an older key reads the channel's history)
KEYS_REMEMBERED = 256


def cannot_post_hint(channel: ChannelRef) -> str:
    """What to do when Slack refuses a channel for good: a DM (its id starts with D) is not fixed by an invite."""
    if channel.id.startswith("D"):
        return "The direct message is closed to the bot (the person left the workspace or the app was removed)"
    return "Invite the bot to the channel (/invite) or fix the channel id in the config"


def public_scope_reason(method: str = "chat.postMessage") -> str:
    """What a post refused for lacking ``PUBLIC_SCOPE`` says: this channel's failure (the bot is not in it), not the
    token's: it still posts in the channels it was invited to."""
    return (f"the bot is not in this channel and the app lacks the {PUBLIC_SCOPE} scope to post in channels it was "
            f"not invited to ({method}: missing_scope). Invite the bot to the channel (/invite @ and the app's "
            f"name), or add the {PUBLIC_SCOPE} scope under OAuth & Permissions > Scopes and reinstall the app")


def needed_scopes(needed: str) -> tuple[str, ...]:
    """The scopes of a missing_scope answer's ``needed``, which Slack gives comma-separated
    ("chat:write.public,chat:write.customize"), in its order, each once."""
    return tuple(dict.fromkeys(scope.strip() for scope in needed.split(",") if scope.strip()))


def channel_only(error: str, needed: str) -> bool:
    """Whether a refusal is the channel's, not the token's: a missing_scope every scope of which is per channel
    (``PER_CHANNEL_SCOPES``); one naming any other scope (or none) is the token's, for every channel."""
    scopes = needed_scopes(needed)
    return error == "missing_scope" and bool(scopes) and all(scope in PER_CHANNEL_SCOPES for scope in scopes)


def _scopes_named(needed: str) -> str:
    scopes = needed_scopes(needed)
    if not scopes:
        return "a scope it needs"
    if len(scopes) == 1:
        return f"the {scopes[0]} scope"
    return f"the {', '.join(scopes[:-1])} and {scopes[-1]} scopes"


def token_refused_reason(env: str, error: str, needed: str = "", method: str = "chat.postMessage") -> str:
    """What a post (``method``) refused for the bot's token (``TOKEN_ERRORS``) says: the setting and the fix, as
    the start-up check words it (adapters/slack/adapter.py); a missing scope is named when Slack says which (each
    of them when it names several)."""
    if error == "missing_scope":
        scope = _scopes_named(needed)
        return (f"the bot token from ${env} lacks {scope} ({method}: missing_scope). Add "
                f"{'them' if len(needed_scopes(needed)) > 1 else 'it'} under OAuth & "
                f"Permissions > Scopes, reinstall the app to the workspace, set ${env} to the new Bot User OAuth "
                "Token and restart briefbot")
    return (f"Slack refused the bot token from ${env} ({method}: {error}). Copy the Bot User OAuth Token "
            f"again, or reinstall the app to the workspace, set ${env} to it and restart briefbot")


@dataclass
class _Progress:
    """What went out so far for one delivery key (so a retry resumes instead of duplicating)."""

    total: int
    ids: dict[int, str] = field(default_factory=dict)  # part index (0-based) -> message ts

    def complete(self) -> bool:
        return all(i in self.ids for i in range(self.total))

    def ordered(self) -> list[str]:
        return [self.ids[i] for i in range(self.total) if i in self.ids]


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries: a briefing is delayed by an outage, then handed back as retryable."""

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After is handed back to the scheduler


def part_metadata(key: str, index: int, total: int) -> dict[str, Any]:
    """chat.postMessage ``metadata`` marking part ``index + 1`` of ``total`` of the delivery ``key``."""
    return {"event_type": EVENT_TYPE, "event_payload": {"key": key, "part": index + 1, "parts": total}}


def keyed_parts(messages: Iterable[Mapping[str, Any]], key: str) -> dict[int, str]:
    """Part index -> ts of the messages (read with ``include_all_metadata``) that carry this key;
    the earliest message wins when a part is there twice."""
    found: dict[int, str] = {}
    for message in messages:
        meta = message.get("metadata")
        if not isinstance(meta, Mapping) or meta.get("event_type") != EVENT_TYPE:
            continue
        payload = meta.get("event_payload")
        if not isinstance(payload, Mapping) or payload.get("key") != key:
            continue
        part, ts = str(payload.get("part", "")), str(message.get("ts", ""))
        if part.isdigit() and int(part) >= 1 and _ts(ts) is not None:
            _keep_earliest(found, {int(part) - 1: ts})
    return found


def _keep_earliest(into: dict[int, str], found: Mapping[int, str]) -> None:
    for index, ts in found.items():
        if index not in into or (_ts(ts) or 0) < (_ts(into[index]) or 0):
            into[index] = ts


class SlackPoster:
    """chat.postMessage with retries; the first message in the channel, the rest in its thread."""

    def __init__(self, client: AsyncWebClient, *, sleep: Sleep = asyncio.sleep,
                 policy: RetryPolicy | None = None, token_env: str = "SLACK_BOT_TOKEN") -> None:
        self._client = client
        self._token_env = token_env  # the setting the bot token came from, named when Slack refuses it
        self._sleep = sleep
        self._policy = policy or RetryPolicy()
        self._deliveries: OrderedDict[str, _Progress] = OrderedDict()  # at most KEYS_REMEMBERED, oldest dropped
        self._history_warned: set[str] = set()  # history errors already explained in the log

    async def post_messages(self, channel: ChannelRef, messages: Sequence[SlackMessage], *,
                            key: str = "", since: datetime | None = None, retried_later: bool = True) -> list[str]:
        """Post all messages (a keyed post skips parts already in the channel); returns message ts ids.

        ``since``: no part of this key can be older (the briefing's time); it bounds the history read.
        ``retried_later``: False for an answer nobody retries (a direct message's), so the log says it is dropped.
        """
        total = len(messages)
        progress = self._deliveries.get(key) if key else None
        if progress is not None and progress.total == total and progress.complete():
            log.info("slack: %s already delivered for %s; not posting twice", key, channel.key)
            return progress.ordered()
        if progress is None or progress.total != total:
            progress = _Progress(total)
        if key:
            self._remember(key, progress)
            found = {i: ts for i, ts in (await self._already_posted(channel, key, since)).items() if i < total}
            if found:
                log.info("slack: %d of %d part(s) of %s are already in %s; not posting them again",
                         len(found), total, key, channel.key)
            for index, ts in found.items():
                progress.ids.setdefault(index, ts)  # what this process posted itself stays as it is
        for index in range(total):
            if index in progress.ids:
                continue
            thread_ts = progress.ids.get(0)
            landed = self._landed_check(channel, key, since, index, thread_ts) if key else None
            try:
                ts = await self._post_one(channel, messages[index], thread_ts,
                                          metadata=part_metadata(key, index, total) if key else None,
                                          landed=landed, retried_later=retried_later)
            except PostError as exc:
                raise PostError(channel, exc.kind, exc.reason, posted=progress.ordered(),
                                retry_after=exc.retry_after, channel_refused=exc.channel_refused,
                                token_refused=exc.token_refused) from exc
            progress.ids[index] = ts
        return progress.ordered()

    def _remember(self, key: str, progress: _Progress) -> None:
        """Keep this key's progress as the newest; forget the oldest past KEYS_REMEMBERED (a retry of a forgotten
        key still finds its parts in the channel's history)."""
        self._deliveries[key] = progress
        self._deliveries.move_to_end(key)
        while len(self._deliveries) > KEYS_REMEMBERED:
            self._deliveries.popitem(last=False)

    async def post_in_thread(self, channel: ChannelRef, messages: Sequence[SlackMessage],
                             thread_ts: str, *, only_to: str = "", reply: str = "") -> list[str]:
        """Post every message as a reply in the thread of ``thread_ts`` (an answer to a mention), with the same
        retries and plain-text fallback as a briefing; not keyed. ``only_to`` (a user id): with
        chat.postEphemeral, shown in the thread to that user alone (their message_ts returned). ``reply``: what
        the messages are ("the command reply"), for the log: a refusal is then a WARNING naming it, not the
        ERROR of a briefing the config sends to a channel that will not take it. Raises PostError with the ts
        already out."""
        posted: list[str] = []
        for message in messages:
            try:
                posted.append(await self._post_one(channel, message, thread_ts, retried_later=False,
                                                   only_to=only_to, reply=reply))
            except PostError as exc:
                raise PostError(channel, exc.kind, exc.reason, posted=posted, retry_after=exc.retry_after,
                                channel_refused=exc.channel_refused, token_refused=exc.token_refused) from exc
        return posted

    async def _already_posted(self, channel: ChannelRef, key: str, since: datetime | None) -> dict[int, str]:
        """Parts of ``key`` already in the channel; empty (after one warning) when history is unreadable."""
        try:
            return await self._find_parts(channel, key, since)
        except SlackApiError as exc:
            self._warn_no_history(channel, exc)
            return {}

    def _landed_check(self, channel: ChannelRef, key: str, since: datetime | None, index: int,
                      thread_ts: str | None) -> Callable[[], Awaitable[str | None]]:
        """After an answer was lost (timeout, 5xx): did this part go out anyway? Its ts, or None."""
        async def landed() -> str | None:
            try:
                return (await self._find_parts(channel, key, since, thread_ts=thread_ts)).get(index)
            except SlackApiError as exc:
                self._warn_no_history(channel, exc)
                return None
        return landed

    async def _find_parts(self, channel: ChannelRef, key: str, since: datetime | None, *,
                          thread_ts: str | None = None) -> dict[int, str]:
        """Read recent top-level messages (unless the first part's ts is known), then its thread."""
        found: dict[int, str] = {}
        if thread_ts is None:
            oldest = f"{(since - HISTORY_MARGIN).timestamp():.6f}" if since is not None else None
            found = await self._scan(channel, key, self._client.conversations_history, oldest=oldest)
            thread_ts = found.get(0)
        if thread_ts is not None:
            in_thread = await self._scan(channel, key, self._client.conversations_replies, ts=thread_ts)
            found = {**in_thread, **found}
        return found

    async def _scan(self, channel: ChannelRef, key: str, reader: Reader, **args: Any) -> dict[int, str]:
        found: dict[int, str] = {}
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            data = await self._read(channel, reader, limit=HISTORY_PAGE_SIZE, include_all_metadata=True,
                                    cursor=cursor, **args)
            messages = data.get("messages")
            _keep_earliest(found, keyed_parts(messages if isinstance(messages, list) else [], key))
            meta = data.get("response_metadata")
            cursor = str(meta.get("next_cursor") or "") if isinstance(meta, Mapping) else ""
            if not data.get("has_more") or not cursor:
                return found
        log.warning("slack: more than %d messages in %s since %s was due: parts of it posted before them "
                    "are not seen and may be posted again", HISTORY_PAGES * HISTORY_PAGE_SIZE, channel.key, key)
        return found

    async def _read(self, channel: ChannelRef, reader: Reader, **args: Any) -> Mapping[str, Any]:
        """One read call with bounded retries; raises SlackApiError when it cannot succeed (scope, access)."""
        attempt = 0
        while True:
            try:
                response = await reader(channel=channel.id, **args)
                return response.data if isinstance(response.data, dict) else {}
            except SlackApiError as exc:
                status, error = _status(exc.response), _error_code(exc.response)
                if classify_failure(status, error) != "retryable":
                    raise
                retry_after = parse_retry_after(_header(exc.response, "Retry-After"))
                reason = f"reading history: {error or 'HTTP'} {status}"
            except (TimeoutError, aiohttp.ClientError) as exc:
                retry_after, reason = None, f"reading history: network: {type(exc).__name__}"
            attempt += 1
            await self._back_off(channel, attempt, retry_after, reason)

    def _warn_no_history(self, channel: ChannelRef, exc: SlackApiError) -> None:
        error = slack_error(exc)
        data = getattr(exc.response, "data", None)
        needed = data.get("needed") if isinstance(data, dict) else None
        if error in ("not_in_channel", "channel_not_found"):
            return  # posting fails too, and says what to do
        if error in self._history_warned:
            log.debug("slack: history of %s unreadable (%s); posting without the duplicate check",
                      channel.key, error)
            return
        self._history_warned.add(error)
        log.warning("slack: cannot read the history of %s (%s%s), so a briefing interrupted by a crash "
                    "between posting and recording may be posted once more. Add the channels:history and "
                    "groups:history scopes (adapters/slack_manifest.yaml) and reinstall the app. Posting "
                    "carries on; this is logged once.", channel.key, error,
                    f"; needs {needed}" if needed else "")

    async def _post_one(self, channel: ChannelRef, message: SlackMessage, thread_ts: str | None, *,
                        metadata: dict[str, Any] | None = None,
                        landed: Callable[[], Awaitable[str | None]] | None = None,
                        retried_later: bool = True, only_to: str = "", reply: str = "") -> str:
        text_only = False
        attempt = 0
        while True:
            try:
                if only_to:  # an ephemeral message: never keyed, so no metadata
                    response = await self._client.chat_postEphemeral(
                        channel=channel.id, **ephemeral_payload(message, user=only_to, thread_ts=thread_ts,
                                                                text_only=text_only))
                    return str(response.get("message_ts", ""))
                payload = message_payload(message, thread_ts=thread_ts, text_only=text_only)
                if metadata is not None:
                    payload["metadata"] = metadata
                response = await self._client.chat_postMessage(channel=channel.id, **payload)
                return str(response.get("ts", ""))
            except SlackApiError as exc:
                status, error = _status(exc.response), _error_code(exc.response)
                outcome = classify_failure(status, error)
                if outcome == "text_only" and not text_only:
                    log.warning("slack: %s refused blocks (%s); posting the plain-text version instead",
                                channel.key, error)
                    text_only = True
                    continue
                if outcome != "retryable" and error == USER_NOT_IN_CHANNEL and only_to:
                    log.info("slack: a private answer to %s in %s was dropped: they are not in the channel "
                             "(user_not_in_channel)", only_to, channel.key)
                    raise PostError(channel, "permanent", error) from exc
                method = "chat.postEphemeral" if only_to else "chat.postMessage"
                needed = _field(exc.response, "needed")
                public = channel_only(error, needed)  # chat:write.public alone: this channel only, not the token's
                if outcome != "retryable" and error in TOKEN_ERRORS and not public:  # the delivery tells once
                    reason = token_refused_reason(self._token_env, error, needed, method)
                    log.info("slack: cannot post to %s: %s", channel.key, error)  # a reply's caller logs the reason
                    raise PostError(channel, "permanent", reason, token_refused=True) from exc
                refusal = public_scope_reason(method) if public else error or f"HTTP {status}"
                refused = public or error in CHANNEL_REFUSED_ERRORS
                if outcome != "retryable" and reply:
                    log.warning("slack: cannot post %s%s in %s: %s; it is dropped", reply,
                                f" privately to {only_to}" if only_to else "", channel.key, refusal)
                    raise PostError(channel, "permanent", refusal, channel_refused=refused) from exc
                if outcome != "retryable":
                    log.error("slack: cannot post to %s: %s%s; other channels carry on.", channel.key, refusal,
                              "" if public else f". {cannot_post_hint(channel)}")
                    raise PostError(channel, "permanent", refusal, channel_refused=refused) from exc
                retry_after = parse_retry_after(_header(exc.response, "Retry-After"))
                reason = f"{error or 'HTTP'} {status}".strip()
                unsure = status >= 500 or error in ("fatal_error", "internal_error", "request_timeout")
            except (TimeoutError, aiohttp.ClientError) as exc:
                retry_after, reason, unsure = None, f"network: {type(exc).__name__}", True
            attempt += 1
            await self._back_off(channel, attempt, retry_after, reason, retried_later=retried_later)
            # checked after the pause: a timed-out request may still be completing at Slack's end
            if unsure and landed is not None:
                ts = await landed()
                if ts:
                    log.info("slack: a message to %s went out although its answer was lost; not posting "
                             "it again", channel.key)
                    return ts

    async def _back_off(self, channel: ChannelRef, attempt: int, retry_after: float | None, reason: str, *,
                        retried_later: bool = True) -> None:
        """Sleep before try ``attempt + 1``, or hand the delivery back as retryable when out of tries
        (``retried_later``: the caller tries again later; else, an answer to a mention, it is dropped)."""
        delay = retry_delay(attempt - 1, retry_after, base=self._policy.base_delay, cap=self._policy.max_delay)
        if attempt >= self._policy.attempts or delay > self._policy.max_retry_after:
            log.warning("slack: giving up on %s for now after %d attempt(s) (%s); %s", channel.key, attempt, reason,
                        "it will be retried" if retried_later else "this answer is dropped")
            raise PostError(channel, "retryable", reason, retry_after=retry_after)  # the delivery waits it out
        log.info("slack: %s for %s; retrying in %.1fs (attempt %d of %d)", reason, channel.key, delay,
                 attempt + 1, self._policy.attempts)
        await self._sleep(delay)


def _ts(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _status(response: Any) -> int:
    return int(getattr(response, "status_code", 0) or 0)


def _error_code(response: Any) -> str:
    return _field(response, "error")


def _field(response: Any, name: str) -> str:
    """A field of Slack's answer ("error", a missing scope's "needed"); empty when absent."""
    data = getattr(response, "data", None)
    # a non-JSON body (an HTML 502 page) has no error code
    return str(data.get(name, "") or "") if isinstance(data, dict) else ""


def slack_error(exc: SlackApiError) -> str:
    """The Slack error code of a failed call ("invalid_auth"), or its HTTP status when there is none."""
    return _error_code(exc.response) or f"HTTP {getattr(exc.response, 'status_code', '?')}"


def _header(response: Any, name: str) -> str | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in dict(headers).items():
        if str(key).lower() == name.lower():
            if isinstance(value, list):
                return str(value[0]) if value else None
            return str(value)
    return None
