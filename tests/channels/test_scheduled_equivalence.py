"""Scheduled briefings rank outlines and load whole only the stories they show: the same briefings, posts and ledger
records as loading every changed page whole (tests/channels/whole_loading.py), on randomised stores over several
rounds, for channels with different topics, lengths, caps, mutes, followed sources, watermarks, follow-ups and
edits, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot import story_feed
from bot.adapter import PostError
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery, Outcome
from bot.models import Briefing, BriefingItem, BriefingLength, ChannelRef, SummarySentence
from bot.scheduler import Scheduler
from bot.store.channels import Channel, ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.quotes import QuoteStore
from bot.store.schema import (
    article_revisions,
    articles,
    channel_articles,
    channel_stories,
    channels,
    sentences,
    stories,
)
from bot.store.stories import summary_to_json
from bot.story_feed import StoreFeed
from digests.render_discord import render_discord
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text
from tests import pg
from tests.channels.channel_fakes import RecordingAdapter
from tests.channels.whole_loading import WholeLoadingDelivery

DAY = datetime(2026, 6, 10, tzinfo=UTC)
ROUNDS = (DAY + timedelta(hours=8, seconds=30), DAY + timedelta(days=1, hours=8, seconds=30),
          DAY + timedelta(days=2, hours=8, seconds=30))
CONFIG = Config(briefing=BriefingConfig(max_stories=6, timezone="UTC", default_since="24h", publication_grace="48h"),
                scheduler=SchedulerConfig(catch_up_grace="6h"))
FEEDS = ("https://coast.test/feed", "https://valley.example.org/rss", "https://harbour.test/news.xml",
         "https://north.test/feed")
SITES = (("Harbour Post", "https://www.harbour.test"), ("Harbour Post", "https://news.harbour.test"),
         ("Coast Wire", "https://coast.test"), ("Valley Times", "https://valley.example.org"),
         ("North Desk", ""), ("River Daily", "https://river.example.co.uk"))
WORDS = ("ferry", "timetable", "winter", "lighthouse", "council", "harbour", "crossing", "keepers", "budget",
         "storm", "pier", "tide", "NATO", "volunteers", "bridge", "schedule", "tourists", "Marlowe")
NEW_WORDS = ("dredger", "quarantine", "auction", "glacier", "referendum", "turbine", "orchestra", "vaccine",
             "embargo", "satellite", "archive", "drought")
SPEAKERS = ("Agnes Marlowe", "Tomas Brink", "the ministry", "unnamed harbour official", "Lena Quist")


@dataclass(frozen=True, slots=True)
class Setup:
    """One channel as set up for the whole run."""

    name: str
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    max_stories: int = 0
    length: BriefingLength = "full"
    timezone: str = "UTC"
    watermark: timedelta | None = None  # delivered_up_to this long before the first round; None: never delivered
    alert_outlets: int = 0


CHANNELS = (
    Setup("everything", max_stories=4, watermark=timedelta(hours=20)),
    Setup("speaker", topics=("Quist",), max_stories=2, length="short"),  # named only as a quote's speaker
    Setup("ferry", topics=("ferry OR lighthouse -Brink",), length="headlines", watermark=timedelta(days=3)),
    Setup("phrase", topics=('"winter timetable" from:Coast', "NATO tide"), timezone="Europe/London"),
    Setup("follows", sources=FEEDS[:1], max_stories=3, watermark=timedelta(hours=30)),
    Setup("nato-follows", topics=("NATO",), sources=FEEDS[2:], watermark=timedelta(hours=5)),
    Setup("alerts", max_stories=5, alert_outlets=2, watermark=timedelta(hours=12)),
)


def ref_of(setup: Setup) -> ChannelRef:
    return ChannelRef("console", setup.name)


def sentence(rng: random.Random, vocabulary: tuple[str, ...] = WORDS) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 11))).capitalize() + "."


class Writer:
    """Writes stories, articles (with their sentences and quotes), follow-ups and edits straight into the tables, the
    same on every store it is given; what it wrote it remembers, to join and edit it later."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.stories: dict[str, list[str]] = {}  # story id -> its article ids
        self.updated: dict[str, datetime] = {}
        self.texts: dict[str, str] = {}
        self.quotes = 0
        self.revisions = 0

    def rows(self, phase: int, at: datetime, *, breaking: bool = False) -> dict[str, list[dict[str, Any]]]:
        """The rows one phase writes before ``at`` (deterministic: the same for every store); ``breaking``: a few
        stories and follow-ups just after a round's briefings, for its alerts."""
        rng = random.Random(self.seed * 100 + phase * 2 + breaking)
        out: dict[str, list[dict[str, Any]]] = {"articles": [], "sentences": [], "quotes": [], "revisions": [],
                                                "stories": [], "story_updates": []}
        known = sorted(self.stories)
        count = rng.randint(2, 3) if breaking else rng.randint(14, 20) if phase == 0 else rng.randint(6, 9)
        for n in range(count):
            sid = f"p{phase}{'b' if breaking else ''}-s{n:02d}"
            changed = at - timedelta(minutes=rng.choice([5, 5, 30, 90, 200, 600]))
            published = changed - timedelta(hours=0 if breaking else rng.choice([0, 0, 0, 20, 40, 80]))
            self._story(rng, out, sid, changed, published, rng.randint(2, 4) if breaking else rng.randint(1, 4),
                        WORDS)
        if phase:
            for sid in rng.sample(known, min(len(known), 3 if breaking else 8)):  # follow-ups join older stories
                novel = rng.random() < 0.6
                self._join(rng, out, sid, at - timedelta(minutes=rng.choice([10, 50, 50])), novel)
        if phase and not breaking:
            for sid in rng.sample(known, min(len(known), 7)):  # edits, most of which matter
                self._edit(rng, out, sid, at - timedelta(minutes=rng.choice([15, 45])))
        return out

    def _story(self, rng: random.Random, out: dict[str, list[dict[str, Any]]], sid: str, changed: datetime,
               published: datetime, count: int, vocabulary: tuple[str, ...]) -> None:
        self.stories[sid] = []
        for _ in range(count):
            self._article(rng, out, sid, changed, published, vocabulary)
        first = self.texts[self.stories[sid][0]].split(". ")[0] + "."
        summary = [SummarySentence(first, self.stories[sid][0], 0, 0, len(first))]
        self.updated[sid] = published
        out["stories"].append({"id": sid, "headline": sentence(rng)[:70], "url": rng.choice(["", f"https://x.test/{sid}"]),
                               "first_seen": published, "updated": published, "changed_at": changed,
                               "size": count, "profile": "", "summary": summary_to_json(summary)})

    def _article(self, rng: random.Random, out: dict[str, list[dict[str, Any]]], sid: str, at: datetime,
                 published: datetime, vocabulary: tuple[str, ...]) -> str:
        ids = self.stories[sid]
        article_id = f"{sid}-a{len(ids)}"
        name, site = rng.choice(SITES)
        copied = ids and rng.random() < 0.3
        text = (f"HARBOURTON - {self.texts[ids[0]]} Follow us for more." if copied
                else " ".join(sentence(rng, vocabulary) for _ in range(rng.randint(3, 6))))
        ids.append(article_id)
        self.texts[article_id] = text
        out["articles"].append({
            "id": article_id, "url": f"{site}/{article_id}" if site else "", "title": sentence(rng)[:50],
            "outlet": name, "published": None if rng.random() < 0.1 else published + timedelta(minutes=len(ids)),
            "text": text, "content_hash": article_id, "source": rng.choice(FEEDS), "stored_at": at,
            "updated_at": at, "story_id": sid,
            "copy_of": rng.choice([ids[0], None]) if copied else rng.choice(["", "", None])})
        start = 0
        for idx, part in enumerate(text.split(". ")):
            part = part if part.endswith(".") else part + "."
            out["sentences"].append({"article_id": article_id, "idx": idx, "char_start": start,
                                     "char_end": start + len(part), "text": part})
            start += len(part) + 1
        for q in range(rng.choice([0, 0, 1, 2])):
            self.quotes += 1
            content = f"“{sentence(rng, vocabulary)}”"
            out["quotes"].append({
                "id": self.quotes, "article_id": article_id, "speaker": rng.choice(SPEAKERS),
                "speaker_as_written": "she", "cue": "said", "content": content, "kind": "direct", "sentence": q,
                "char_start": 10 * q, "char_end": 10 * q + len(content), "role": None, "topic_text": content})
        return article_id

    def _join(self, rng: random.Random, out: dict[str, list[dict[str, Any]]], sid: str, at: datetime,
              novel: bool) -> None:
        published = at if rng.random() < 0.8 else self.updated[sid]
        for _ in range(rng.randint(1, 2)):
            self._article(rng, out, sid, at, published, WORDS + NEW_WORDS if novel else WORDS)
        self.updated[sid] = max(self.updated[sid], published)
        out["story_updates"].append({"sid": sid, "changed_at": at, "updated": self.updated[sid],
                                     "size": len(self.stories[sid])})

    def _edit(self, rng: random.Random, out: dict[str, list[dict[str, Any]]], sid: str, at: datetime) -> None:
        self.revisions += 1
        before, after = (f"Crossings take {n} minutes." for n in rng.sample(range(10, 90), 2))
        out["revisions"].append({
            "id": self.revisions, "article_id": rng.choice(self.stories[sid]), "seen_at": at, "revision": 2,
            "title_before": None, "title_after": None, "omitted": 0, "expanded": False,
            "changes": json.dumps([[before, after, "number"]]), "why": "number", "substantive": rng.random() < 0.8})
        if rng.random() < 0.85:  # the edit re-summarised the story (else it changes nothing a briefing reads)
            out["story_updates"].append({"sid": sid, "changed_at": at, "updated": self.updated[sid],
                                         "size": len(self.stories[sid])})

    @staticmethod
    async def write(db: Database, rows: dict[str, list[dict[str, Any]]]) -> None:
        async with db.begin() as conn:
            if rows["articles"]:
                await conn.execute(articles.insert(), rows["articles"])
            if rows["sentences"]:
                await conn.execute(sentences.insert(), rows["sentences"])
            if rows["stories"]:
                await conn.execute(stories.insert(), rows["stories"])
            if rows["quotes"]:
                await QuoteStore(db).write_rows(conn, rows["quotes"])
            if rows["revisions"]:
                await conn.execute(article_revisions.insert(), rows["revisions"])
            for update in rows["story_updates"]:
                await conn.execute(stories.update().where(stories.c.id == update["sid"]).values(
                    changed_at=update["changed_at"], updated=update["updated"], size=update["size"]))


@dataclass
class Capturing(RecordingAdapter):
    """The recording adapter, keeping each briefing as posted, by channel."""

    briefings: list[tuple[str, Briefing]] = field(default_factory=list)

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        ids = await super().post(channel, briefing, key=key)
        self.briefings.append((channel.key, briefing))
        return ids


@dataclass
class Side:
    """One implementation on its own store."""

    db: Database
    kind: type[Delivery]
    adapter: Capturing = field(default_factory=Capturing)
    delivery: Delivery | None = None

    def fresh(self) -> Scheduler:
        """A new process: its caches empty."""
        self.delivery = self.kind(self.db, CONFIG, {"console": self.adapter})
        # one channel at a time: the posts, and the one that meets an injected error, the same on both sides
        return Scheduler(self.delivery, ManualClock(DAY), channels_at_once=1)

    async def channel(self, setup: Setup) -> Channel:
        found = await ChannelStore(self.db).get(ref_of(setup))
        assert found is not None
        return found


async def set_up_channels(db: Database) -> None:
    store = ChannelStore(db)
    for setup in CHANNELS:
        ref = ref_of(setup)
        await store.ensure(ref, ChannelDefaults("daily 08:00", setup.timezone), now=DAY)
        for topic in setup.topics:
            await store.subscribe(ref, topic, user="U1", now=DAY)
        for source in setup.sources:
            await store.follow(ref, source, now=DAY)
        await store.set_max_stories(ref, setup.max_stories)
        await store.set_length(ref, setup.length)
        await store.set_alerts(ref, setup.alert_outlets)
        if setup.watermark is not None:
            async with db.begin() as conn:
                await conn.execute(channels.update().where(channels.c.key == ref.key).values(
                    delivered_up_to=ROUNDS[0] - setup.watermark))


async def changes_between_rounds(side: Side, phase: int, rng: random.Random) -> None:
    """What readers did between two rounds: mutes, and a tracked story (the same on both sides)."""
    store = ChannelStore(side.db)
    delivered = sorted(await DeliveryLedger(side.db).delivered_story_ids(ref_of(CHANNELS[0]).key))
    for setup, count in ((CHANNELS[0], 2), (CHANNELS[2], 1)):
        pool = sorted(await DeliveryLedger(side.db).delivered_story_ids(ref_of(setup).key)) or delivered
        for story_id in rng.sample(pool, min(count, len(pool))):
            await store.mute(ref_of(setup), story_id, user="U2", now=ROUNDS[phase] - timedelta(hours=2))
    tracked = sorted(await DeliveryLedger(side.db).delivered_story_ids(ref_of(CHANNELS[6]).key))
    if tracked:
        await store.track(ref_of(CHANNELS[6]), rng.choice(tracked), user="U3", now=ROUNDS[phase] - timedelta(hours=3))


def headline_only(item: BriefingItem) -> BriefingItem:
    """A story past the cap as chat and text show it: a linked headline (the outlines carry no quotes or edits)."""
    return replace(item, story=replace(item.story, quotes=(), revisions=()))


def rendered(briefing: Briefing) -> tuple[object, ...]:
    return (render_text(briefing), render_markdown(briefing), render_briefing(briefing), render_discord(briefing))


def assert_same_briefing(got: Briefing, want: Briefing, case: object) -> None:
    assert got.items == want.items, case  # whole: quotes, edits, "new since", revised notes, scores, why
    assert tuple(map(headline_only, got.more)) == tuple(map(headline_only, want.more)), case
    assert all(not i.story.quotes for i in got.more), case  # the stories past the cap were not loaded whole
    assert replace(got, items=(), more=()) == replace(want, items=(), more=()), case
    assert rendered(got) == rendered(want), case


async def ledger_state(db: Database) -> dict[str, object]:
    """Everything the ledger records, per channel: slots with what they carry, stories and articles seen,
    watermarks."""
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


def states(outcomes: list[Outcome]) -> list[tuple[str, str, datetime | None]]:
    return [(o.channel, o.state, o.slot) for o in outcomes]


@pytest.fixture(params=["sqlite", "postgresql"])
async def stores(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Database, Database]]:
    async with pg.store_pair(request.param, "scheduled_equivalence", tmp_path) as pair:
        yield pair


@pytest.mark.parametrize(("seed", "small_caches"), [(1, False), (2, True)])
async def test_scheduled_briefings_equal_loading_every_page_whole(
        stores: tuple[Database, Database], seed: int, small_caches: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_feed, "PAGE_SIZE", 7)  # many pages, cut in the middle of ties in change time
    if small_caches:  # the caches let go of what they hold while a briefing is read and replayed
        monkeypatch.setattr(StoreFeed, "CACHE_SIZE", 9)
        monkeypatch.setattr(StoreFeed, "OUTLINE_CACHE_SIZE", 11)
    want, got = Side(stores[0], WholeLoadingDelivery), Side(stores[1], Delivery)
    writer = Writer(seed)
    seen = {"items": 0, "more": 0, "follow-ups": 0, "new since": 0, "revised": 0, "an edit alone": 0,
            "quotes shown": 0, "matched": 0, "muted": 0, "alerts": 0, "retried": 0}
    for side in (want, got):
        await set_up_channels(side.db)
    for phase, now in enumerate(ROUNDS):
        rows = writer.rows(phase, now - timedelta(minutes=30))
        for side in (want, got):
            await Writer.write(side.db, rows)
            if phase:
                await changes_between_rounds(side, phase, random.Random(seed * 7 + phase))
        seen["muted"] += len(await ChannelStore(got.db).muted(ref_of(CHANNELS[0])))
        schedulers = [want.fresh(), got.fresh()]
        for setup in CHANNELS:  # what is planned, before anything is posted: the same on both stores
            case = (seed, phase, setup.name)
            channels_now = [await want.channel(setup), await got.channel(setup)]
            assert want.delivery is not None and got.delivery is not None
            planned = [await want.delivery.plan_for(channels_now[0], now), await got.delivery.plan_for(
                channels_now[1], now)]
            assert planned[1] == planned[0], case  # what the ledger would record, "more" list and all
            previews = [await want.delivery.preview(channels_now[0], now),
                        await got.delivery.preview(channels_now[1], now)]
            assert_same_briefing(previews[1], previews[0], case)
            briefing = previews[1]
            seen["items"] += len(briefing.items)
            seen["more"] += len(briefing.more)
            seen["follow-ups"] += sum(1 for c in planned[1].stories if c.new or c.revised)
            seen["new since"] += sum(1 for i in briefing.items if i.new_since)
            seen["revised"] += sum(1 for i in (*briefing.items, *briefing.more) if i.revised)
            seen["an edit alone"] += sum(1 for c in planned[1].stories if c.revised and not c.new)  # corrections too
            seen["quotes shown"] += sum(len(i.story.quotes) for i in briefing.items)
            seen["matched"] += sum(1 for i in briefing.items if i.why)
        if phase == 1:  # the first post fails once: retried by a restarted process, its caches empty
            for side in (want, got):
                side.adapter.errors.append(PostError(ref_of(CHANNELS[0]), "retryable", "HTTP 503"))
        ticked = [states(await s.tick(now)) for s in schedulers]
        assert ticked[1] == ticked[0], (seed, phase)
        if phase == 1:
            assert [t for t in ticked[1] if t[1] == "retry"], ticked[1]
            schedulers = [want.fresh(), got.fresh()]
            retried = [states(await s.tick(now + timedelta(minutes=3))) for s in schedulers]
            assert retried[1] == retried[0] and [r[1] for r in retried[1]] == ["delivered"], retried
            seen["retried"] += 1
        rows = writer.rows(phase, now + timedelta(minutes=50), breaking=True)
        for side in (want, got):
            await Writer.write(side.db, rows)
        alerts = [states(await s.alert_round(now + timedelta(hours=1))) for s in schedulers]
        assert alerts[1] == alerts[0], (seed, phase)
        seen["alerts"] += len(alerts[1])
        assert [k for k, _ in got.adapter.briefings] == [k for k, _ in want.adapter.briefings], (seed, phase)
        for n, ((key, posted), (_, expected)) in enumerate(zip(got.adapter.briefings, want.adapter.briefings,
                                                               strict=True)):
            assert_same_briefing(posted, expected, (seed, phase, key, n))
        assert await ledger_state(got.db) == await ledger_state(want.db), (seed, phase)
    assert all(seen.values()), seen  # the rounds covered each kind of story and step they compare
