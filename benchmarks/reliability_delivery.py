"""SIGKILL a delivery process at random moments of a multi-message post, restart it, and count what the
"platform" (a JSON Lines file) received: duplicate parts, duplicate stories, skipped slots, lost stories.

The child is ``python -m benchmarks.reliability_delivery URL PLATFORM_LOG ATTEMPT_LOG NOW PARTS``: it opens
the store, prints ``ready``, waits for a line on stdin, runs one scheduler tick and prints ``done``.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from bot.clock import ManualClock
from bot.config import Config, SchedulerConfig
from bot.delivery import Delivery
from bot.ingest.canonical import article_id, content_hash
from bot.models import Article, Briefing, ChannelRef, SummarySentence
from bot.nlp.sentences import split_sentences
from bot.scheduler import Scheduler
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.stories import StoryStore

REPO = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 9, 1, tzinfo=UTC)
REF = ChannelRef("console", "main")
CONFIG = Config(scheduler=SchedulerConfig(catch_up_grace="6h"))


class FilePlatform:
    """A chat platform that outlives the bot: every accepted part is one fsynced line. Like Slack's
    metadata scan or Discord's nonce, a part already accepted for a key is not accepted twice; every
    call is logged separately, so re-sends the key absorbed are counted too."""

    name = "console"

    def __init__(self, log: Path, attempts: Path, parts: int, mark: Callable[[str], None]) -> None:
        self.log, self.attempts, self.parts, self.mark = log, attempts, parts, mark

    def _accepted(self) -> set[tuple[str, int]]:
        if not self.log.exists():
            return set()
        return {(d["key"], d["part"]) for d in map(json.loads, self.log.read_text().splitlines())}

    @staticmethod
    def _append(path: Path, record: dict[str, object]) -> None:
        with path.open("a") as f:
            f.write(json.dumps(record) + "\n")
            f.flush()
            os.fsync(f.fileno())

    async def run(self, dispatch: object) -> None:
        return None

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        stories = [i.story.id for i in (*briefing.items, *briefing.more)]
        accepted = self._accepted()
        for part in range(self.parts):
            record = {"key": key, "part": part, "stories": stories}
            if (key, part) not in accepted:
                self._append(self.log, record)
            self._append(self.attempts, {**record, "absorbed": (key, part) in accepted})
            self.mark(f"part{part}")
        return [f"{key}#{p}" for p in range(self.parts)]

    async def notify(self, channel: ChannelRef, text: str) -> None:
        return None

    async def close(self) -> None:
        return None


async def add_story(db: Database, story_id: str, text: str, now: datetime) -> None:
    """One stored article as a one-article story with a summary (what ingestion would have made)."""
    h = content_hash(text)
    url = f"https://news.test/{story_id}"
    article = Article(id=article_id(None, url, h), url=url, title=f"Story {story_id}", outlet="Test Wire",
                      text=text, sentences=split_sentences(text), published=now, source="bench", content_hash=h)
    saved = await ArticleStore(db).save(article, now=now)
    await ArticleStore(db).set_story(saved.article_id, story_id)
    stories = StoryStore(db)
    await stories.save_profile(story_id, "", first_seen=now, updated=now)
    summary = [SummarySentence(s.text, article.id, s.index, s.start, s.end) for s in article.sentences[:2]]
    await stories.save_summary(story_id, headline=article.title, url=url, summary=summary, size=1,
                               changed_at=now, updated=now)


async def _worker(url: str, log: str, attempts: str, now_text: str, parts: str) -> None:
    now = datetime.fromisoformat(now_text)
    db = await Database.open(url)
    started = [0.0]

    def mark(point: str) -> None:  # phase times, read from the uninterrupted baseline run
        sys.stdout.write(f"mark {point} {time.monotonic() - started[0]:.6f}\n")
        sys.stdout.flush()

    platform = FilePlatform(Path(log), Path(attempts), int(parts), mark)
    delivery = Delivery(db, CONFIG, {"console": platform}, checkpoint=mark)
    scheduler = Scheduler(delivery, ManualClock(now))
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    started[0] = time.monotonic()
    outcomes = await scheduler.tick(now)
    await db.close()
    sys.stdout.write("done " + json.dumps([o.state for o in outcomes]) + "\n")
    sys.stdout.flush()


def run_worker(url: str, log: Path, attempts: Path, now: datetime, parts: int,
               kill_after: float | None) -> tuple[bool, list[float]]:
    """One delivery process; SIGKILLed ``kill_after`` seconds after it is told to go (imports excluded).
    Returns (killed, [0, each phase mark's time, time of exit])."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.reliability_delivery", url, str(log),
                             str(attempts), now.isoformat(), str(parts)], cwd=REPO, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        _, err = proc.communicate(timeout=60)
        raise RuntimeError(f"delivery worker did not start: {err[-2000:]}")
    start = time.monotonic()
    proc.stdin.write("go\n")
    proc.stdin.flush()
    killed = False
    try:
        proc.wait(timeout=kill_after if kill_after is not None else 120)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        killed = kill_after is not None
    out, err = proc.communicate(timeout=60)
    end = time.monotonic() - start
    if not killed and proc.returncode != 0:
        raise RuntimeError(f"delivery worker failed with exit code {proc.returncode}: {err[-2000:]}")
    marks = [float(line.split()[2]) for line in out.splitlines() if line.startswith("mark ")]
    return killed, [0.0, *marks, max(end, *marks) if marks else end]


@dataclass
class DeliveryReport:
    """Counts over all cycles; every damage count should be 0."""

    cycles: int = 0
    kills: int = 0
    kill_phases: Counter[str] = field(default_factory=Counter)  # where the kills landed
    duplicate_parts: int = 0  # a part of a slot accepted twice by the platform
    duplicate_stories: int = 0  # a story posted in two different slots
    inconsistent_slots: int = 0  # parts of one slot carrying different story lists
    skipped_slots: int = 0  # a due slot with missing parts, or not "delivered" in the ledger
    lost_stories: int = 0  # a story due in a slot that never reached the platform
    resends_absorbed: int = 0  # parts re-sent after a restart that the platform's key dedupe dropped


def _parts_of(log: Path, key: str) -> int:
    if not log.exists():
        return 0
    return len({d["part"] for d in map(json.loads, log.read_text().splitlines()) if d["key"] == key})


def _ledger_state(db_path: Path, slot: datetime) -> str:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        row = conn.execute("SELECT state FROM deliveries WHERE channel = ? AND slot = ?",
                           (REF.key, slot.astimezone(UTC).replace(microsecond=0).isoformat())).fetchone()
        return str(row[0]) if row else "none"
    finally:
        conn.close()


async def _setup(url: str) -> None:
    db = await Database.open(url)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=T0)
    await db.close()


async def _add_day(url: str, day: int, slot: datetime) -> set[str]:
    db = await Database.open(url)
    ids = {f"d{day}a", f"d{day}b"}
    for sid in sorted(ids):
        await add_story(db, sid, f"Story {sid}: the harbour crane moved on day {day}. Workers watched it.",
                        slot - timedelta(hours=1))
    await db.close()
    return ids


def delivery_cycles(folder: Path, cycles: int, *, parts: int = 3, max_kills: int = 2, seed: int = 8) -> DeliveryReport:
    """``cycles`` daily slots; in each, 1..max_kills delivery processes are SIGKILLed at a random moment
    of their work, then one runs to the end. Counts what the platform got."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    db_path, log, attempts = folder / "delivery.db", folder / "platform.jsonl", folder / "attempts.jsonl"
    for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), log, attempts):
        path.unlink(missing_ok=True)
    url = f"sqlite:///{db_path}"
    asyncio.run(_setup(url))
    report = DeliveryReport(cycles=cycles)
    # the kill windows: the phases of an uninterrupted tick (claim, mark posting, each part, record,
    # exit), timed on a first day that is not counted; each kill picks a phase, then a moment in it
    expected: dict[str, set[str]] = {}
    windows: list[tuple[float, float]] = []
    for day in range(cycles + 1):
        slot = T0 + timedelta(days=day, hours=8)
        ids = asyncio.run(_add_day(url, day, slot))
        key = f"{REF.key}|{slot.isoformat()}"
        expected[key] = ids
        if day == 0:
            _, marks = run_worker(url, log, attempts, slot + timedelta(minutes=1), parts, None)
            windows = list(pairwise(marks))
            continue
        for n in range(rng.randint(1, max_kills)):
            low, high = rng.choice(windows)
            killed, _ = run_worker(url, log, attempts, slot + timedelta(minutes=1 + n), parts,
                                   rng.uniform(low, high))
            if killed:
                report.kills += 1
                got = _parts_of(log, key)
                report.kill_phases[f"ledger {_ledger_state(db_path, slot)}, {got}/{parts} parts out"] += 1
        run_worker(url, log, attempts, slot + timedelta(minutes=30), parts, None)
        if _ledger_state(db_path, slot) != "delivered":
            report.skipped_slots += 1
    _count(report, log, attempts, expected, parts)
    return report


def _count(report: DeliveryReport, log: Path, attempts: Path, expected: dict[str, set[str]], parts: int) -> None:
    accepted = [json.loads(line) for line in log.read_text().splitlines()]
    tries = [json.loads(line) for line in attempts.read_text().splitlines()]
    per_part = Counter((d["key"], d["part"]) for d in accepted)
    report.duplicate_parts = sum(n - 1 for n in per_part.values())
    report.resends_absorbed = sum(1 for d in tries if d["absorbed"])
    slots_of_story: dict[str, set[str]] = {}
    for d in accepted:
        for sid in d["stories"]:
            slots_of_story.setdefault(sid, set()).add(d["key"])
    report.duplicate_stories = sum(len(keys) - 1 for keys in slots_of_story.values())
    for key, ids in expected.items():
        lists = {tuple(d["stories"]) for d in accepted if d["key"] == key}
        report.inconsistent_slots += len(lists) > 1
        if len({d["part"] for d in accepted if d["key"] == key}) < parts:
            report.skipped_slots += 1
        report.lost_stories += len(ids - set(slots_of_story))


if __name__ == "__main__":
    asyncio.run(_worker(*sys.argv[1:6]))
