"""The seam every chat platform provides: run (receive commands) and post (deliver briefings)."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Sequence
from typing import Literal, Protocol, runtime_checkable

from bot.commands.base import Dispatch
from bot.models import Briefing, ChannelRef

PostFailure = Literal["retryable", "permanent"]
# Reconnection tries that must fail in a row before a platform's connection counts as an outage (one WARNING, the
# adapter not_ready in /readyz): a single brief failure, mended by the next try, pages no one (README, "Health check")
OUTAGE_AFTER_FAILED_TRIES = 2


class PostError(Exception):
    """Posting failed. ``retryable``: try the same slot later (429, 5xx, timeout, outage).
    ``permanent``: this channel cannot be posted to (not in channel, missing access): log, tell the
    configurer, carry on with other channels.

    ``posted`` lists message ids that did go out before the failure (for a multi-message briefing).
    ``retry_after``: seconds the platform asked to wait (a 429's Retry-After), when it said, counted from when this
    error is raised (the platform's answer: not from the start of a post whose own retries waited first); the
    delivery retries no earlier than that many seconds after the post failed.
    ``channel_refused``: the channel itself refused, not this message (a webhook deleted or revoked; a Slack channel
    the bot is not in, archived or deleted; a Discord channel it cannot see, 403 Missing Access / 404 Unknown
    Channel): a failure notice posted there would be refused too, so none is (its configurers are told directly).
    ``token_refused``: the platform refused the bot's own token (revoked, invalid, a scope missing; Slack's
    chat:write.public missing fails only the channels the bot is not in, so it is a channel refusal): every channel
    of the platform fails alike until it is fixed, so the delivery treats it as bot-wide (bot/token_refusals.py):
    the slot waits and is retried, and no notice is sent through the platform.
    """

    def __init__(self, channel: ChannelRef, kind: PostFailure, reason: str,
                 posted: Sequence[str] = (), *, retry_after: float | None = None,
                 channel_refused: bool = False, token_refused: bool = False) -> None:
        super().__init__(f"{channel.key}: {reason}")
        self.channel = channel
        self.kind = kind
        self.reason = reason
        self.posted = tuple(posted)
        self.retry_after = sane_retry_after(retry_after)
        self.channel_refused = channel_refused
        self.token_refused = token_refused


class PlatformLost(Exception):
    """The platform refused the adapter itself (its token reset or revoked, its gateway intents refused): its run ends
    with this, the reason naming the setting and the fix. ``briefbot run`` goes on with the other chat adapters still
    running (bot/cli_adapters.py); with none left it stops."""


MAX_RETRY_AFTER = 24 * 3600.0  # seconds: a longer (or infinite) Retry-After is read as this; the grace decides


def sane_retry_after(seconds: float | None) -> float | None:
    """A Retry-After as the delivery can use it: None when absent or not a number (NaN), else within 0 and
    MAX_RETRY_AFTER (a platform's, or a hostile server's, "1e300" or "inf" must not overflow a date)."""
    if seconds is None or math.isnan(seconds):
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


def parse_retry_after(value: object) -> float | None:
    """A Retry-After as a platform gave it (a header's text, a JSON number) in seconds, ``sane_retry_after``; None
    when there is none or it is not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return sane_retry_after(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


class Adapter(Protocol):
    """A chat platform, translated. It never ranks, filters or summarises."""

    name: str  # "slack", "discord", "console"

    async def run(self, dispatch: Dispatch) -> None:
        """Receive commands until cancelled, answering each through ``dispatch``."""
        ...

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        """Post a briefing (split as the platform needs); returns message ids.

        ``key`` identifies the delivery slot: adapters use it to make a retried post idempotent
        where the platform allows (Discord nonce); raises PostError.
        """
        ...

    async def notify(self, channel: ChannelRef, text: str) -> None:
        """Post a short plain notice (a source failing or recovering, a set-up problem)."""
        ...

    async def close(self) -> None:
        ...


PartPosted = Callable[[str], Awaitable[None]]  # called with each part's message id as soon as it is out


@runtime_checkable
class ResumablePost(Protocol):
    """An adapter that cannot find its own parts in the channel after a restart (a webhook; Discord, whose nonces
    last minutes and whose forum posts take none): the delivery records each part as it goes out and, on a retry,
    says which are out already. Optional: an adapter without ``post_resuming`` (Slack's app, which reads its parts
    back from the channel's history) is called through ``Adapter.post`` (``post_resuming`` below)."""

    async def post_resuming(self, channel: ChannelRef, briefing: Briefing, *, key: str, posted: Sequence[str],
                            on_part: PartPosted) -> list[str]:
        """As ``Adapter.post``, skipping the first ``len(posted)`` parts (their ids, in order: out already) and
        awaiting ``on_part`` with each new part's id before the next is sent; returns every part's id."""
        ...


async def post_resuming(adapter: Adapter, channel: ChannelRef, briefing: Briefing, *, key: str,
                        posted: Sequence[str], on_part: PartPosted) -> list[str]:
    """Post through ``adapter``: part by part with ``on_part`` where it supports that (``ResumablePost``), else as
    one ``post`` (its parts are recorded when it returns or fails)."""
    if isinstance(adapter, ResumablePost):
        return await adapter.post_resuming(channel, briefing, key=key, posted=posted, on_part=on_part)
    return await adapter.post(channel, briefing, key=key)
