"""Post rendered messages to Slack channels: threads for overflow, bounded retries, idempotent per key."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.translate import classify_failure, message_payload, parse_retry_after, retry_delay
from bot.adapter import PostError
from bot.models import ChannelRef
from digests.render_slack import SlackMessage

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


@dataclass
class _Progress:
    """What went out so far for one delivery key (so a retry resumes instead of duplicating)."""

    ids: list[str] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries: a briefing is delayed by an outage, then handed back as retryable."""

    attempts: int = 5
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After is handed back to the scheduler


class SlackPoster:
    """chat.postMessage with retries; the first message in the channel, the rest in its thread."""

    def __init__(self, client: AsyncWebClient, *, sleep: Sleep = asyncio.sleep,
                 policy: RetryPolicy | None = None) -> None:
        self._client = client
        self._sleep = sleep
        self._policy = policy or RetryPolicy()
        self._deliveries: dict[str, _Progress] = {}

    async def post_messages(self, channel: ChannelRef, messages: Sequence[SlackMessage], *,
                            key: str = "") -> list[str]:
        """Post all messages (resuming a keyed delivery that failed part-way); returns message ts ids."""
        progress = self._deliveries.get(key) if key else None
        if progress is not None and progress.total == len(messages) and len(progress.ids) == len(messages):
            log.info("slack: %s already delivered for %s; not posting twice", key, channel.key)
            return list(progress.ids)
        if progress is None or progress.total != len(messages):
            progress = _Progress(total=len(messages))
            if key:
                self._deliveries[key] = progress
        for index in range(len(progress.ids), len(messages)):
            thread_ts = progress.ids[0] if progress.ids else None
            try:
                ts = await self._post_one(channel, messages[index], thread_ts)
            except PostError as exc:
                raise PostError(channel, exc.kind, exc.reason, posted=progress.ids) from exc
            progress.ids.append(ts)
        return list(progress.ids)

    async def _post_one(self, channel: ChannelRef, message: SlackMessage, thread_ts: str | None) -> str:
        text_only = False
        attempt = 0
        while True:
            payload = message_payload(message, thread_ts=thread_ts, text_only=text_only)
            try:
                response = await self._client.chat_postMessage(channel=channel.id, **payload)
                return str(response.get("ts", ""))
            except SlackApiError as exc:
                status = int(getattr(exc.response, "status_code", 0) or 0)
                error = _error_code(exc.response)
                outcome = classify_failure(status, error)
                if outcome == "text_only" and not text_only:
                    log.warning("slack: %s refused blocks (%s); posting the plain-text version instead",
                                channel.key, error)
                    text_only = True
                    continue
                if outcome != "retryable":
                    log.error("slack: cannot post to %s: %s. Invite the bot to the channel (/invite) or "
                              "fix the channel id in the config; other channels carry on.", channel.key, error)
                    raise PostError(channel, "permanent", error or f"HTTP {status}") from exc
                retry_after = parse_retry_after(_header(exc.response, "Retry-After"))
                reason = f"{error or 'HTTP'} {status}".strip()
            except (TimeoutError, aiohttp.ClientError) as exc:
                retry_after = None
                reason = f"network: {type(exc).__name__}"
            attempt += 1
            delay = retry_delay(attempt - 1, retry_after, base=self._policy.base_delay,
                                cap=self._policy.max_delay)
            if attempt >= self._policy.attempts or delay > self._policy.max_retry_after:
                log.warning("slack: giving up on %s for now after %d attempt(s) (%s); it will be retried",
                            channel.key, attempt, reason)
                raise PostError(channel, "retryable", reason)
            log.info("slack: %s for %s; retrying in %.1fs (attempt %d of %d)", reason, channel.key, delay,
                     attempt + 1, self._policy.attempts)
            await self._sleep(delay)


def _error_code(response: Any) -> str:
    data = getattr(response, "data", None)
    # a non-JSON body (an HTML 502 page) has no error code
    return str(data.get("error", "")) if isinstance(data, dict) else ""


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
