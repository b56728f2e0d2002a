"""Breaking alerts for stories of undated articles (local files): an article without a publication date counts
from when briefbot first stored it; stories.first_seen is always written (v24 fills the ones left empty); the
alert's header reads the channel's timezone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bot.alerts import first_published
from bot.config import Config
from bot.delivery import Delivery
from bot.models import Briefing, SourceRef, Story
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from digests.render_discord import header
from tests import pg
from tests.channels.test_followups import DAY1, REF, CapturingAdapter, World
from tests.old_store import upgraded

FIRST_SEEN_FILLED_FROM = 24  # the schema version that fills stories.first_seen left empty

# Written for this test: one event told by two outlets in their own words, as plain-text files (no date line),
# and an unrelated one-outlet story.
PIER = {
    "gazette.txt": "Korsholt council votes to close the old ferry pier\nSource: Harbour Gazette\n\n"
                   "The Korsholt town council voted on Monday to close the old ferry pier, ending ninety years of "
                   "crossings from the town centre. The pier shuts at the end of the month and ferries will then "
                   "use the new terminal instead. Councillors said the repairs the pier needs would cost more than "
                   "a new terminal.\n",
    "coastal.txt": "Korsholt's ferry pier to close as piles found rotten\nSource: Coastal Times\n\n"
                   "Korsholt's old ferry pier is to close after engineers found its timber piles rotten, "
                   "councillors decided on Monday. Ferry services move to the new terminal once the pier is shut "
                   "at the end of this month. Mending the pier, the council argued, would be dearer than building "
                   "a terminal.\n",
}
LIBRARY = {"library.txt": "Valdmere library extends its weekend hours\nSource: Valley Courier\n\n"
                          "The Valdmere public library will open on Sundays from next month, the town's culture "
                          "office said on Monday. Volunteers will staff the reading rooms in the afternoons.\n"}


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'undated.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_alerts_undated"))
    database = await Database.open(url)
    yield database
    await database.close()


async def ingest_files(world: World, at: datetime, files: dict[str, str]) -> None:
    """The files written to a new folder and ingested from it at ``at``, as `briefbot ingest folder/` does."""
    world.clock.set(at)
    world.files += 1
    folder = world.tmp / f"folder{world.files}"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = await world.pipeline.ingest([str(folder)], None)
    assert not report.problems


async def story_rows(db: Database) -> dict[str, tuple[datetime | None, list[datetime | None]]]:
    """Per story id: its first_seen and its articles' published, as stored."""
    out: dict[str, tuple[datetime | None, list[datetime | None]]] = {}
    async with db.connect() as conn:
        rows = (await conn.execute(sa.text(
            "SELECT s.id, s.first_seen, a.published FROM stories s JOIN articles a ON a.story_id = s.id "
            "ORDER BY a.seq"))).all()
    for story_id, first_seen, published in rows:
        out.setdefault(story_id, (_utc(first_seen), []))[1].append(_utc(published))
    return out


def _utc(value: object) -> datetime | None:
    if value is None:
        return None
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


async def _world(db: Database, config: Config, tmp: Path, *, timezone: str = "UTC", alerts: int = 2,
                 schedule: str = "daily 08:00") -> tuple[World, CapturingAdapter, Scheduler]:
    store = ChannelStore(db)
    await store.ensure(REF, ChannelDefaults(schedule, timezone), now=DAY1)
    await store.set_alerts(REF, alerts)
    await store.subscribe(REF, "Korsholt", user="U1", now=DAY1)
    world = World(db, config, tmp)
    adapter = CapturingAdapter(clock=world.clock)
    return world, adapter, Scheduler(Delivery(db, config, {"console": adapter}), world.clock)


def test_an_undated_article_counts_from_when_its_story_was_first_stored() -> None:
    stored = DAY1 + timedelta(hours=9)
    undated = SourceRef("a1", "Harbour Gazette", "", "Pier closes", None)
    dated = SourceRef("a2", "Coastal Times", "", "Pier to close", DAY1 + timedelta(hours=30))
    assert first_published(Story("s", "Pier", (undated,), (), first_seen=stored)) == stored
    # a dated article joining a story first stored earlier does not make it new again
    assert first_published(Story("s", "Pier", (undated, dated), (), first_seen=stored)) == stored
    # an article published before the story was stored (a feed's back catalogue) still counts from its date
    old = SourceRef("a3", "Coastal Times", "", "Pier", DAY1 - timedelta(days=5))
    assert first_published(Story("s", "Pier", (undated, old), (), first_seen=stored)) == old.published
    assert first_published(Story("s", "Pier", (undated,), ())) is None


async def test_a_story_of_undated_files_from_two_outlets_is_alerted_once(
        any_db: Database, config: Config, tmp_path: Path) -> None:
    world, adapter, scheduler = await _world(any_db, config, tmp_path)
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["empty"]  # its 08:00 briefing
    at = DAY1 + timedelta(hours=9)
    await ingest_files(world, at, {**PIER, **LIBRARY})
    rows = await story_rows(any_db)
    pier = next(sid for sid, (_, published) in rows.items() if len(published) == 2)
    assert rows[pier][1] == [None, None]  # undated, as the audit found them
    outcomes = await scheduler.alert_round(at + timedelta(minutes=1))
    assert [o.state for o in outcomes] == ["delivered"]
    alert = adapter.briefings[-1]
    assert alert.title == "Breaking: now reported by 2 or more outlets"
    assert [i.story.id for i in alert.items] == [pier]
    assert await scheduler.alert_round(at + timedelta(hours=1)) == []  # once


@pytest.mark.parametrize(("hours", "alerted"), [(23, True), (25, False)])
async def test_an_undated_story_is_breaking_for_a_day_from_when_it_was_first_stored(
        any_db: Database, config: Config, tmp_path: Path, hours: int, alerted: bool) -> None:
    world, adapter, scheduler = await _world(any_db, config, tmp_path, schedule="0 8 * * 1")  # Mondays at 08:00
    assert [o.state for o in await scheduler.tick(DAY1 + timedelta(hours=8))] == ["empty"]
    gazette, coastal = ({name: text} for name, text in PIER.items())
    await ingest_files(world, DAY1 + timedelta(hours=9), gazette)
    later = DAY1 + timedelta(hours=9 + hours)  # a second outlet joins the story, still undated
    await ingest_files(world, later, coastal)
    rows = await story_rows(any_db)
    assert [len(published) for _, published in rows.values()] == [2]  # one story, now two outlets
    outcomes = await scheduler.alert_round(later + timedelta(minutes=1))
    assert [o.state for o in outcomes] == (["delivered"] if alerted else [])
    assert len(adapter.briefings) == (1 if alerted else 0)  # past a day it is a running story, not breaking


async def test_first_seen_is_written_for_every_story_dated_or_not(
        any_db: Database, config: Config, tmp_path: Path) -> None:
    world, _, _ = await _world(any_db, config, tmp_path)
    at = DAY1 + timedelta(hours=9)
    await ingest_files(world, at, LIBRARY)
    dated = {"title": "Korsholt council votes to close the old ferry pier", "outlet": "Harbour Gazette",
             "url": "https://gazette.test/pier", "text": PIER["gazette.txt"].split("\n\n", 1)[1]}
    await world.ingest(at + timedelta(hours=2), dated)  # World.ingest dates each record at the time given
    rows = await story_rows(any_db)
    assert sorted((first, published) for first, published in rows.values()) == [
        (at, [None]), (at + timedelta(hours=2), [at + timedelta(hours=2)])]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
async def test_v24_fills_the_first_seen_a_story_of_undated_articles_was_left_without(
        tmp_path: Path, config: Config, kind: str) -> None:
    url = (f"sqlite:///{tmp_path / 'old.db'}" if kind == "sqlite"
           else await pg.fresh_database("briefbot_test_alerts_undated_v23"))
    at = DAY1 + timedelta(hours=9)

    async def fill(old: Database) -> None:
        world = World(old, config, tmp_path)
        await ingest_files(world, at, LIBRARY)
        await world.ingest(at + timedelta(hours=2), {"title": "Pier closes", "outlet": "Harbour Gazette",
                                                     "url": "https://gazette.test/pier",
                                                     "text": PIER["gazette.txt"].split("\n\n", 1)[1]})
        async with old.connect() as conn:  # as the code of v23 left a story whose first articles were undated
            await conn.execute(sa.text("UPDATE stories SET first_seen = NULL WHERE id IN "
                                       "(SELECT story_id FROM articles WHERE published IS NULL)"))
            await conn.commit()

    db = await upgraded(url, FIRST_SEEN_FILLED_FROM - 1, fill)
    try:
        assert await db.schema_version() == len(MIGRATIONS) >= FIRST_SEEN_FILLED_FROM
        rows = await story_rows(db)
        assert sorted((first, published) for first, published in rows.values()) == [
            (at, [None]), (at + timedelta(hours=2), [at + timedelta(hours=2)])]
    finally:
        await db.close()


async def test_the_alert_header_reads_the_channel_timezone(any_db: Database, config: Config, tmp_path: Path) -> None:
    world, adapter, scheduler = await _world(any_db, config, tmp_path, timezone="Europe/Bucharest")
    bucharest = ZoneInfo("Europe/Bucharest")
    slot = datetime(2031, 3, 4, 8, 0, tzinfo=bucharest)  # the channel's 08:00 briefing (06:00 UTC)
    await ingest_files(world, slot.astimezone(UTC) - timedelta(hours=1), LIBRARY)
    # nothing on its topic yet: the briefing slot passes all the same, and the alert's "since" is where it ended
    assert [o.state for o in await scheduler.tick(slot.astimezone(UTC))] == ["empty"]
    at = slot.astimezone(UTC) + timedelta(hours=1)
    await ingest_files(world, at, PIER)
    assert [o.state for o in await scheduler.alert_round(at + timedelta(minutes=1))] == ["delivered"]
    alert = adapter.briefings[-1]
    assert alert.since is not None and alert.since.utcoffset() == timedelta(hours=2)
    assert alert.since == slot  # the same moment, told in the channel's zone
    assert header(alert).endswith(" since Tue 04 Mar 08:00 EET")


def test_the_discord_header_tells_since_in_the_zone_the_briefing_was_made_in() -> None:
    bucharest = ZoneInfo("Europe/Bucharest")
    since = datetime(2026, 11, 24, 5, 11, tzinfo=UTC)  # a scheduled briefing's watermark, as the store has it
    local = Briefing("Briefing", datetime(2026, 11, 24, 9, 0, tzinfo=bucharest), (), since=since)
    assert header(local) == "**Briefing** — nothing new since Tue 24 Nov 07:11 EET"
    in_utc = Briefing("Briefing", datetime(2026, 11, 24, 9, 0, tzinfo=UTC), (), since=since)
    assert header(in_utc) == "**Briefing** — nothing new since Tue 24 Nov 05:11 UTC"
