"""What both webhook adapters share: each channel's URL from the config, parts posted in order, bounded retries."""

from __future__ import annotations

import abc
import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, Literal, TypeVar

import aiohttp

from bot.adapter import PartPosted, PostError
from bot.commands.base import Dispatch
from bot.config import Config, Secret
from bot.models import Briefing, ChannelRef
from bot.webhook_urls import WEBHOOK_PLATFORMS

log = logging.getLogger(__name__)

Part = TypeVar("Part")
Sleep = Callable[[float], Awaitable[None]]
RefusalKind = Literal["retryable", "permanent", "text_only"]

REQUEST_TIMEOUT_SECONDS = 15.0
KEYS_REMEMBERED = 256  # deliveries whose parts this process remembers (a retry resumes after the last part out)


@dataclass(frozen=True)
class WebhookTarget:
    """One webhook channel of the config: its key, its place in the file (for messages) and its URL, a secret."""

    key: str  # "slack-webhook:newsdesk"
    path: str  # "channels[2]"
    url: Secret


def webhook_targets(config: Config, platform: str) -> dict[str, WebhookTarget]:
    """The config's channels of one webhook platform, by channel name (the part after the colon)."""
    assert platform in WEBHOOK_PLATFORMS, platform
    out: dict[str, WebhookTarget] = {}
    for i, item in enumerate(config.channels):
        kind, _, name = item.id.partition(":")
        if kind == platform:
            out[name] = WebhookTarget(item.id, f"channels[{i}]", item.webhook_url)
    return out


class Refusal(Exception):
    """A POST that did not post, as the platform answered it: ``retryable`` (later may work), ``permanent``, or
    ``text_only`` (the message's layout was refused: its plain-text version may pass). Its reason never holds the
    URL. ``channel_refused``: a permanent refusal of the webhook itself (deleted, revoked, its channel archived),
    not of this message. ``answer``: the platform's answer as the reason quotes it (``invalid_payload, HTTP 400``).
    """

    def __init__(self, kind: RefusalKind, reason: str, retry_after: float | None = None, *,
                 channel_refused: bool = False, answer: str = "") -> None:
        super().__init__(reason)
        self.kind: RefusalKind = kind
        self.reason = reason
        self.retry_after = retry_after
        self.channel_refused = channel_refused
        self.answer = answer


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded in-process retries of one part; then the delivery is handed back to the scheduler as retryable."""

    attempts: int = 3
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_wait: float = 10.0  # a longer Retry-After is handed back: nothing goes to that webhook until it has passed


@dataclass
class _Progress:
    """The parts of one delivery key that went out (so a retry posts only the rest)."""

    total: int
    ids: dict[int, str] = field(default_factory=dict)  # part index -> message id

    def complete(self) -> bool:
        return len(self.ids) == self.total

    def ordered(self) -> list[str]:
        return [self.ids[i] for i in range(self.total) if i in self.ids]


class WebhookAdapter(abc.ABC, Generic[Part]):
    """A post-only adapter: briefings and notices go to each channel's webhook; no command ever comes in.

    Webhooks cannot read the channel, so the parts already out are what the delivery ledger recorded as each went
    out (``post_resuming``: ``on_part``), passed back on a retry, after a restart too; this process also remembers
    its own. One part can still be posted twice: after a crash between its POST returning and its ledger write, and
    when its POST times out or gets a 5xx although the platform stored the message (a webhook takes no idempotency
    key, so the retry cannot tell; docs/RELIABILITY.md, "not covered")."""

    name: str  # "slack-webhook": the platform of the channels it serves
    service: str  # "Slack": for messages

    def __init__(self, targets: Mapping[str, WebhookTarget], *, clock: Callable[[], datetime],
                 sleep: Sleep = asyncio.sleep, policy: RetryPolicy | None = None,
                 timeout: float = REQUEST_TIMEOUT_SECONDS) -> None:
        self._targets = dict(targets)
        self._clock = clock
        self._sleep = sleep
        self._policy = policy or RetryPolicy()
        self._timeout = timeout
        self._http: aiohttp.ClientSession | None = None
        self._progress: OrderedDict[str, _Progress] = OrderedDict()
        self._not_before: dict[str, datetime] = {}  # webhook key -> when its Retry-After has passed
        self._closed = asyncio.Event()
        self.ready = asyncio.Event()  # set while run() waits: read by the health report
        for target in self._targets.values():
            if not target.url:
                log.warning("%s: %s.webhook_url_env names %s, which is not set or empty: %s cannot be posted to",
                            self.name, target.path, target.url.env_name, target.key)

    @abc.abstractmethod
    def render(self, briefing: Briefing) -> list[Part]:
        """The briefing as the platform's messages, minus what a webhook cannot carry (buttons)."""

    @abc.abstractmethod
    def notice(self, text: str) -> list[Part]:
        """A short plain notice as messages."""

    @abc.abstractmethod
    async def _send(self, target: WebhookTarget, part: Part, *, text_only: bool) -> str | None:
        """POST one message to the webhook; its id when the platform gives one. Raises Refusal, or what aiohttp
        raises when the platform cannot be reached."""

    async def run(self, dispatch: Dispatch) -> None:
        """A webhook receives nothing: wait until closed or cancelled."""
        self.ready.set()
        try:
            await self._closed.wait()
        finally:
            self.ready.clear()

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        """Post the briefing's parts in order; a retry with the same ``key`` in this process posts only the parts
        not out yet. Raises PostError (``posted``: the parts that went out; ``retry_after``: a rate limit's)."""
        target = self._target(channel)
        return await self._post_parts(channel, target, self.render(briefing), key)

    async def post_resuming(self, channel: ChannelRef, briefing: Briefing, *, key: str, posted: Sequence[str],
                            on_part: PartPosted) -> list[str]:
        """As ``post``, the first ``len(posted)`` parts being out already (ids as the ledger recorded them, in
        order: parts go out in order); ``on_part`` is awaited with each new part's id before the next is sent."""
        target = self._target(channel)
        return await self._post_parts(channel, target, self.render(briefing), key, posted=posted, on_part=on_part)

    async def notify(self, channel: ChannelRef, text: str) -> None:
        """A short plain notice (a source failing, a failed briefing); raises PostError like post()."""
        target = self._target(channel)
        await self._post_parts(channel, target, self.notice(text), "")

    async def close(self) -> None:
        self._closed.set()
        if self._http is not None:
            await self._http.close()
            self._http = None

    def session(self) -> aiohttp.ClientSession:
        """One HTTP session for every webhook of this adapter (made on first use, in the running loop)."""
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self._timeout))
        return self._http

    def _target(self, channel: ChannelRef) -> WebhookTarget:
        if channel.is_user:
            raise PostError(channel, "permanent", f"a {self.service} webhook cannot send direct messages")
        if channel.platform != self.name:
            raise PostError(channel, "permanent", f"not a {self.name} channel: {channel.key}")
        target = self._targets.get(channel.id)
        if target is None:  # channel_refused: a notice to it cannot go out either
            raise PostError(channel, "permanent", f'no [[channels]] entry with id = "{channel.key}" in the config: '
                                                  "a webhook channel's URL comes from its entry's webhook_url_env",
                            channel_refused=True)
        if not target.url:
            raise PostError(channel, "permanent", f"{target.path}.webhook_url_env: the environment variable "
                                                  f"{target.url.env_name} is not set or empty; set it to the "
                                                  "webhook's URL and restart briefbot", channel_refused=True)
        return target

    def _progress_of(self, key: str, total: int) -> _Progress:
        if not key:
            return _Progress(total)
        progress = self._progress.get(key)
        if progress is None or progress.total != total:  # rendered differently: start again from its first part
            progress = _Progress(total)
        self._progress[key] = progress
        self._progress.move_to_end(key)
        while len(self._progress) > KEYS_REMEMBERED:
            self._progress.popitem(last=False)
        return progress

    async def _post_parts(self, channel: ChannelRef, target: WebhookTarget, parts: Sequence[Part], key: str, *,
                          posted: Sequence[str] = (), on_part: PartPosted | None = None) -> list[str]:
        if key and len(posted) > len(parts):  # rendered in fewer parts than went out: all of it is out
            log.info("%s: %s already delivered to %s (the ledger records its parts); not posting it twice",
                     self.name, key, channel.key)
            return list(posted)
        progress = self._progress_of(key, len(parts))
        for index, ident in enumerate(posted if key else ()):
            progress.ids.setdefault(index, ident)  # recorded by the ledger, maybe by a process before this one
        if progress.complete() and progress.ids:
            log.info("%s: %s already delivered to %s; not posting it twice", self.name, key, channel.key)
            return progress.ordered()
        if progress.ids:
            log.info("%s: %d of %d part(s) of %s are already in %s; posting the rest", self.name, len(progress.ids),
                     progress.total, key, channel.key)
        for index, part in enumerate(parts):
            if index in progress.ids:
                continue
            try:
                sent = await self._post_part(channel, target, part)
            except PostError as exc:  # its Retry-After counts from the answer that gave it, as the delivery does
                raise PostError(channel, exc.kind, exc.reason, posted=progress.ordered(), retry_after=exc.retry_after,
                                channel_refused=exc.channel_refused) from exc
            progress.ids[index] = ident = sent or f"{key or channel.key}#{index + 1}"  # Slack's webhooks give no id
            if on_part is not None:
                await on_part(ident)  # in the ledger before the next part goes out
        return progress.ordered()

    async def _post_part(self, channel: ChannelRef, target: WebhookTarget, part: Part) -> str | None:
        """One message, with bounded retries; a Retry-After longer than the policy waits is handed back."""
        text_only = False
        layout_answer = ""  # the platform's answer when it refused the message's layout
        attempt = 0
        while True:
            self._check_not_before(channel, target)
            try:
                return await self._send(target, part, text_only=text_only)
            except Refusal as refusal:
                if refusal.kind == "text_only" and not text_only:
                    log.warning("%s: %s refused a message's layout (%s); sending its plain-text version instead",
                                self.name, channel.key, refusal.reason)
                    text_only, layout_answer = True, refusal.answer
                    continue
                if refusal.kind != "retryable":
                    reason = refusal.reason
                    if refusal.kind == "text_only":  # the plain-text version was refused as well
                        answers = dict.fromkeys(a for a in (layout_answer, refusal.answer) if a)
                        reason = (f"{self.service} refused the message, and then its plain-text version too "
                                  f"({'; '.join(answers) or 'no reason given'})")
                    log.error("%s: cannot post to %s: %s; other channels carry on", self.name, channel.key, reason)
                    raise PostError(channel, "permanent", reason,
                                    channel_refused=refusal.channel_refused) from refusal
                retry_after, reason = refusal.retry_after, refusal.reason
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:  # the type only: the text may name the URL
                retry_after, reason = None, f"cannot reach {self.service}: {type(exc).__name__}"
            attempt += 1
            delay = retry_after if retry_after is not None else min(
                self._policy.max_delay, self._policy.base_delay * 2 ** (attempt - 1))
            if attempt >= self._policy.attempts or delay > self._policy.max_wait:
                if retry_after is not None:
                    self._not_before[target.key] = self._clock() + timedelta(seconds=retry_after)
                log.warning("%s: giving up on %s for now after %d attempt(s) (%s); it will be retried", self.name,
                            channel.key, attempt, reason)
                raise PostError(channel, "retryable", reason, retry_after=retry_after)
            log.info("%s: %s for %s; retrying in %.1fs (attempt %d of %d)", self.name, reason, channel.key, delay,
                     attempt + 1, self._policy.attempts)
            await self._sleep(max(0.0, delay))

    def _check_not_before(self, channel: ChannelRef, target: WebhookTarget) -> None:
        """A Retry-After handed back earlier has not passed yet: retryable, and nothing is sent."""
        until = self._not_before.get(target.key)
        if until is None:
            return
        now = self._clock()
        if now < until:
            raise PostError(channel, "retryable", f"rate limited by {self.service} until {until.isoformat()}",
                            retry_after=(until - now).total_seconds())
        del self._not_before[target.key]
