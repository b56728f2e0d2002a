"""Stories of undated articles (local files) age by when they were first seen, as dated stories age by their
articles' dates: one first seen more than a window ago takes no new report and is not held by the clusterer, one
first seen more than the lookback ago is not loaded at all, and one inside the window still takes new reports."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.ingest.canonical import article_id, content_hash
from bot.ingest.sources import SourceResult
from bot.models import Article, SummarySentence
from bot.nlp.cluster import STORY_WINDOW, StoryClusterer, StoryProfile
from bot.nlp.sentences import split_sentences
from bot.pipeline import IngestReport, Pipeline, profile_lookback
from bot.store.db import Database
from bot.store.stories import StoryStore
from tests.pg import fresh_database

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
FOLDER = "/srv/notes"  # a local folder: its files carry no date
LOOKBACK = profile_lookback(STORY_WINDOW)


class LeadSummariser:
    """The first sentence of the first article: enough here, and instant."""

    def summarise(self, articles: Sequence[Article], sentences: int) -> tuple[SummarySentence, ...]:
        s = articles[0].sentences[0]
        return (SummarySentence(s.text, articles[0].id, s.index, s.start, s.end),)


def report(n: int, *, published: datetime | None = None) -> Article:
    """The n-th undated note on one invented event, each worded a little differently."""
    text = (f"Engineers closed the Varnholt footbridge over the Maelin river after finding {n + 3} cracked cables. "
            f"The Varnholt council said the footbridge repairs would take {n + 5} weeks and cost more than planned. "
            f"Cyclists crossing the Maelin are sent round by the old ferry quay until the footbridge reopens.")
    url = f"file://{FOLDER}/footbridge-{n}.txt"
    h = content_hash(text)
    return Article(id=article_id(None, url, h), url=url, title=f"Varnholt footbridge closed ({n})",
                   outlet="notes", text=text, sentences=split_sentences(text), published=published,
                   source=FOLDER, content_hash=h)


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/store.db"
    else:
        url = await fresh_database("briefbot_test_undated_window")
    database = await Database.open(url)
    yield database
    await database.close()


async def poll(pipeline: Pipeline, clock: ManualClock, when: datetime, n: int) -> str:
    """One poll of the folder at ``when`` finding note ``n``; the story it was put in."""
    clock.set(when)
    found = IngestReport(polled=True)
    await pipeline.store_result(SourceResult(FOLDER, "folder", "notes", (report(n),), ()), found)
    assert found.added == 1
    touched = await pipeline.refresh_stories(found.new_ids)
    assert len(touched) == 1
    return touched.pop()


async def test_an_undated_note_joins_a_story_first_seen_inside_the_window_and_not_one_first_seen_before_it(
        store: Database) -> None:
    clock = ManualClock(START)
    pipeline = Pipeline(store, Config(), clock, LeadSummariser())
    first = await poll(pipeline, clock, START, 0)
    assert await poll(pipeline, clock, START + timedelta(days=1), 1) == first
    assert await poll(pipeline, clock, START + STORY_WINDOW, 2) == first  # the window's last moment
    later = await poll(pipeline, clock, START + STORY_WINDOW + timedelta(hours=1), 3)
    assert later != first  # first seen more than a window ago: a new story, as for dated reports
    assert await poll(pipeline, clock, START + STORY_WINDOW + timedelta(days=2), 4) == later
    stored = await StoryStore(store).get(first)
    assert stored is not None and stored.size == 3 and stored.first_seen == START


async def test_polls_of_undated_notes_over_months_load_only_stories_first_seen_inside_the_lookback(
        store: Database) -> None:
    clock = ManualClock(START)
    pipeline = Pipeline(store, Config(), clock, LeadSummariser())
    every = timedelta(days=3)
    stories = [await poll(pipeline, clock, START + n * every, n) for n in range(30)]  # 87 days of notes
    now = clock()
    rows = await pipeline.stories.profiles_since(now - LOOKBACK)
    loaded = {StoryProfile.from_json(r.profile).story_id: r.first_seen for r in rows}
    assert loaded  # the recent ones
    assert all(seen is not None and seen >= now - LOOKBACK for seen in loaded.values())
    assert stories[0] not in loaded
    sizes = [(await StoryStore(store).get(s)) for s in dict.fromkeys(stories)]
    assert max(s.size for s in sizes if s is not None) == 2  # notes three days apart: two per window, never more


async def test_a_story_without_a_summary_yet_is_loaded_by_when_it_was_first_seen(store: Database) -> None:
    stories = StoryStore(store)
    since = START - LOOKBACK
    profile = StoryProfile("s-old", (("varnholt", 1.0),)).to_json()
    await stories.save_profile("s-old", profile, first_seen=since - timedelta(hours=1), updated=None)
    await stories.save_profile("s-new", profile.replace("s-old", "s-new"), first_seen=since, updated=None)
    rows = await stories.profiles_since(since)
    assert [StoryProfile.from_json(r.profile).story_id for r in rows] == ["s-new"]
    assert rows[0].first_seen == since


def test_the_clusterer_evicts_an_undated_story_first_seen_two_windows_before_now_and_keeps_a_recent_one() -> None:
    now = START
    first, second = StoryClusterer(), StoryClusterer()
    old_id, recent_id = first.add(report(0)), second.add(report(1))
    profiles = [*first.profiles(), *second.profiles()]  # two stories of one event, as two polls stored them
    seen = {old_id: now - 2 * STORY_WINDOW - timedelta(hours=1), recent_id: now - timedelta(days=1)}
    clusterer = StoryClusterer(profiles, seen=seen, now=now)
    assert clusterer.add(report(2)) == recent_id  # undated: counts as seen now, inside the recent story's window
    assert {p.story_id for p in clusterer.profiles()} == {recent_id}
    # a dated report more than a window after the recent story was first seen starts a story of its own
    assert clusterer.add(report(3, published=now + STORY_WINDOW)) != recent_id
