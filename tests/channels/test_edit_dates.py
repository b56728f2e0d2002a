"""An outlet's edit of an old article does not make it news again: a CMS that moves an item's pubDate to every save,
or an Atom feed that only gives <updated>, dates the edit, not the article; the stored article keeps the date it was
first published, so briefings' "since" windows, ranking and channels never shown the story treat it as old."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest
from aiohttp import web

from bot.briefings import build_briefing
from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.delivery import Delivery
from bot.ingest.fetch import Fetcher
from bot.models import Article, Briefing, ChannelRef, Story
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import default_summariser
from bot.pipeline import Pipeline
from bot.scheduler import Scheduler
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests import pg
from tests.channels.test_followups import CapturingAdapter

DAY1 = datetime(2031, 11, 20, 0, 0, tzinfo=UTC)  # a Thursday, far from the wall clock
SHOWN = ChannelRef("console", "main")  # shown the story on day 1
DESK = ChannelRef("console", "desk")  # made on day 4, never shown it

# Texts written for these tests: a bridge closure (then its figure corrected) and a warehouse fire.
BRIDGE = ("The Tessaly river bridge was closed to traffic on Thursday morning after inspectors found cracks in two "
          "of its piers. 9 buses a day will be diverted through Orrin until repairs begin, the county said. "
          "Engineers expect the closure to last at least a month while divers examine the foundations. "
          "Shops on the east bank said trade had already fallen since the morning.")
BRIDGE_FIXED = BRIDGE.replace("9 buses a day", "16 buses a day")
BRIDGE_TITLE = "Tessaly river bridge closed after cracks found in piers"
FIRE = ("A fire destroyed a grain warehouse at the Quillan docks on Saturday night, the fire service said. "
        "Forty firefighters fought the blaze for six hours before it was brought under control. "
        "No one was injured, but the owners said the stored harvest of three farms was lost. "
        "Investigators will examine the building's wiring on Monday.")
FIRE_TITLE = "Fire destroys grain warehouse at Quillan docks"


@dataclass
class Item:
    guid: str
    title: str
    text: str
    date: datetime  # the item's pubDate (RSS) or its <updated> (Atom, which gives no <published> here)


@dataclass
class Outlet:
    """Harbour Daily's feed on 127.0.0.1 (RSS, or Atom with <updated> only), serving whatever items it is given."""

    atom: bool = False
    items: list[Item] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None

    def _entry(self, item: Item) -> str:
        link = f"http://127.0.0.1:{self.port}/{item.guid}"
        if self.atom:
            return (f'<entry><title>{escape(item.title)}</title><link href="{link}"/><id>urn:hd:{item.guid}</id>'
                    f"<updated>{item.date.isoformat()}</updated><summary>{escape(item.text)}</summary></entry>")
        return (f"<item><title>{escape(item.title)}</title><link>{link}</link>"
                f'<guid isPermaLink="false">{item.guid}</guid>'
                f"<pubDate>{format_datetime(item.date, usegmt=True)}</pubDate>"
                f"<description>{escape(item.text)}</description></item>")

    def _body(self) -> str:
        entries = "".join(self._entry(i) for i in self.items)
        if self.atom:
            newest = max(i.date for i in self.items).isoformat()
            return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    f"<title>Harbour Daily</title><id>urn:hd</id><updated>{newest}</updated>{entries}</feed>")
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbour Daily</title>'
                f"<link>http://127.0.0.1:{self.port}/</link><description>news</description>{entries}</channel></rss>")

    async def start(self) -> Outlet:
        async def feed(_request: web.Request) -> web.Response:
            kind = "application/atom+xml" if self.atom else "application/rss+xml"
            return web.Response(body=self._body().encode(), content_type=kind)

        app = web.Application()
        app.router.add_get("/feed.xml", feed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass
class Room:
    db: Database
    config: Config
    outlet: Outlet
    fetcher: Fetcher
    clock: ManualClock
    pipeline: Pipeline
    adapter: CapturingAdapter
    scheduler: Scheduler

    async def read(self, at: datetime, *items: Item) -> None:
        """The outlet's feed gives ``items`` at ``at``, and is read."""
        self.outlet.items = list(items)
        self.clock.set(at)
        report = await self.pipeline.ingest([f"http://127.0.0.1:{self.outlet.port}/feed.xml"], self.fetcher)
        assert not report.problems, report.lines

    async def tick(self, at: datetime) -> list[str]:
        self.clock.set(at)
        return sorted(o.state for o in await self.scheduler.tick(at))

    async def stories(self) -> dict[str, Story]:
        return {s.headline: s for s in await self.scheduler.delivery.feed.changed_since(None)}


@pytest.fixture(params=["rss", "atom"])
async def room(request: pytest.FixtureRequest, db: Database, config: Config) -> AsyncIterator[Room]:
    config = replace(config, ingest=IngestConfig(allow_private_networks=True, timeout_seconds=5.0))
    outlet = await Outlet(atom=request.param == "atom").start()
    fetcher = await Fetcher(config.ingest).__aenter__()
    clock = ManualClock(DAY1)
    await ChannelStore(db).ensure(SHOWN, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    adapter = CapturingAdapter(clock=clock)
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}), clock)
    try:
        yield Room(db, config, outlet, fetcher, clock, Pipeline(db, config, clock, default_summariser()),
                   adapter, scheduler)
    finally:
        await fetcher.close()
        await outlet.close()


def bridge(text: str, date: datetime) -> Item:
    return Item("hd-bridge", BRIDGE_TITLE, text, date)


PUBLISHED = DAY1 + timedelta(hours=5)
EDITED = DAY1 + timedelta(days=4, hours=14)  # long past publication_grace (48 h) after PUBLISHED


async def test_an_old_story_edited_with_a_new_date_is_no_news_to_a_channel_never_shown_it(room: Room) -> None:
    await room.read(DAY1 + timedelta(hours=6), bridge(BRIDGE, PUBLISHED))
    assert await room.tick(DAY1 + timedelta(hours=8)) == ["delivered"]
    for day in (1, 2, 3, 4):
        assert await room.tick(DAY1 + timedelta(days=day, hours=8)) == ["empty"]
    await ChannelStore(room.db).ensure(DESK, ChannelDefaults("daily 08:00", "UTC"), now=DAY1 + timedelta(days=4))
    await room.read(EDITED, bridge(BRIDGE_FIXED, EDITED))  # corrected, and its CMS dates the save

    assert await room.tick(DAY1 + timedelta(days=5, hours=8)) == ["delivered", "empty"]
    (post,) = room.adapter.posts[1:]
    assert post.channel == SHOWN.key  # the desk: an old story is no news to it
    (item,) = room.adapter.briefings[1].items
    assert item.story.summary == () and [n.why for n in item.revised] == ["number"]  # the edit alone
    (story,) = (await room.stories()).values()
    assert [s.published for s in story.sources] == [PUBLISHED]  # first published on day 1, whatever the edit says
    assert story.updated == PUBLISHED


async def test_an_edited_old_story_neither_outranks_fresh_news_nor_enters_a_since_window(room: Room) -> None:
    fire_at = DAY1 + timedelta(days=3, hours=20)
    fire = Item("hd-fire", FIRE_TITLE, FIRE, fire_at)
    await room.read(DAY1 + timedelta(hours=6), bridge(BRIDGE, PUBLISHED))
    await room.read(fire_at + timedelta(hours=1), bridge(BRIDGE, PUBLISHED), fire)
    await room.read(EDITED, bridge(BRIDGE_FIXED, EDITED), fire)

    def headlines(briefing: Briefing) -> list[str]:
        return [i.story.headline for i in briefing.items]

    now = EDITED + timedelta(hours=1)
    latest = await build_briefing(room.db, room.config, now=now, since=None, topic=None)
    assert headlines(latest) == [FIRE_TITLE, BRIDGE_TITLE]  # the fire is fresher; the bridge is 4 days old
    since = await build_briefing(room.db, room.config, now=now, since=DAY1 + timedelta(days=3, hours=12), topic=None)
    assert headlines(since) == [FIRE_TITLE]  # the bridge changed in the period, but it is no news


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_an_undated_article_takes_its_edits_date_and_an_earlier_date_is_kept(
        backend: str, db: Database) -> None:
    if backend == "postgresql":
        db = await Database.open(await pg.fresh_database("briefbot_test_edit_dates"))
    try:
        await _dates_kept(ArticleStore(db))
    finally:
        if backend == "postgresql":
            await db.close()


async def _dates_kept(store: ArticleStore) -> None:

    def version(text: str, published: datetime | None) -> Article:
        return Article(id="a1", url="https://harbour.example/bridge", title=BRIDGE_TITLE, outlet="Harbour Daily",
                       text=text, sentences=split_sentences(text), published=published, guid="hd-bridge",
                       source="https://harbour.example/feed.xml", content_hash=f"h-{len(text)}-{text[:3]}",
                       text_source="feed")

    async def stored_date() -> datetime | None:
        found = await store.get("a1")
        assert found is not None
        return found.published

    await store.save(version(BRIDGE, None), now=DAY1)
    assert (await store.save(version(BRIDGE_FIXED, PUBLISHED), now=DAY1 + timedelta(hours=1))).outcome == "updated"
    assert await stored_date() == PUBLISHED  # it had none: the edit's is the best known
    assert (await store.save(version(BRIDGE, EDITED), now=DAY1 + timedelta(hours=2))).outcome == "updated"
    assert await stored_date() == PUBLISHED  # a later date is the edit's
    earlier = PUBLISHED - timedelta(hours=3)
    assert (await store.save(version(BRIDGE_FIXED, earlier), now=DAY1 + timedelta(hours=3))).outcome == "updated"
    assert await stored_date() == earlier  # an earlier one (a feed now giving <published>) is the first publication
