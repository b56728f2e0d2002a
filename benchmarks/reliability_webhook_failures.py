"""Webhook briefings against answers that stall or end a post: POSTs held past the adapter's timeout, refusals (404,
403, 400) that end a slot, 429s with a Retry-After mid-briefing and 5xx bursts, through the fault proxy to the local
fakes, in one process on a ManualClock (nothing sleeps for a retry delay; only a held POST takes real time).

Used by ``benchmarks/reliability_webhooks.py`` (``--failures-only``): the proxy (``FailureProxy``), the delivery
loop (``run_slots``), what the ledger and the log said (``SlotRecord``, ``OperatorView``) and the counts.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from adapters.webhooks import RetryPolicy, WebhookAdapter
from adapters.webhooks.base import webhook_targets
from adapters.webhooks.discord_hook import DiscordWebhookAdapter
from adapters.webhooks.slack_hook import SlackWebhookAdapter
from benchmarks.reliability_webhook_proxy import NO_FAULTS, FaultProxy, Upstream
from benchmarks.reliability_webhook_worker import (
    FINISHED,
    STORIES,
    KillSwitch,
    LedgerPost,
    PlainPost,
    Spec,
    bench_config,
    channel_key,
    fingerprint,
    read_lines,
    slot_of,
)
from bot.cli_channels import pending_line, pending_row
from bot.clock import ManualClock
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

SHORT_RETRY_AFTER = 2.0  # waited out in-process by the adapter (its policy waits up to 10 s)
LONG_RETRY_AFTER = 120.0  # handed back: the ledger's retry time for the slot
NOTICE_MARK = b"I could not post the briefing"  # Delivery's notice after a slot failed for good
REFUSAL_BODIES: dict[str, dict[int, tuple[str, str]]] = {  # platform -> status -> (content type, body)
    "slack-webhook": {404: ("text/plain", "no_service"), 403: ("text/plain", "action_prohibited"),
                      400: ("text/plain", "invalid_payload")},
    "discord-webhook": {404: ("application/json", json.dumps({"message": "Unknown Webhook", "code": 10015})),
                        403: ("application/json", json.dumps({"message": "Missing Permissions", "code": 50013})),
                        400: ("application/json", json.dumps({"message": "Invalid Form Body", "code": 50035}))},
}


@dataclass(frozen=True)
class FailurePlan:
    """What the proxy does in one scenario: chances per POST, bursts in clock time, refusals on some days."""

    hang_before: float = 0.0  # held past the timeout, then reset; the fake never sees it
    hang_after: float = 0.0  # passed on (the fake posts it), its answer held past the timeout, then reset
    retry_after_short: float = 0.0
    retry_after_long: float = 0.0
    stall: float = 0.0  # a POST starts a stall: every POST for the next 1-10 minutes (clock) is held, not passed on
    burst: float = 0.0  # a POST starts a burst: every POST for the next 1-15 minutes (clock) gets a 503
    refusal: int = 0  # 404 / 403 / 400 from the k-th part of every ``refusal_every``-th day on, to the day's end
    refusal_every: int = 4
    restart_before_retry: bool = False  # a new adapter and scheduler (a restarted process) before each slot retry


@dataclass(frozen=True)
class FailureScenario:
    name: str
    plan: FailurePlan


class FailureProxy(FaultProxy):
    """The fault proxy with the faults of a ``FailurePlan``; it reads the run's clock to place bursts and to see
    when the POST after a 429 came, against the Retry-After it asked for."""

    def __init__(self, upstream: Upstream, plan: FailurePlan, *, platform: str, clock: ManualClock, seed: int,
                 hold: float, parts_today: Callable[[], int]) -> None:
        super().__init__(upstream, NO_FAULTS, seed=seed)
        self.plan, self.platform, self.clock, self.hold = plan, platform, clock, hold
        self.parts_today = parts_today
        self.day = -1
        self.posts_today = 0
        self.refuse_from: int | None = None
        self.slot_ended = False
        self.posts_after_end = 0
        self.refused_slots = 0
        self.spells: Counter[str] = Counter()  # "stall" / "burst" -> how many began
        self.spell: tuple[str, datetime] | None = None  # the fault every POST meets until then
        self.asked_until: datetime | None = None  # a 429's Retry-After: no POST should come before
        self.retry_after_margins: list[float] = []  # seconds between that time and the next POST (< 0: early)

    def begin_day(self, day: int) -> None:
        self.day, self.posts_today, self.refuse_from, self.slot_ended = day, 0, None, False

    def end_slot(self) -> None:
        self.slot_ended = True

    def _draw(self, body: bytes) -> tuple[float, random.Random]:
        digest = hashlib.sha256(body).hexdigest()[:16]
        self._seen[digest] += 1
        rng = random.Random(f"{self.seed}:{digest}:{self._seen[digest]}")
        return rng.random(), rng

    def _refused(self, body: bytes) -> bool:
        plan = self.plan
        if not plan.refusal or self.day % plan.refusal_every != plan.refusal_every - 1:
            return False
        if self.refuse_from is None:  # the day's first POST: its briefing is rendered, its parts known
            self.refuse_from = random.Random(f"{self.seed}:{self.day}:refusal").randint(1, max(1, self.parts_today()))
            self.refused_slots += 1
        if plan.refusal == 400 and NOTICE_MARK in body:  # a bad payload is that message's; a notice passes
            return False
        return self.posts_today >= self.refuse_from

    def _fault(self, body: bytes, now: datetime) -> str:
        if self._refused(body):
            return f"{self.plan.refusal} refused"
        if self.spell is not None and now < self.spell[1]:
            return self.spell[0]
        draw, rng = self._draw(body)
        edge = 0.0
        for fault, rate in (("hang before", self.plan.hang_before), ("hang after", self.plan.hang_after),
                            ("429 short", self.plan.retry_after_short), ("429 long", self.plan.retry_after_long),
                            ("stall", self.plan.stall), ("burst", self.plan.burst)):
            edge += rate
            if draw < edge:
                if fault in ("stall", "burst"):
                    self.spells[fault] += 1
                    minutes = rng.uniform(1, 10) if fault == "stall" else rng.uniform(1, 15)
                    self.spell = ("hang before" if fault == "stall" else "5xx", now + timedelta(minutes=minutes))
                    return self.spell[0]
                return fault
        return "none"

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        now = self.clock()
        self.posts += 1
        self.posts_today += 1
        self.posts_after_end += self.slot_ended
        if self.asked_until is not None:
            self.retry_after_margins.append((now - self.asked_until).total_seconds())
            self.asked_until = None
        fault = self._fault(body, now)
        self.injected[fault] += 1
        if fault.endswith("refused"):
            content_type, text = REFUSAL_BODIES[self.platform][self.plan.refusal]
            return web.Response(status=self.plan.refusal, text=text, content_type=content_type)
        if fault == "hang before":
            await asyncio.sleep(self.hold)  # the hang itself: longer than the adapter's timeout
            return _abort(request)
        if fault.startswith("429"):
            retry_after = SHORT_RETRY_AFTER if fault == "429 short" else LONG_RETRY_AFTER
            self.upstream.fail_next(429, retry_after)
            self.asked_until = now + timedelta(seconds=retry_after)
        elif fault == "5xx":
            self.upstream.fail_next(503, None)
        assert self._http is not None
        headers = {"Content-Type": request.headers.get("Content-Type", "application/json")}
        async with self._http.post(self.upstream.base + request.path_qs, data=body, headers=headers) as answer:
            text_bytes = await answer.read()
            keep = {k: v for k, v in answer.headers.items() if k.lower() in ("content-type", "retry-after")}
        if fault == "hang after":  # the fake posted it; the answer comes after the adapter gave up, if ever
            await asyncio.sleep(self.hold)
            return _abort(request)
        return web.Response(status=answer.status, body=text_bytes, headers=keep)


def _abort(request: web.Request) -> web.StreamResponse:
    transport = request.transport
    if transport is not None:
        transport.abort()
    return web.Response(status=504)  # never written: the connection is gone


@dataclass
class SlotRecord:
    """One slot as the ledger left it, and what `briefbot channels` showed while it waited for a retry."""

    day: int
    state: str = "none"
    error: str = ""
    attempts: int = 0
    parts_out: int = 0
    retry_delays: list[float] = field(default_factory=list)  # seconds from the tick to the retry time set
    parts_out_at_retry: list[int] = field(default_factory=list)  # parts the ledger holds as out, at each retry
    display: str = ""  # the first `briefbot channels` pending line
    last_error: str = ""  # the channel's `last error:` line once the slot ended


class OperatorLog(logging.Handler):
    """The adapters' and the delivery's log lines of one run: how many of each, the first of each kind."""

    NAMES = ("adapters.webhooks.base", "bot.delivery")

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.first: dict[str, str] = {}
        self.count: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        template = str(record.msg)
        self.count[template] += 1
        self.first.setdefault(template, f"{record.levelname} {record.name}: {record.getMessage()}")

    def __enter__(self) -> OperatorLog:
        for name in self.NAMES:
            logger = logging.getLogger(name)
            logger.addHandler(self)
            logger.setLevel(logging.INFO)
            logger.propagate = False
        return self

    def __exit__(self, *_: object) -> None:
        for name in self.NAMES:
            logger = logging.getLogger(name)
            logger.removeHandler(self)
            logger.setLevel(logging.NOTSET)
            logger.propagate = True


def make_adapter(platform: str, spec: Spec, kill: KillSwitch, *, clock: ManualClock, sleeps: list[float],
                 timeout: float) -> LedgerPost | PlainPost:
    """The real webhook adapter, its request timeout set through its constructor, its waits recorded."""
    config = bench_config(platform, spec.url)

    async def sleep(seconds: float) -> None:  # the adapter's in-process wait: time moves, nothing sleeps
        sleeps.append(seconds)
        clock.advance(timedelta(seconds=seconds))

    targets = webhook_targets(config, platform)
    inner: WebhookAdapter[Any] = (
        SlackWebhookAdapter(targets, clock=clock, sleep=sleep, policy=RetryPolicy(), timeout=timeout)
        if platform == "slack-webhook" else
        DiscordWebhookAdapter(targets, clock=clock, sleep=sleep, policy=RetryPolicy(), timeout=timeout))
    return LedgerPost(inner, spec, kill) if spec.arm == "ledger" else PlainPost(inner, spec, kill)


async def run_slots(spec: Spec, scenario: FailureScenario, proxy: FailureProxy, clock: ManualClock, *,
                    timeout: float, sleeps: list[float]) -> list[SlotRecord]:
    """Each day: its stories, then ticks at the slot and at each retry time the ledger sets until the slot ends;
    then two more ticks later that day (a slot that ended is not posted again). A restart, when the plan asks,
    is a new adapter and scheduler on the same store before each retry."""
    config = bench_config(spec.platform, spec.url)
    db = await Database.open(spec.db_url)
    ledger, channels = DeliveryLedger(db), ChannelStore(db)
    key, ref = channel_key(spec.platform), ChannelRef.parse(channel_key(spec.platform))

    def build() -> tuple[LedgerPost | PlainPost, KillSwitch, Scheduler]:
        kill = KillSwitch(spec, live=False)
        adapter = make_adapter(spec.platform, spec, kill, clock=clock, sleeps=sleeps, timeout=timeout)
        return adapter, kill, Scheduler(Delivery(db, config, {adapter.name: adapter}, checkpoint=kill), clock)

    adapter, kill, scheduler = build()
    records: list[SlotRecord] = []
    try:
        await channels.seed(config, now=clock())
        for day in range(spec.days):
            slot = slot_of(day)
            await _seed_stories(db, spec, day, slot)
            proxy.begin_day(day)
            kill.begin_day(day)
            clock.set(max(clock(), slot + timedelta(minutes=1)))
            record = SlotRecord(day)
            for _ in range(60):
                tick = clock()
                await scheduler.tick(tick)
                entry = await ledger.get(key, slot)
                if entry is None or entry.state in FINISHED:
                    break
                if entry.retry_at is not None:
                    record.retry_delays.append((entry.retry_at - tick).total_seconds())
                    record.parts_out_at_retry.append(len(entry.message_ids))
                    record.display = record.display or pending_line(pending_row(entry))
                clock.set(max(entry.retry_at or clock(), clock() + timedelta(seconds=30)))
                if scenario.plan.restart_before_retry:
                    await adapter.close()
                    adapter, kill, scheduler = build()
                    kill.begin_day(day)
            proxy.end_slot()
            for later in (timedelta(hours=1), timedelta(hours=5)):
                clock.set(max(clock(), slot + later))
                await scheduler.tick(clock())
            entry = await ledger.get(key, slot)
            channel = await channels.get(ref)
            if entry is not None:
                record.state, record.error, record.attempts = entry.state, entry.error or "", entry.attempts
                record.parts_out = len(entry.message_ids)
            record.last_error = (channel.last_error or "") if channel is not None else ""
            records.append(record)
    finally:
        await adapter.close()
        await db.close()
    return records


async def _seed_stories(db: Database, spec: Spec, day: int, slot: datetime) -> None:
    low, high = STORIES[spec.platform]
    for n in range(random.Random(f"{spec.seed}:stories:{day}").randint(low, high)):
        await add_story(db, f"d{day:03d}s{n:02d}", title=f"Lock gate {n} inspected on day {day}",
                        text=(f"Engineers opened lock gate {n} on day {day} and measured the wear on its hinges. "
                              f"The canal office expects the refit of gate {n} to take {n + 3} days. Barge "
                              "skippers were told to use the side channel meanwhile."),
                        now=slot - timedelta(hours=1) + timedelta(seconds=n))


@dataclass
class FailureCounts:
    """What the fake received in one run, what the ledger recorded, what the operator was shown."""

    briefings: int = 0
    delivered: int = 0
    failed: int = 0
    unfinished: int = 0  # neither delivered nor failed when the run ended
    parts: int = 0
    once: int = 0
    duplicated: int = 0
    extra_copies: int = 0
    not_posted: int = 0  # parts never received, of slots the ledger recorded as failed for good
    lost: int = 0  # parts never received, of slots not recorded as failed
    unexpected: int = 0
    notices: int = 0
    posts: int = 0
    posts_after_end: int = 0
    refused_slots: int = 0
    spells: Counter[str] = field(default_factory=Counter)
    retries: int = 0  # ledger retry times set
    retries_mid_briefing: int = 0  # of them, with parts already out
    retry_delays: list[float] = field(default_factory=list)
    in_process_waits: list[float] = field(default_factory=list)
    retry_after_margins: list[float] = field(default_factory=list)
    faults: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)  # failed slots' ledger error
    displays: list[str] = field(default_factory=list)
    last_errors: list[str] = field(default_factory=list)
    log_first: dict[str, str] = field(default_factory=dict)
    log_count: Counter[str] = field(default_factory=Counter)

    def add(self, other: FailureCounts) -> None:
        for name in ("briefings", "delivered", "failed", "unfinished", "parts", "once", "duplicated", "extra_copies",
                     "not_posted", "lost", "unexpected", "notices", "posts", "posts_after_end", "refused_slots",
                     "retries", "retries_mid_briefing"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("retry_delays", "in_process_waits", "retry_after_margins", "displays", "last_errors"):
            getattr(self, name).extend(getattr(other, name))
        for name in ("faults", "reasons", "log_count", "spells"):
            getattr(self, name).update(getattr(other, name))
        for template, line in other.log_first.items():
            self.log_first.setdefault(template, line)


def count_run(spec: Spec, messages: list[dict[str, Any]], records: list[SlotRecord]) -> FailureCounts:
    """Each day's parts (as rendered, recorded by the observing adapter) against the fake's messages."""
    counts = FailureCounts(briefings=len(records))
    texts = [str(m.get("text") or m.get("content") or "") for m in messages]
    counts.notices = sum(NOTICE_MARK.decode() in t for t in texts)
    got = Counter(fingerprint(spec.platform, m) for m, t in zip(messages, texts, strict=True)
                  if NOTICE_MARK.decode() not in t)
    renders: dict[int, list[str]] = {}
    for line in read_lines(spec.path("expected.jsonl")):
        renders.setdefault(line["day"], [])
        renders[line["day"]] += [p for p in line["parts"] if p not in renders[line["day"]]]
    expected = {p for parts in renders.values() for p in parts}
    for record in records:
        counts.delivered += record.state == "delivered"
        counts.failed += record.state == "failed"
        counts.unfinished += record.state not in ("delivered", "failed")
        if record.state == "failed":
            counts.reasons[record.error] += 1
            counts.last_errors.append(record.last_error)
        counts.retries += len(record.retry_delays)
        counts.retries_mid_briefing += sum(n > 0 for n in record.parts_out_at_retry)
        counts.retry_delays += record.retry_delays
        if record.display:
            counts.displays.append(record.display)
        for part in renders.get(record.day, []):
            n = got.get(part, 0)
            counts.parts += 1
            counts.once += n == 1
            counts.duplicated += n > 1
            counts.extra_copies += max(0, n - 1)
            counts.not_posted += n == 0 and record.state == "failed"
            counts.lost += n == 0 and record.state != "failed"
    counts.unexpected = sum(n for fp, n in got.items() if fp not in expected)
    return counts
