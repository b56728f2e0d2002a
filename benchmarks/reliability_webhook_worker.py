"""A webhook delivery process for the reliability harness: daily briefings through a real webhook adapter.

``python -m benchmarks.reliability_webhook_worker SPEC.json`` (or ``run_days`` in-process): for each day not done
yet (``progress`` file), store that day's stories, then tick the scheduler at the slot, and again at each retry
time the ledger sets, until the slot is finished. Time is a ManualClock: the adapter's in-process waits advance it,
nothing sleeps. ``arm``: ``ledger`` (the adapter's ``post_resuming``: each part recorded in the ledger as it goes
out) or ``plain`` (its plain ``post``, as before per-part recording: the parts out are known to the process only).
A planned kill SIGKILLs the process right after the k-th part it sends comes back, before (``sent``) or after
(``recorded``) that part's ledger write; it is written to the ``kills`` file first, so a restart knows.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from adapters.webhooks import RetryPolicy, WebhookAdapter, build_webhook_adapters
from adapters.webhooks.discord_hook import webhook_body
from adapters.webhooks.slack_hook import webhook_payload
from bot.adapter import PartPosted
from bot.clock import ManualClock
from bot.commands.base import Dispatch
from bot.config import Config, parse_config
from bot.delivery import Delivery
from bot.models import Briefing, ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import add_story

T0 = datetime(2031, 6, 2, tzinfo=UTC)  # far ahead of the wall clock; slots at 08:00 UTC daily
URL_VAR = "BENCH_WEBHOOK_URL"
FINISHED = ("delivered", "empty", "skipped", "failed")
STORIES = {"slack-webhook": (4, 34), "discord-webhook": (3, 16)}  # a day: 1-3 messages (Slack), 1-4 (Discord)


def slot_of(day: int) -> datetime:
    return T0 + timedelta(days=day, hours=8)


def channel_key(platform: str) -> str:
    return f"{platform}:bench"


def bench_config(platform: str, url: str) -> Config:
    raw = {"briefing": {"max_stories": 40, "timezone": "UTC", "default_since": "24h"},
           "scheduler": {"catch_up_grace": "6h"},
           "channels": [{"id": channel_key(platform), "webhook_url_env": URL_VAR, "schedule": "daily 08:00"}]}
    return parse_config(raw, {URL_VAR: url})


def fingerprint(platform: str, message: dict[str, Any]) -> str:
    """A message as sent and as the fake keeps it: Slack's text and blocks, Discord's content and embeds."""
    fields = ("text", "blocks") if platform == "slack-webhook" else ("content", "embeds")
    shown = json.loads(json.dumps({f: message.get(f) or None for f in fields}))
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()[:20]


def part_fingerprints(adapter: WebhookAdapter[Any], briefing: Briefing) -> list[str]:
    body = webhook_payload if adapter.name == "slack-webhook" else webhook_body
    return [fingerprint(adapter.name, body(part)) for part in adapter.render(briefing)]


def append_line(path: Path, record: dict[str, Any]) -> None:
    with path.open("a") as f:
        f.write(json.dumps(record) + "\n")
        f.flush()
        os.fsync(f.fileno())


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@dataclass
class Spec:
    """One run's set-up, shared by every process of it."""

    db_url: str
    platform: str
    arm: str  # "ledger" | "plain"
    url: str  # the webhook, through the fault proxy
    days: int
    seed: int
    folder: str  # progress, expected parts and kills files
    kills_per_day: Sequence[int] = ()

    def path(self, name: str) -> Path:
        return Path(self.folder) / name


class KillSwitch:
    """The delivery's checkpoint: dies at the planned part of the current day (kill number n of that day aims at
    the k-th part this process sends, k and sent/recorded drawn from the seed, the day and n only)."""

    def __init__(self, spec: Spec, *, live: bool) -> None:
        self.spec, self.live = spec, live
        self.done = [0] * spec.days
        for kill in read_lines(spec.path("kills.jsonl")):
            self.done[kill["day"]] += 1
        self.day = 0
        self.target: tuple[str, int] | None = None
        self.aimed = False
        self.sent_here = 0

    def begin_day(self, day: int) -> None:
        self.day, self.target, self.aimed, self.sent_here = day, None, False, 0

    def aim(self, remaining: int) -> None:
        """At this process's first post of the day: where to die, if a kill is still planned and a part is left."""
        if self.aimed or not self.live:
            return
        self.aimed = True
        planned = self.spec.kills_per_day[self.day] if self.day < len(self.spec.kills_per_day) else 0
        n = self.done[self.day]
        if n < planned and remaining > 0:
            rng = random.Random(f"{self.spec.seed}:{self.day}:{n}")
            self.target = (rng.choice(("sent", "recorded")), rng.randint(1, remaining))

    def __call__(self, label: str) -> None:
        if label.startswith("sent"):
            self.sent_here += 1
        kind = "sent" if label.startswith("sent") else "recorded" if label.startswith("recorded") else ""
        if self.target is not None and self.target == (kind, self.sent_here):
            append_line(self.spec.path("kills.jsonl"), {"day": self.day, "at": label, "kind": kind})
            os.kill(os.getpid(), signal.SIGKILL)


class Observed:
    """The real webhook adapter, its parts' fingerprints written down per day, the kill aimed at its first post.
    ``plain``: only ``post`` (no ``ResumablePost``), as the webhook adapters were before per-part recording; the
    kill checkpoints are called at the same moments (after each part's POST, with nothing written in between)."""

    def __init__(self, inner: WebhookAdapter[Any], spec: Spec, kill: KillSwitch) -> None:
        self.inner, self.spec, self.kill = inner, spec, kill
        self.name = inner.name

    def _observe(self, briefing: Briefing, posted: int) -> None:
        parts = part_fingerprints(self.inner, briefing)
        append_line(self.spec.path("expected.jsonl"), {"day": self.kill.day, "parts": parts})
        self.kill.aim(len(parts) - posted)

    async def run(self, dispatch: Dispatch) -> None:
        await self.inner.run(dispatch)

    async def notify(self, channel: ChannelRef, text: str) -> None:
        await self.inner.notify(channel, text)

    async def close(self) -> None:
        await self.inner.close()


class PlainPost(Observed):
    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        self._observe(briefing, 0)
        sent = [0]

        async def checkpoints(_: str) -> None:
            sent[0] += 1
            self.kill(f"sent{sent[0]}")
            self.kill(f"recorded{sent[0]}")
        return await self.inner.post_resuming(channel, briefing, key=key, posted=(), on_part=checkpoints)


class LedgerPost(PlainPost):
    async def post_resuming(self, channel: ChannelRef, briefing: Briefing, *, key: str, posted: Sequence[str],
                            on_part: PartPosted) -> list[str]:
        self._observe(briefing, len(posted))
        return await self.inner.post_resuming(channel, briefing, key=key, posted=posted, on_part=on_part)


async def run_days(spec: Spec, *, live_kills: bool) -> None:
    """Every day of ``spec`` not done yet, in order (a restart continues where a killed process stopped)."""
    progress = read_lines(spec.path("progress.jsonl"))
    done = {p["day"] for p in progress if p["what"] == "done"}
    seeded = {p["day"] for p in progress if p["what"] == "seeded"}
    config = bench_config(spec.platform, spec.url)
    db = await Database.open(spec.db_url)
    clock = ManualClock(T0)

    async def sleep(seconds: float) -> None:  # the adapter's in-process wait: time moves, nothing sleeps
        clock.advance(timedelta(seconds=seconds))

    kill = KillSwitch(spec, live=live_kills)
    [inner] = build_webhook_adapters(config, clock=clock, sleep=sleep, policy=RetryPolicy())
    assert isinstance(inner, WebhookAdapter)
    adapter = LedgerPost(inner, spec, kill) if spec.arm == "ledger" else PlainPost(inner, spec, kill)
    scheduler = Scheduler(Delivery(db, config, {adapter.name: adapter}, checkpoint=kill), clock)
    ledger = DeliveryLedger(db)
    try:
        await ChannelStore(db).seed(config, now=T0)
        for day in range(spec.days):
            if day in done:
                continue
            slot = slot_of(day)
            if day not in seeded:
                low, high = STORIES[spec.platform]
                for n in range(random.Random(f"{spec.seed}:stories:{day}").randint(low, high)):
                    await add_story(db, f"d{day:03d}s{n:02d}", text=_story_text(day, n),
                                    title=f"Pier {n} works reviewed on day {day}",
                                    now=slot - timedelta(hours=1) + timedelta(seconds=n))
                append_line(spec.path("progress.jsonl"), {"what": "seeded", "day": day})
            kill.begin_day(day)
            clock.set(max(clock(), slot + timedelta(minutes=1 + kill.done[day])))
            state = "none"
            for _ in range(60):
                await scheduler.tick(clock())
                entry = await ledger.get(channel_key(spec.platform), slot)
                state = entry.state if entry is not None else "none"
                if state in FINISHED:
                    break
                wait = entry.retry_at if entry is not None and entry.retry_at is not None else clock()
                clock.set(max(wait, clock() + timedelta(seconds=30)))
            append_line(spec.path("progress.jsonl"), {"what": "done", "day": day, "state": state})
    finally:
        await adapter.close()
        await db.close()


def _story_text(day: int, n: int) -> str:
    return (f"Inspectors walked pier {n} on day {day} and counted the loose planks. The port office said repairs "
            f"to berth {n} would start within {n + 2} weeks. Boat owners asked for a temporary landing nearby.")


def write_spec(spec: Spec) -> Path:
    path = spec.path("spec.json")
    path.write_text(json.dumps({**spec.__dict__, "kills_per_day": list(spec.kills_per_day)}))
    return path


if __name__ == "__main__":
    asyncio.run(run_days(Spec(**json.loads(Path(sys.argv[1]).read_text())), live_kills=True))
