"""Follow-ups: a delivered story comes back only with articles the channel has not seen, saying what is new."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Briefing, BriefingItem, ChannelRef
from bot.nlp.summarise import default_summariser
from bot.pipeline import Pipeline
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger
from bot.store.migrations import MIGRATIONS
from bot.store.schema import channel_stories
from digests.render_discord import render_discord
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text
from tests import pg
from tests.channels.channel_fakes import Crash, RecordingAdapter, make_article
from tests.old_store import as_of

DAY1 = datetime(2031, 3, 3, 0, 0, tzinfo=UTC)  # a Monday, far from the wall clock
REF = ChannelRef("console", "main")

# Texts written for this test: one event (a port fire) from two outlets, its follow-up from a third the next
# day, a different event at the same port, a later follow-up, a restatement that adds nothing.
FIRE_A = {"title": "Fire destroys grain terminal at Valdmere port", "outlet": "Harbour Gazette",
          "url": "https://gazette.test/valdmere-fire", "text": (
              "A fire destroyed the grain terminal at the port of Valdmere early on Monday, forcing the evacuation "
              "of forty dock workers. Firefighters from three towns fought the blaze for six hours before bringing "
              "it under control. No one was injured, the port authority said. Shipments of wheat bound for the "
              "terminal have been diverted to the neighbouring port of Korsholt.")}
FIRE_B = {"title": "Valdmere grain terminal burns in overnight blaze", "outlet": "Coastal Times",
          "url": "https://coastal.test/valdmere-terminal-blaze", "text": (
              "Flames tore through the Valdmere port grain terminal overnight, and dock workers were evacuated as "
              "firefighters battled the blaze until dawn. The port authority said nobody was hurt. The terminal "
              "handles most of the region's wheat exports, and grain ships are being diverted to Korsholt while "
              "the damage is assessed.")}
BACKGROUND = "The fire at the terminal forced the evacuation of dock workers and diverted wheat shipments to Korsholt."
FIRE_C = {"title": "Valdmere grain terminal fire blamed on overheated conveyor", "outlet": "Northern Ledger",
          "url": "https://ledger.test/valdmere-fire-cause", "text": (
              "Investigators said on Tuesday that an overheated conveyor belt started the fire that destroyed the "
              "Valdmere port grain terminal. The conveyor had been flagged for repair two weeks before the blaze, "
              "according to maintenance records seen by the investigators. The port authority said the terminal "
              f"would stay closed for at least three months. {BACKGROUND}")}
BERTH_D = {"title": "Valdmere port approves new container berth", "outlet": "Harbour Gazette",
           "url": "https://gazette.test/valdmere-berth", "text": (
               "The Valdmere port board approved a new deep-water container berth on Tuesday, at a cost of ninety "
               "million euros. Construction is due to start next spring and to take two years. The board said the "
               "berth would let the port handle the largest container ships for the first time. Local fishing "
               "crews have asked for guarantees that their moorings will not be moved.")}
FIRE_F = {"title": "Valdmere grain terminal fire caused forty million euros of damage", "outlet": "Valley Courier",
          "url": "https://courier.test/valdmere-fire-insurers", "text": (
              "The fire that destroyed the Valdmere port grain terminal caused damage worth forty million euros, "
              "insurers estimated on Tuesday evening. The terminal operator pledged to rebuild the burned silos "
              "with sprinklers and heat sensors. Farmers' unions warned that storage prices would climb across "
              "the region until the grain terminal reopens.")}
FIRE_E = {"title": "Grain terminal at Valdmere port destroyed by fire", "outlet": "Daily Beacon",
          "url": "https://beacon.test/valdmere-terminal-fire", "text": (
              "Fire destroyed the grain terminal at Valdmere port on Monday and dock workers were evacuated. "
              "Firefighters from three towns fought the blaze for hours before it was under control. "
              "Wheat shipments bound for the terminal were diverted to Korsholt, the port authority said.")}


@dataclass
class CapturingAdapter(RecordingAdapter):
    """The recording adapter, keeping each briefing as posted."""

    briefings: list[Briefing] = field(default_factory=list)

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        ids = await super().post(channel, briefing, key=key)
        self.briefings.append(briefing)
        return ids


class World:
    """A store fed through the real pipeline (clustering and summaries) and a daily 08:00 channel."""

    def __init__(self, db: Database, config: Config, tmp: Path) -> None:
        self.db, self.config, self.tmp = db, config, tmp
        self.clock = ManualClock(DAY1)
        self.pipeline = Pipeline(db, config, self.clock, default_summariser())
        self.files = 0

    async def ingest(self, at: datetime, *records: dict[str, str]) -> None:
        self.clock.set(at)
        self.files += 1
        path = self.tmp / f"batch{self.files}.json"
        path.write_text(json.dumps([{**r, "published": at.isoformat()} for r in records]))
        report = await self.pipeline.ingest([str(path)], None)
        assert not report.problems

    async def story_of(self, record: dict[str, str]) -> str:
        async with self.db.connect() as conn:
            row = (await conn.execute(sa.text("SELECT id, story_id FROM articles WHERE url = :u"),
                                      {"u": record["url"]})).one()
        return str(row.story_id)

    async def article_id(self, record: dict[str, str]) -> str:
        async with self.db.connect() as conn:
            return str((await conn.execute(sa.text("SELECT id FROM articles WHERE url = :u"),
                                           {"u": record["url"]})).scalar_one())

    async def deliver(self, db: Database, adapter: CapturingAdapter, now: datetime, **kwargs: Any) -> list[str]:
        channel = await ChannelStore(db).get(REF)
        assert channel is not None
        outcomes = await Delivery(db, self.config, {"console": adapter}, **kwargs).deliver_due(channel, now)
        return [o.state for o in outcomes]


@pytest.fixture
async def world(db: Database, config: Config, tmp_path: Path) -> World:
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    return World(db, config, tmp_path)


def item_for(briefing: Briefing, story_id: str) -> BriefingItem:
    found = [i for i in briefing.items if i.story.id == story_id]
    assert len(found) == 1, [i.story.headline for i in briefing.items]
    return found[0]


async def test_a_followup_comes_back_once_with_only_what_is_new(world: World) -> None:
    adapter = CapturingAdapter()
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    fire = await world.story_of(FIRE_A)
    assert await world.story_of(FIRE_B) == fire
    assert await world.deliver(world.db, adapter, DAY1 + timedelta(hours=8)) == ["delivered"]
    first = item_for(adapter.briefings[0], fire)
    assert len(first.story.sources) == 2 and first.story.summary and first.new_since == ()

    # day 2: a third outlet's follow-up joins the story; another event at the same port stays apart
    await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C, BERTH_D)
    assert await world.story_of(FIRE_C) == fire
    berth = await world.story_of(BERTH_D)
    assert berth != fire
    assert await world.deliver(world.db, adapter, DAY1 + timedelta(days=1, hours=8)) == ["delivered"]
    day2 = adapter.briefings[1]
    assert sorted(i.story.id for i in day2.items) == sorted([fire, berth]) and day2.more == ()
    followup = item_for(day2, fire)
    c_id = await world.article_id(FIRE_C)
    assert followup.new_since and {s.article_id for s in followup.new_since} == {c_id}
    assert BACKGROUND not in [s.text for s in followup.new_since]  # restated background is not "new"
    article_c = await ArticleStore(world.db).get(c_id)
    assert article_c is not None
    for line in followup.new_since:  # extractive, with provenance
        assert article_c.text[line.start:line.end] == line.text
    assert len({s.text for s in followup.new_since}) == len(followup.new_since)
    assert followup.story.summary == ()  # nothing the channel was already given is posted again
    assert len(followup.story.sources) == 3
    assert followup.new == (c_id,)  # its new report, marked "(new)" in the source links
    new_story = item_for(day2, berth)
    assert new_story.new_since == () and new_story.story.summary and new_story.new == ()

    # every renderer says what is new
    text = render_text(day2)
    assert text.count("New since you last saw it:") == 1 and followup.new_since[0].text in text
    assert text.count(" (new): http") == 1
    assert "New since you last saw it:" in render_markdown(day2)
    assert "_New:_" in json.dumps([m.blocks for m in render_briefing(day2)])
    assert "**New:**" in json.dumps(render_discord(day2), default=str)

    # day 3: a typo-level edit of a seen article, and an outlet restating day 1: nothing is re-posted (an edit that
    # matters comes back: tests/channels/test_revisions.py)
    edited = {**FIRE_C, "text": FIRE_C["text"].replace("flagged for repair", "flagged for repairs")}
    await world.ingest(DAY1 + timedelta(days=2, hours=5), edited, FIRE_E)
    assert await world.story_of(FIRE_E) == fire
    assert await world.deliver(world.db, adapter, DAY1 + timedelta(days=2, hours=8)) == ["empty"]
    assert len(adapter.briefings) == 2


async def test_a_kill_between_claim_and_post_reposts_the_planned_content(world: World) -> None:
    adapter = CapturingAdapter()
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    fire = await world.story_of(FIRE_A)
    assert await world.deliver(world.db, adapter, DAY1 + timedelta(hours=8)) == ["delivered"]
    await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C)
    slot = DAY1 + timedelta(days=1, hours=8)

    def die(point: str) -> None:
        if point == "planned":
            raise Crash(point)

    with pytest.raises(Crash):
        await world.deliver(world.db, adapter, slot, checkpoint=die)
    entry = await DeliveryLedger(world.db).get(REF.key, slot)
    assert entry is not None and entry.state == "pending" and entry.planned is not None
    c_id, f_id = await world.article_id(FIRE_C), None
    (carried,) = entry.planned.stories
    assert carried.story_id == fire and carried.new == (c_id,) and len(carried.articles) == 3

    # while the bot is down another article joins the story; the restart posts the slot as claimed
    await world.ingest(slot + timedelta(minutes=20), FIRE_F)
    assert await world.story_of(FIRE_F) == fire
    f_id = await world.article_id(FIRE_F)
    fresh = await Database.open(world.db.url)
    try:
        assert await world.deliver(fresh, adapter, slot + timedelta(minutes=30)) == ["delivered"]
        posted = item_for(adapter.briefings[1], fire)
        assert {s.article_id for s in posted.new_since} == {c_id} and posted.new_since == carried.new_since
        assert f_id not in {s.article_id for s in posted.story.sources} and len(posted.story.sources) == 3
        # the late article was not shown, so it is the next day's follow-up, on its own
        assert await world.deliver(fresh, adapter, DAY1 + timedelta(days=2, hours=8)) == ["delivered"]
        later = item_for(adapter.briefings[2], fire)
        assert later.new_since and {s.article_id for s in later.new_since} == {f_id}
        assert await world.deliver(fresh, adapter, DAY1 + timedelta(days=3, hours=8)) == ["empty"]
    finally:
        await fresh.close()
    assert [len(b.items) for b in adapter.briefings] == [1, 1, 1]


async def test_preview_shows_the_followup_without_recording_it(world: World) -> None:
    adapter = CapturingAdapter()
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    assert await world.deliver(world.db, adapter, DAY1 + timedelta(hours=8)) == ["delivered"]
    await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C)
    channel = await ChannelStore(world.db).get(REF)
    assert channel is not None
    delivery = Delivery(world.db, world.config, {"console": adapter})
    shown = await delivery.preview(channel, DAY1 + timedelta(days=1, hours=7))
    assert len(shown.items) == 1 and shown.items[0].new_since
    again = await delivery.preview(channel, DAY1 + timedelta(days=1, hours=7, minutes=30))
    assert again.items[0].new_since == shown.items[0].new_since


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_upgrade_marks_what_channels_were_given_as_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    url = (f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_followups"))
    as_of(monkeypatch, 3)  # a store from before follow-ups
    old = await Database.open(url)
    try:
        day1 = DAY1 + timedelta(hours=6)
        articles = ArticleStore(old)
        for record, at in ((FIRE_A, day1), (FIRE_C, day1 + timedelta(days=1))):
            art = make_article(record["text"], title=record["title"], outlet=record["outlet"], url=record["url"],
                               source="feed", published=at)
            await articles.save(art, now=at)
            await articles.set_story(art.id, "s-fire")
        async with old.begin() as conn:
            await conn.execute(channel_stories.insert().values(channel=REF.key, story_id="s-fire",
                                                               slot="2031-03-03T08:00:00+00:00",
                                                               delivered_at=day1 + timedelta(hours=2)))
    finally:
        await old.close()
    as_of(monkeypatch, len(MIGRATIONS))
    new = await Database.open(url)
    try:
        seen = await DeliveryLedger(new).seen_articles(REF.key, ["s-fire", "s-other"])
        a_id = (await ArticleStore(new).ids_for_story("s-fire"))[0]
        assert seen == {"s-fire": {a_id}}  # the day-2 article came after the delivery: still new
    finally:
        await new.close()


async def test_a_slot_claimed_before_the_upgrade_still_marks_its_articles_seen(world: World) -> None:
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    fire = await world.story_of(FIRE_A)
    ledger = DeliveryLedger(world.db)
    slot = DAY1 + timedelta(hours=8)
    # a row as the ledger wrote it before follow-ups: story ids only, no record of their articles
    entry = await ledger.plan(REF.key, slot, kind="scheduled", cutoff=slot, story_ids=[fire], now=slot)
    assert entry is not None and entry.planned is None
    adapter = CapturingAdapter()
    assert await world.deliver(world.db, adapter, slot + timedelta(minutes=5)) == ["delivered"]
    assert [i.story.id for i in adapter.briefings[0].items] == [fire]
    ids = {await world.article_id(FIRE_A), await world.article_id(FIRE_B)}
    assert await ledger.seen_articles(REF.key, [fire]) == {fire: ids}
    assert await world.deliver(world.db, adapter, DAY1 + timedelta(days=1, hours=8)) == ["empty"]
