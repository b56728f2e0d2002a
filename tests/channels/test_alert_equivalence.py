"""Breaking alerts screen outlines and load whole only the stories that pass: the same alert messages, outcomes and
ledger records as loading every story changed within the lookback whole (tests/channels/whole_alerts.py), on
randomised stores over two days of rounds, for channels with different thresholds, topics, followed sources, mutes,
tracked stories, quiet hours, the 30-minute gap and more candidates than one message carries, on SQLite and
PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot import story_feed
from bot.alerts import GAP, LOOKBACK, MAX_STORIES, Alerts, in_quiet_hours
from bot.clock import ManualClock
from bot.delivery import Delivery, Outcome
from bot.models import ChannelRef, Story
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.schema import channel_articles, channel_stories, channels
from bot.store.stories import StoryStore
from bot.story_feed import Outline, StoreFeed
from tests import pg
from tests.channels.test_scheduled_equivalence import (
    CONFIG,
    DAY,
    FEEDS,
    WORDS,
    Capturing,
    Writer,
    assert_same_briefing,
)
from tests.channels.whole_alerts import WholeLoadingAlerts

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Setup:
    """One channel as set up for the whole run."""

    name: str
    alerts: int
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    quiet: str = ""
    tracks: int = 0  # how many stories it was shown it tracks after each day's briefing
    mutes: int = 0  # how many of each burst's stories it mutes before they come


CHANNELS = (
    Setup("two", alerts=2),
    Setup("three-muting", alerts=3, mutes=2),
    Setup("four", alerts=4),
    Setup("ferry", alerts=2, topics=("ferry OR lighthouse",)),
    Setup("follows", alerts=2, sources=FEEDS[:2]),
    Setup("quiet", alerts=2, quiet="09:00-10:00"),
    Setup("tracking", alerts=3, tracks=2, mutes=1),
    Setup("tracks-only", alerts=0, tracks=1),
    Setup("glacier", alerts=2, topics=("glacier OR turbine",)),  # only in some follow-ups: most fail the screen
)
# each day: the briefings at 08:00, then alert rounds (minutes after 08:00), each after a burst of news; some within
# GAP of the one before, some in the quiet channel's quiet hours
ROUND_MINUTES = (20, 35, 65, 100, 140, 185)


def ref_of(setup: Setup) -> ChannelRef:
    return ChannelRef("console", setup.name)


class BurstWriter(Writer):
    """The scheduled equivalence test's writer, with bursts of breaking news between alert rounds."""

    def burst(self, tag: str, at: datetime, count: int, follow: list[str]) -> Rows:
        """``count`` new stories of 1-5 articles changed shortly before ``at`` (a few first published more than a day
        earlier: not news for an alert), follow-ups to some known stories and to ``follow``, edits of some."""
        rng = random.Random(f"{self.seed}-{tag}")
        out: Rows = {"articles": [], "sentences": [], "quotes": [], "revisions": [], "stories": [],
                     "story_updates": []}
        known = sorted(self.stories)
        for n in range(count):
            changed = at - timedelta(minutes=rng.choice([1, 2, 5, 12, 40]))
            published = changed - timedelta(hours=rng.choice([0, 0, 0, 0, 2, 30]))
            self._story(rng, out, f"{tag}-s{n:02d}", changed, published, rng.randint(1, 5), WORDS)
        joined = sorted({*rng.sample(known, min(len(known), 3)), *follow})
        for sid in joined:
            self._join(rng, out, sid, at - timedelta(minutes=rng.choice([1, 3])), rng.random() < 0.6)
        for sid in rng.sample(known, min(len(known), 2)):
            self._edit(rng, out, sid, at - timedelta(minutes=2))
        return out


@dataclass
class Side:
    """One implementation on its own store."""

    db: Database
    alerts: type[Alerts]
    adapter: Capturing = field(default_factory=Capturing)
    scheduler: Scheduler | None = None

    def fresh(self) -> Scheduler:
        """A new process: its caches empty."""
        delivery = Delivery(self.db, CONFIG, {"console": self.adapter})
        # one channel at a time: the posts come in the same order on both sides (what is compared)
        self.scheduler = Scheduler(delivery, ManualClock(DAY), channels_at_once=1)
        self.scheduler.alerts = self.alerts(delivery)
        return self.scheduler


async def set_up_channels(db: Database) -> None:
    store = ChannelStore(db)
    for setup in CHANNELS:
        ref = ref_of(setup)
        await store.ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY)
        await store.set_alerts(ref, setup.alerts)
        if setup.quiet:
            await store.set_schedule(ref, now=DAY, quiet_hours=setup.quiet)
        for topic in setup.topics:
            await store.subscribe(ref, topic, user="U1", now=DAY)
        for source in setup.sources:
            await store.follow(ref, source, now=DAY)


async def ledger_state(db: Database) -> dict[str, object]:
    ledger = DeliveryLedger(db)
    out: dict[str, object] = {}
    async with db.connect() as conn:
        out["stories"] = sorted((r.channel, r.story_id, r.slot) for r in await conn.execute(sa.select(channel_stories)))
        out["articles"] = sorted((r.channel, r.article_id, r.story_id, r.slot)
                                 for r in await conn.execute(sa.select(channel_articles)))
        out["watermarks"] = sorted((r.key, r.delivered_up_to) for r in await conn.execute(sa.select(channels)))
    for setup in CHANNELS:
        out[setup.name] = await ledger.entries(ref_of(setup).key)
    return out


def states(outcomes: list[Outcome]) -> list[tuple[str, str, datetime | None, str]]:
    return [(o.channel, o.state, o.slot, o.detail) for o in outcomes]


async def between_days(side: Side, day: int, rng: random.Random) -> list[str]:
    """After a day's briefings: channels track stories they were shown (the same on both sides); returns them."""
    store = ChannelStore(side.db)
    tracked: list[str] = []
    for setup in CHANNELS:
        shown = sorted(await DeliveryLedger(side.db).delivered_story_ids(ref_of(setup).key))
        for story_id in rng.sample(shown, min(setup.tracks, len(shown))):
            await store.track(ref_of(setup), story_id, user="U3", now=DAY + timedelta(days=day, hours=8, minutes=5))
            tracked.append(story_id)
    return tracked


async def probe(db: Database, now: datetime, seen: dict[str, int]) -> None:
    """Count, on a throwaway ``Alerts`` (so the compared ones read as they would), what this round exercises."""
    alerts = Alerts(Delivery(db, CONFIG, {"console": Capturing()}))
    recent = await alerts._recent(now)
    changed = await StoryStore(db).changed_since(now - LOOKBACK, limit=100_000)
    seen["not fresh"] += len(changed) - len(recent)
    ledger, store = DeliveryLedger(db), ChannelStore(db)
    for setup in CHANNELS:
        channel = await store.get(ref_of(setup))
        assert channel is not None
        if setup.alerts <= 0:
            continue
        found = await alerts.candidates(channel, now)
        muted = set(await store.muted(channel.ref))
        seen["muted"] += sum(1 for count, o in recent if count >= setup.alerts and o.story.id in muted)
        seen["over the cap"] += len(found) > MAX_STORIES
        if found and in_quiet_hours(channel, now):
            seen["quiet"] += 1
        last = await ledger.last_alert(channel.key)
        if found and last is not None and now - last < GAP:
            seen["gap"] += 1


@pytest.fixture(params=["sqlite", "postgresql"])
async def stores(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Database, Database]]:
    async with pg.store_pair(request.param, "alert_equivalence", tmp_path) as pair:
        yield pair


@pytest.mark.parametrize(("seed", "small_caches"), [(3, False), (4, True)])
async def test_alerts_equal_loading_every_changed_story_whole(
        stores: tuple[Database, Database], seed: int, small_caches: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_feed, "PAGE_SIZE", 7)  # many pages, cut in the middle of ties in change time
    if small_caches:  # the caches let go of what they hold between and within rounds
        monkeypatch.setattr(StoreFeed, "CACHE_SIZE", 5)
        monkeypatch.setattr(StoreFeed, "OUTLINE_CACHE_SIZE", 9)
        monkeypatch.setattr(StoreFeed, "ARTICLE_CACHE_SIZE", 6)
    want, got = Side(stores[0], WholeLoadingAlerts), Side(stores[1], Alerts)
    writer = BurstWriter(seed)
    rng = random.Random(seed)
    seen = {"alerts": 0, "breaking": 0, "updates": 0, "both": 0, "muted": 0, "over the cap": 0, "quiet": 0,
            "gap": 0, "not fresh": 0, "held": 0, "thresholds": 0, "rare topic": 0}
    thresholds: set[int] = set()
    for side in (want, got):
        await set_up_channels(side.db)
    tracked: list[str] = []
    for day in range(2):
        start = DAY + timedelta(days=day, hours=8, seconds=30)
        rows = writer.rows(day, start - timedelta(minutes=30))
        for side in (want, got):
            await Writer.write(side.db, rows)
        ticked = [states(await side.fresh().tick(start)) for side in (want, got)]
        assert ticked[1] == ticked[0], (seed, day)
        picked = [await between_days(side, day, random.Random(seed * 10 + day)) for side in (want, got)]
        assert picked[1] == picked[0]
        tracked += picked[1]
        for n, minutes in enumerate(ROUND_MINUTES):
            now = start + timedelta(minutes=minutes)
            tag = f"d{day}r{n}"
            count = rng.choice([1, 3, 6, 9])
            muting = {setup.name: [f"{tag}-s{i:02d}" for i in rng.sample(range(count), min(setup.mutes, count))]
                      for setup in CHANNELS}
            rows = writer.burst(tag, now - timedelta(minutes=1), count, follow=tracked)
            for side in (want, got):
                await Writer.write(side.db, rows)
                for setup in CHANNELS:  # muted as soon as they came (a mute needs no story shown)
                    for story_id in muting[setup.name]:
                        await ChannelStore(side.db).mute(ref_of(setup), story_id, user="U2", now=now)
                if n % 2:  # and one tracked before it was shown: it comes as an update, not as breaking news too
                    await ChannelStore(side.db).track(ref_of(CHANNELS[6]), f"{tag}-s00", user="U3", now=now)
            await probe(got.db, now, seen)
            posted = len(got.adapter.briefings)
            outcomes = []
            for side in (want, got):
                assert side.scheduler is not None
                outcomes.append(states(await side.scheduler.alert_round(now)))
            assert outcomes[1] == outcomes[0], (seed, day, n)
            seen["held"] += len(CHANNELS) - len(outcomes[1])
            for key, briefing in got.adapter.briefings[posted:]:
                seen["alerts"] += 1
                seen["rare topic"] += key == ref_of(CHANNELS[-1]).key
                updates = sum(1 for i in briefing.items if i.why == "tracked in this channel")
                seen["updates"] += updates
                seen["breaking"] += len(briefing.items) - updates
                seen["both"] += bool(updates and len(briefing.items) > updates)
                if len(briefing.items) > updates:
                    thresholds.add(next(s.alerts for s in CHANNELS if ref_of(s).key == key))
            assert [k for k, _ in got.adapter.briefings] == [k for k, _ in want.adapter.briefings], (seed, day, n)
            for i, ((key, posted_now), (_, expected)) in enumerate(zip(got.adapter.briefings, want.adapter.briefings,
                                                                        strict=True)):
                assert_same_briefing(posted_now, expected, (seed, day, n, key, i))
            assert await ledger_state(got.db) == await ledger_state(want.db), (seed, day, n)
    seen["thresholds"] = len(thresholds)
    # the rounds covered each kind of story and step they compare: breaking news at every threshold, updates,
    # both in one message, mutes, more candidates than a message carries, quiet hours, the gap, stale stories
    assert all(seen.values()) and seen["thresholds"] == 3, seen


async def test_outlines_screen_as_the_whole_stories_do(db: Database) -> None:
    """What the screen reads of a story (its outlets, its first publication) reads the same from its outline as from
    the story loaded whole, stories with copies, undated articles and several sites of one outlet among them."""
    from bot.alerts import first_published, outlet_count

    writer = BurstWriter(9)
    at = DAY + timedelta(hours=9)
    await Writer.write(db, writer.burst("x", at, 40, follow=[]))
    feed = StoreFeed(db)
    rows = [r async for page in feed.row_pages(None) for r in page]
    outlines = await feed.outlines(rows)
    whole = await StoreFeed(db).changed_since(None)
    assert [o.story.id for o in outlines] == [s.id for s in whole] and len(whole) == 40
    assert [(outlet_count(o.story), first_published(o.story)) for o in outlines] == [
        (outlet_count(s), first_published(s)) for s in whole]
    assert len({outlet_count(s) for s in whole}) >= 4  # 1 to 4 outlets or more
    assert await feed.whole(outlines) == whole


class CountingFeed(StoreFeed):
    """The store feed, counting the stories it is asked to load whole."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.loaded: list[str] = []

    async def whole(self, outlines: Sequence[Outline]) -> list[Story]:
        self.loaded += [o.story.id for o in outlines]
        return await super().whole(outlines)


async def test_a_round_loads_whole_only_the_stories_it_posts(db: Database) -> None:
    """Channels without topics or followed sources: of the many stories that could be breaking news, only those an
    alert message shows are loaded whole."""
    store = ChannelStore(db)
    for setup in CHANNELS[:2]:
        await store.ensure(ref_of(setup), ChannelDefaults("daily 08:00", "UTC"), now=DAY)
        await store.set_alerts(ref_of(setup), setup.alerts)
    now = DAY + timedelta(hours=9)
    adapter, feed = Capturing(), CountingFeed(db)
    scheduler = Scheduler(Delivery(db, CONFIG, {"console": adapter}, feed=feed), ManualClock(now))
    await scheduler.tick(DAY + timedelta(hours=8))  # the day's briefings (nothing to brief yet) come first
    await Writer.write(db, BurstWriter(5).burst("x", now - timedelta(minutes=1), 40, follow=[]))
    ready = [await scheduler.alerts.candidates(c, now) for c in await store.all()]
    assert [o.state for o in await scheduler.alert_round(now)] == ["delivered", "delivered"]
    shown = [i.story.id for _, briefing in adapter.briefings for i in briefing.items]
    assert len(shown) == 2 * MAX_STORIES and all(len(r) > MAX_STORIES for r in ready) and sum(map(len, ready)) > 20
    assert set(feed.loaded) == set(shown)  # composing and posting each message: its stories, none other
