"""Answer through a command's response_url with bounded retries, within Slack's limits: five uses, thirty minutes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from slack_bolt.context.respond.async_respond import AsyncRespond

from adapters.slack.post import RetryPolicy, Sleep
from adapters.slack.translate import ResponseType, retry_delay
from bot.adapter import parse_retry_after
from digests.render_slack import SlackMessage

log = logging.getLogger(__name__)

RESPONSE_URL_USES = 5  # Slack takes up to five answers through one response_url ...
RESPONSE_URL_LIFETIME = timedelta(minutes=30)  # ... within thirty minutes of the command
# the errors slack_sdk's webhook client (bolt's respond) tries once more itself before raising them
# (AsyncConnectionErrorRetryHandler): such a failure was two POSTs, two uses
SDK_RETRIED = (aiohttp.ServerConnectionError, aiohttp.ClientOSError)


class ResponseUrl:
    """One command's response_url. Every POST counts as one of its five uses, answered or not (Slack may have
    counted a failed one; a connection error slack_sdk retried itself counts two), so retries never crowd out the
    messages still to come; no retry waits past its thirty minutes (from ``received``, when the command came).
    A try whose answer was lost (a timeout, a 5xx) may have been shown all the same: its retry can show it twice."""

    def __init__(self, respond: AsyncRespond, *, received: datetime, clock: Callable[[], datetime],
                 sleep: Sleep, policy: RetryPolicy) -> None:
        self._respond = respond
        self._received = received
        self._clock = clock
        self._sleep = sleep
        self._policy = policy
        self.uses = 0

    async def send(self, message: SlackMessage, kind: ResponseType, *, after: int = 0) -> bool:
        """Send one message, retrying a rate limit (its Retry-After), a 5xx or a network error while tries, uses
        (``after``: messages still to send after this one, one use each) and time allow; True once delivered."""
        attempt = 0
        while self.uses + 1 + after <= RESPONSE_URL_USES:
            self.uses += 1
            attempt += 1
            try:
                response = await self._respond(text=message.text, blocks=list(message.blocks) or None,
                                               response_type=kind, replace_original=False)
            except (TimeoutError, aiohttp.ClientError) as exc:
                retry_after, reason = None, f"network: {type(exc).__name__}"
                if isinstance(exc, SDK_RETRIED):
                    self.uses += 1
            except Exception as exc:  # anything else will not get better by retrying
                log.warning("slack: response_url failed: %s", type(exc).__name__)
                return False
            else:
                status = int(getattr(response, "status_code", 0) or 0)
                if status == 200:
                    return True
                reason = f"HTTP {status}: {(getattr(response, 'body', '') or '')[:200]}"
                if status != 429 and status < 500:  # expired, used up, refused: no retry helps
                    log.warning("slack: response_url answered %s", reason)
                    return False
                retry_after = parse_retry_after(_header(response, "Retry-After")) if status == 429 else None
            delay = retry_delay(attempt - 1, retry_after, base=self._policy.base_delay, cap=self._policy.max_delay)
            if not self._may_retry(attempt, delay, after):
                log.warning("slack: response_url failed after %d attempt(s) (%s)", attempt, reason)
                return False
            log.info("slack: response_url failed (%s); retrying in %.1fs (attempt %d)", reason, delay, attempt + 1)
            await self._sleep(delay)
        return False

    def _may_retry(self, attempt: int, delay: float, after: int) -> bool:
        if attempt >= self._policy.attempts or delay > self._policy.max_retry_after:
            return False
        if self.uses + 1 + after > RESPONSE_URL_USES:
            return False
        return self._clock() + timedelta(seconds=delay) < self._received + RESPONSE_URL_LIFETIME


def _header(response: Any, name: str) -> str | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in dict(headers).items():
        if str(key).lower() == name.lower():
            return str(value[0] if isinstance(value, list) and value else value)
    return None
