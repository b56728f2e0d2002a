"""A simulated month of scheduled briefings with crashes and restarts, checked against an independent reference."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from tests.channels.channel_fakes import Crash, RecordingAdapter, add_story

CRASH_POINTS = ("planned", "posting", "mid-post", "posted", "delivered")
KINDS = ("nato", "bucharest", "harbour", "sport", "weather")


@dataclass(frozen=True)
class SimChannel:
    key: str
    schedule: str
    tz: str
    topics: tuple[str, ...]
    days: frozenset[int]  # weekdays (Monday = 0) it runs on
    times: tuple[time, ...]  # intended local wall times
    kinds: frozenset[str]  # story kinds it should get

    def reference_slots(self, start: datetime, end: datetime) -> list[datetime]:
        """Brute force, independent of bot.schedule: the UTC instants whose local wall time is intended
        (the first of two when the clock falls back; one hour later when the time does not exist)."""
        tz = ZoneInfo(self.tz)
        out: list[datetime] = []
        day: date = start.astimezone(tz).date() - timedelta(days=1)
        while day <= end.astimezone(tz).date() + timedelta(days=1):
            if day.weekday() in self.days:
                for at in self.times:
                    out.append(_wall_to_utc(datetime.combine(day, at), tz))
            day += timedelta(days=1)
        return sorted(s for s in out if start < s <= end)


def _wall_to_utc(naive: datetime, tz: ZoneInfo) -> datetime:
    for wall in (naive, naive + timedelta(hours=1)):  # these zones' gaps are one hour
        base = datetime(wall.year, wall.month, wall.day, tzinfo=UTC) - timedelta(hours=14)
        hits = [base + timedelta(minutes=15 * k) for k in range(4 * 40)
                if (base + timedelta(minutes=15 * k)).astimezone(tz).replace(tzinfo=None) == wall]
        if hits:
            return min(hits)
    raise AssertionError(f"no instant for {naive} in {tz}")


ALL = frozenset(range(7))
CHANNELS = (
    SimChannel("console:bru-morning", "daily 08:00", "Europe/Brussels", (), ALL, (time(8, 0),), frozenset(KINDS)),
    SimChannel("console:bru-night", "daily 02:30", "Europe/Brussels", ("harbour OR Bucharest",), ALL,
               (time(2, 30),), frozenset({"harbour", "bucharest"})),
    SimChannel("console:nyc", "weekdays 07:30", "America/New_York", ("NATO -sport",), frozenset(range(5)),
               (time(7, 30),), frozenset({"nato"})),
    SimChannel("console:nyc-6h", "every 6h", "America/New_York", ("harbour",), ALL,
               tuple(time(h) for h in range(0, 24, 6)), frozenset({"harbour"})),
    SimChannel("console:kol", "weekly mon 09:00", "Asia/Kolkata", (), frozenset({0}), (time(9, 0),),
               frozenset(KINDS)),
    SimChannel("console:kol-cron", "30 1/12 * * *", "Asia/Kolkata", ("Bucharest OR NATO",), ALL,
               (time(1, 30), time(13, 30)), frozenset({"nato", "bucharest", "sport"})),
)


def story_text(kind: str, n: int) -> tuple[str, str]:
    """(headline, text) invented for the simulation; every text is unique."""
    texts = {
        "nato": (f"NATO ministers meet on defence plan {n}",
                 f"NATO defence ministers met for round {n} of talks on the eastern flank. "
                 "The alliance said more air defence would follow."),
        "bucharest": (f"Bucharest hosts regional summit {n}",
                      f"Leaders gathered in Bucharest for session {n} of the regional summit. "
                      "Romania's president called for closer cooperation."),
        "harbour": (f"Harbour cranes replaced, phase {n}",
                    f"The harbour authority replaced two cranes in phase {n} of the works. "
                    "Shipping was not disrupted, officials said."),
        "sport": (f"NATO Rovers win cup tie {n}",
                  f"The amateur club NATO Rovers won cup tie {n} in extra time. "
                  "Local sports fans filled the small stadium."),
        "weather": (f"Storm warning for the coast, bulletin {n}",
                    f"Forecasters issued bulletin {n} warning of strong winds along the coast. "
                    "Ferries may be cancelled."),
    }
    return texts[kind]


@dataclass
class SimResult:
    crashes: int = 0
    deduped_reposts: int = 0
    ticks: int = 0
    posts: int = 0
    slots: int = 0
    stories: int = 0
    problems: list[str] = field(default_factory=list)


async def simulate(url: str, start: datetime, end: datetime, *, seed: int, crash_rate: float = 0.25,
                   stories_per_day: int = 5) -> SimResult:
    rng = random.Random(seed)
    config = Config(briefing=BriefingConfig(max_stories=3, timezone="UTC"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"))
    clock = ManualClock(start)
    adapter = RecordingAdapter(parts=2, clock=clock)
    result = SimResult()
    db = await Database.open(url)
    store = ChannelStore(db)
    for ch in CHANNELS:
        ref = ChannelRef.parse(ch.key)
        await store.ensure(ref, ChannelDefaults(ch.schedule, ch.tz), now=start)
        for t in ch.topics:
            await store.subscribe(ref, t, user="sim", now=start)

    expected = {ch.key: ch.reference_slots(start, end) for ch in CHANNELS}
    all_slots = sorted({s for slots in expected.values() for s in slots})
    quiet_after = [(s, s + timedelta(minutes=3)) for s in all_slots]
    stories: list[tuple[str, str, datetime]] = []  # (id, kind, added)
    seconds = int((end - start).total_seconds())
    while len(stories) < stories_per_day * seconds // 86400:
        at = start + timedelta(seconds=rng.randrange(60, seconds - 60))
        if any(a <= at <= b for a, b in quiet_after) or at in all_slots:
            continue  # a story arriving during a restart window would make the reference ambiguous
        stories.append((f"st{len(stories):04d}", rng.choice(KINDS), at))
    stories.sort(key=lambda s: s[2])
    extra_ticks = [start + timedelta(seconds=rng.randrange(seconds)) for _ in range(seconds // 86400 * 2)]
    events = sorted([(s, 1, "slot") for s in all_slots] + [(t, 1, "sweep") for t in extra_ticks]
                    + [(s[2], 0, s[0]) for s in stories])
    armed: list[str] = []

    def checkpoint(point: str) -> None:
        if armed and armed[0] == point:
            armed.clear()
            raise Crash(point)

    def runtime(database: Database) -> Scheduler:
        return Scheduler(Delivery(database, config, {"console": adapter}, checkpoint=checkpoint), clock)

    scheduler = runtime(db)
    by_id = {s[0]: s for s in stories}
    for at, _order, what in events:
        clock.set(at)
        if what.startswith("st"):
            kind = by_id[what][1]
            headline, body = story_text(kind, int(what[2:]))
            await add_story(db, what, text=body, title=headline, now=at)
            continue
        if what == "slot" and rng.random() < crash_rate:
            point = rng.choice(CRASH_POINTS)
            armed[:] = [point]
            if point == "mid-post":
                armed[:] = ["never"]
                adapter.crash_after_part = 1
        result.ticks += 1
        try:
            await scheduler.tick(at)
        except Crash:
            result.crashes += 1
            await db.close()  # the process is gone; a new one opens the same store a minute later
            db = await Database.open(url)
            scheduler = runtime(db)
            clock.set(at + timedelta(minutes=1))
            await scheduler.tick(clock())
        armed.clear()
        adapter.crash_after_part = None
    clock.set(end)
    await scheduler.tick(end)
    result.deduped_reposts = adapter.deduped
    result.posts = len(adapter.posts)
    result.stories = len(stories)
    result.problems = await check(db, adapter, expected, stories)
    result.slots = sum(len(v) for v in expected.values())
    await db.close()
    return result


async def check(db: Database, adapter: RecordingAdapter, expected: dict[str, list[datetime]],
                stories: list[tuple[str, str, datetime]]) -> list[str]:
    problems: list[str] = []
    ledger = DeliveryLedger(db)
    parts: dict[str, list[int]] = defaultdict(list)
    for p in adapter.posts:
        parts[p.key].append(p.part)
        slot = datetime.fromisoformat(p.key.split("|", 1)[1])
        if p.at is None or not slot <= p.at <= slot + timedelta(minutes=2):
            problems.append(f"{p.key} posted at {p.at}, not at its slot")
    problems += [f"{k}: parts {v}" for k, v in parts.items() if sorted(v) != [0, 1]]
    for ch in CHANNELS:
        entries = await ledger.entries(ch.key)
        bad = [e for e in entries if e.state not in ("delivered", "empty")]
        problems += [f"{ch.key}: {e.slot} left {e.state}" for e in bad]
        got = [e.slot for e in entries]
        if got != expected[ch.key]:
            missing = sorted(set(expected[ch.key]) - set(got))[:3]
            extra = sorted(set(got) - set(expected[ch.key]))[:3]
            problems.append(f"{ch.key}: slots differ; missing {missing}, extra {extra}")
        posted = {e.key for e in entries if e.state == "delivered"}
        if posted != {k for k in parts if k.startswith(ch.key + "|")}:
            problems.append(f"{ch.key}: delivered ledger rows and posts differ")
        seen: dict[str, list[datetime]] = defaultdict(list)
        for p in adapter.posts:
            if p.channel == ch.key and p.part == 0:
                for sid in p.story_ids:
                    seen[sid].append(datetime.fromisoformat(p.key.split("|", 1)[1]))
        for sid, kind, added in stories:
            later = [s for s in expected[ch.key] if s > added]
            want = [later[0]] if kind in ch.kinds and later else []
            if seen.get(sid, []) != want:
                problems.append(f"{ch.key}: story {sid} ({kind}, {added:%m-%d %H:%M}) in {seen.get(sid)}, "
                                f"expected {want}")
    return problems
