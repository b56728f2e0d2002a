"""Undated stories (local files with no date) in briefings: ranked by when they were first seen, not by when they
were last summarised (their ``updated``), and a little below a dated story as fresh (``[stories]
undated_penalty_hours``, by default digests/compose.py UNDATED_EXTRA_HOURS), the same in scheduled and on-demand
briefings; they still appear."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.briefings import build_briefing
from bot.clock import ManualClock
from bot.config import Config
from bot.delivery import Delivery
from bot.models import ChannelRef, SourceRef, Story
from bot.nlp.summarise import default_summariser
from bot.pipeline import Pipeline
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from digests.compose import RECENCY_HALF_LIFE_HOURS, UNDATED_EXTRA_HOURS, compose
from tests.channels.test_followups import CapturingAdapter

NOW = datetime(2031, 3, 3, 7, 0, tzinfo=UTC)
REF = ChannelRef("console", "main")


def story(sid: str, outlet: str, *, published: datetime | None, first_seen: datetime,
          updated: datetime) -> Story:
    """A one-article story; ``published`` None: an undated one (its ``updated``: when it was last summarised)."""
    ref = SourceRef(f"{sid}-a", outlet, f"https://{outlet.lower()}.test/{sid}", sid, published)
    return Story(id=sid, headline=sid, sources=(ref,), summary=(), first_seen=first_seen, updated=updated)


def order(*stories: Story, now: datetime = NOW) -> list[str]:
    return [i.story.id for i in compose(stories, now=now, title="Briefing").items]


def test_a_dated_fresh_story_outranks_an_equally_relevant_undated_one() -> None:
    hour_ago = NOW - timedelta(hours=1)
    dated = story("dated", "Wire", published=hour_ago, first_seen=hour_ago, updated=hour_ago)
    undated = story("undated", "Folder", published=None, first_seen=hour_ago, updated=NOW)  # re-summarised now
    assert order(undated, dated) == order(dated, undated) == ["dated", "undated"]  # still in the briefing


def test_an_undated_story_ages_by_first_seen_however_lately_it_was_summarised() -> None:
    half_day = NOW - timedelta(hours=12)
    dated = story("dated", "Wire", published=half_day, first_seen=half_day, updated=half_day)
    old_file = story("old file", "Folder", published=None, first_seen=NOW - timedelta(days=3), updated=NOW)
    assert order(old_file, dated) == ["dated", "old file"]


def test_the_penalty_is_small_a_fresh_undated_story_beats_a_stale_dated_one() -> None:
    day_ago = NOW - timedelta(days=1)
    dated = story("dated", "Wire", published=day_ago, first_seen=day_ago, updated=day_ago)
    new_file = story("new file", "Folder", published=None, first_seen=NOW, updated=NOW)
    assert order(dated, new_file) == ["new file", "dated"]
    assert UNDATED_EXTRA_HOURS < RECENCY_HALF_LIFE_HOURS  # less than one half-life of recency


HARBOUR = {"title": "Kestrel Bay harbour wall to be rebuilt", "outlet": "Coast Wire",
           "url": "https://coastwire.test/kestrel-wall", "text": (
               "The council of Kestrel Bay voted on Sunday to rebuild the old harbour wall before next winter. "
               "Engineers said storms had opened three cracks in the wall since the autumn. Fishing crews welcomed "
               "the vote and asked for the work to start before the herring season.")}
LIBRARY = ("Orchard Lane library opens a repair cafe\n\n"
           "The library on Orchard Lane will host a repair cafe every second Saturday, its volunteers said. "
           "Residents can bring broken lamps, toasters and bicycles to be mended for free. The volunteers said they "
           "hoped to keep useful things out of the tip.\n")


async def test_scheduled_and_on_demand_briefings_rank_an_undated_file_alike(
        db: Database, config: Config, tmp_path: Path) -> None:
    clock = ManualClock(NOW - timedelta(hours=1))
    pipeline = Pipeline(db, config, clock, default_summariser())
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "library.txt").write_text(LIBRARY)  # no date: it counts from when it is first seen
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps([{**HARBOUR, "published": clock().isoformat()}]))
    report = await pipeline.ingest([str(batch), str(folder)], None)
    assert not report.problems
    clock.set(NOW - timedelta(minutes=5))
    await pipeline.summarise_stories(await _all_story_ids(db))  # re-summarised: its `updated` moves, its age not

    on_demand = await build_briefing(db, config, now=NOW, since=NOW - timedelta(hours=24), topic=None)
    headlines = [i.story.headline for i in on_demand.items]
    assert headlines == [HARBOUR["title"], "Orchard Lane library opens a repair cafe"]

    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 07:00", "UTC"), now=NOW - timedelta(days=1))
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    adapter = CapturingAdapter()
    outcomes = await Delivery(db, config, {"console": adapter}).deliver_due(channel, NOW)
    assert [o.state for o in outcomes] == ["delivered"]
    [scheduled] = adapter.briefings
    assert [i.story.headline for i in scheduled.items] == headlines
    assert [i.score for i in scheduled.items] == [i.score for i in on_demand.items]


async def _all_story_ids(db: Database) -> list[str]:
    import sqlalchemy as sa

    async with db.connect() as conn:
        return [str(r) for r in (await conn.execute(sa.text("SELECT id FROM stories ORDER BY id"))).scalars()]


def test_the_penalty_is_a_setting_and_zero_ranks_an_undated_story_by_when_it_was_first_seen() -> None:
    dated = story("dated", "Wire", published=NOW - timedelta(hours=3), first_seen=NOW - timedelta(hours=3),
                  updated=NOW - timedelta(hours=3))
    new_file = story("new file", "Folder", published=None, first_seen=NOW - timedelta(hours=1), updated=NOW)
    assert order(dated, new_file) == ["dated", "new file"]  # 1 + 6 hours old against 3
    ranked = compose([dated, new_file], now=NOW, title="Briefing", undated_penalty_hours=0)
    assert [i.story.id for i in ranked.items] == ["new file", "dated"]
    assert Config().stories.undated_penalty_hours == UNDATED_EXTRA_HOURS


async def test_scheduled_and_on_demand_briefings_take_the_penalty_from_the_config(
        db: Database, config: Config, tmp_path: Path) -> None:
    config = dataclasses.replace(config, stories=dataclasses.replace(config.stories, undated_penalty_hours=0))
    clock = ManualClock(NOW - timedelta(hours=3))
    pipeline = Pipeline(db, config, clock, default_summariser())
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps([{**HARBOUR, "published": clock().isoformat()}]))
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "library.txt").write_text(LIBRARY)
    assert not (await pipeline.ingest([str(batch)], None)).problems
    clock.set(NOW - timedelta(hours=1))  # first seen two hours after the dated report: fresher, with no penalty
    assert not (await pipeline.ingest([str(folder)], None)).problems

    on_demand = await build_briefing(db, config, now=NOW, since=NOW - timedelta(hours=24), topic=None)
    headlines = [i.story.headline for i in on_demand.items]
    assert headlines == ["Orchard Lane library opens a repair cafe", HARBOUR["title"]]
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 07:00", "UTC"), now=NOW - timedelta(days=1))
    channel = await ChannelStore(db).get(REF)
    assert channel is not None
    adapter = CapturingAdapter()
    assert [o.state for o in await Delivery(db, config, {"console": adapter}).deliver_due(channel, NOW)] == [
        "delivered"]
    assert [i.story.headline for i in adapter.briefings[0].items] == headlines
