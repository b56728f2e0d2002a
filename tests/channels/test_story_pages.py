"""Reading what changed a page at a time: every story, in a stable order, however many changed; a tracked story
among the oldest still gets its update, and a briefing or `why` still sees the oldest."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import story_feed
from bot.config import Config
from bot.delivery import Delivery
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.stories import StoryStore
from bot.story_feed import StoreFeed
from tests import pg
from tests.channels.channel_fakes import add_story
from tests.channels.test_channels_commands import NOW, Bot
from tests.channels.test_followups import DAY1, FIRE_A, FIRE_B, FIRE_C, REF, CapturingAdapter, World

PAGE = 5


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'pages.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_story_pages"))
    database = await Database.open(url)
    yield database
    await database.close()


async def fillers(db: Database, n: int, *, at: timedelta, prefix: str = "quay") -> list[str]:
    """``n`` one-article stories that all changed at the same moment (ties: only the id orders them)."""
    return [await add_story(db, f"{prefix}-{i:02d}", title=f"Quay notice {i} for {prefix} berths",
                            text=f"Berth {i} at the {prefix} will be repainted this week. Boats moor elsewhere.",
                            now=DAY1 + at) for i in range(n)]


async def test_pages_are_complete_stable_and_bounded(any_db: Database) -> None:
    db = any_db
    tied = await fillers(db, 7, at=timedelta(hours=1))
    later = await fillers(db, 3, at=timedelta(hours=2), prefix="dock")
    latest = await fillers(db, 3, at=timedelta(hours=3), prefix="pier")
    feed = StoreFeed(db, page_size=PAGE)
    pages = [[s.id for s in page] async for page in feed.changed_pages(DAY1)]
    expected = sorted(latest, reverse=True) + sorted(later, reverse=True) + sorted(tied, reverse=True)
    assert [len(p) for p in pages] == [5, 5, 3]  # no page is larger, the last is cut mid-tie no differently
    assert [i for p in pages for i in p] == expected  # newest first, ties by id: none skipped, none twice
    assert [s.id for s in await feed.changed_since(DAY1)] == expected
    assert [s.id for s in await feed.changed_since(DAY1 + timedelta(hours=1))] == expected[:6]
    # an exact multiple of the page size ends without an empty page
    assert [len(p) async for p in StoreFeed(db, page_size=PAGE).changed_pages(DAY1 + timedelta(minutes=90))] == [5, 1]
    assert [len(p) async for p in StoreFeed(db, page_size=3).changed_pages(DAY1 + timedelta(minutes=90))] == [3, 3]
    # the store query alone: a limit, and "before" starts after a (changed_at, id) in the middle of a tie
    rows = await StoryStore(db).changed_since(DAY1, limit=2, before=(DAY1 + timedelta(hours=1), sorted(tied)[4]))
    assert [r.id for r in rows] == sorted(tied, reverse=True)[3:5]


async def test_current_reads_the_store_where_by_ids_keeps_the_copy_at_hand(any_db: Database, config: Config,
                                                                         tmp_path: Path) -> None:
    world = World(any_db, config, tmp_path)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    fire = await world.story_of(FIRE_A)
    feed = StoreFeed(any_db, page_size=PAGE)
    [before] = await feed.by_ids([fire])
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_C)
    c_id = await world.article_id(FIRE_C)
    assert c_id not in {s.article_id for s in (await feed.by_ids([fire]))[0].sources}  # the copy read before
    [now] = await feed.current([fire])
    assert c_id in {s.article_id for s in now.sources} and len(now.sources) == len(before.sources) + 1
    assert await feed.current([fire]) == [now] and await feed.current(["no-such-story"]) == []


async def test_a_tracked_story_among_the_oldest_changes_still_gets_its_update_and_the_briefing_sees_all(
        any_db: Database, config: Config, tmp_path: Path) -> None:
    db = any_db
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)  # alerts off: updates only
    adapter = CapturingAdapter(clock=world.clock)
    feed = StoreFeed(db, page_size=PAGE)
    scheduler = Scheduler(Delivery(db, config, {"console": adapter}, feed=feed), world.clock)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    assert {o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))} == {"delivered"}
    fire = await world.story_of(FIRE_A)
    assert await store.track(REF, fire, user="U7", now=DAY1 + timedelta(hours=8, minutes=1))

    # 10:00 a follow-up joins the tracked story; then more than two pages of other stories change after it
    await world.ingest(DAY1 + timedelta(hours=10), FIRE_C)
    c_id = await world.article_id(FIRE_C)
    others = await fillers(db, 2 * PAGE + 2, at=timedelta(hours=10, minutes=1))
    assert len(await StoryStore(db).changed_since(DAY1 + timedelta(hours=9), limit=100)) == len(others) + 1
    assert c_id not in {s.article_id for s in (await feed.by_ids([fire]))[0].sources}  # the feed's copy is old

    outcomes = await scheduler.alert_round(DAY1 + timedelta(hours=10, minutes=5))
    assert [(o.channel, o.state) for o in outcomes] == [(REF.key, "delivered")]
    update = adapter.briefings[-1]
    assert update.title == "Updates on stories you track"
    [item] = update.items
    assert item.story.id == fire and {s.article_id for s in item.new_since} == {c_id}

    # day 2: the briefing gets every story that changed since the last one, not the newest page only
    assert {o.state for o in await scheduler.tick(DAY1 + timedelta(days=1, hours=8))} == {"delivered"}
    briefing = adapter.briefings[-1]
    assert {i.story.id for i in briefing.items + briefing.more} == set(others)  # the update showed fire's news


async def test_why_finds_a_story_past_the_first_page(db: Database, config: Config,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_feed, "PAGE_SIZE", PAGE)
    bot = Bot(db, config)
    await add_story(db, "lighthouse", title="Old lighthouse reopens to visitors", now=NOW - timedelta(days=2),
                    text="The old lighthouse on the north mole reopened to visitors on Saturday. Tickets are free.")
    for i in range(2 * PAGE):
        await add_story(db, f"ferry-{i}", title=f"Ferry timetable change {i}", now=NOW - timedelta(hours=1),
                        text=f"Ferry route {i} runs a winter timetable from Monday. Crossings take longer.")
    reply = await bot.say("why lighthouse reopens", manager=False)
    assert not reply.error, reply.text
    assert "Old lighthouse reopens to visitors" in reply.text
    assert "Ferry timetable change 9" in (await bot.say("why timetable change", manager=False)).text  # the newest
