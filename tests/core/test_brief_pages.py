"""On-demand briefings read every story changed in the period a page at a time (not the 500 changed last), rank them
as before, and without a "since" read an explicit number of the latest."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import briefings, story_feed
from bot.briefings import build_briefing, news_only
from bot.config import BriefingConfig, Config
from bot.models import Briefing, SummarySentence
from bot.store.db import Database
from bot.store.schema import articles, stories
from bot.store.stories import summary_to_json
from bot.story_loader import load_stories
from digests.compose import compose
from tests import pg
from tests.core.topic_story import article_matcher

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CONFIG = Config(briefing=BriefingConfig(max_stories=10, publication_grace="48h"))
FERRY = "Ferry route {0} runs a winter timetable from Monday. Crossings on route {0} take twenty minutes longer."
LIGHTHOUSE = "The Skarvik lighthouse reopened to visitors on Saturday. Its keepers will give tours every weekend."
OUTLETS = ("harbour.test", "coast.test", "valley.test", "north.test")


@pytest.fixture(params=["sqlite", "postgresql"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'brief.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_brief_pages"))
    database = await Database.open(url)
    yield database
    await database.close()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'undated.db'}")
    yield database
    await database.close()


async def fill(db: Database, plan: Sequence[tuple[str, str, str, datetime, datetime, int]]) -> None:
    """Stories written straight into the tables, in one transaction: (id, headline, text, changed at, published,
    outlets); each outlet's article is the same text, the summary its first sentence."""
    story_rows, article_rows = [], []
    for story_id, headline, text, changed, published, outlets in plan:
        first = text.split(". ")[0] + "."
        for n in range(outlets):
            article_id = f"{story_id}-a{n}"
            article_rows.append({
                "id": article_id, "url": f"https://{OUTLETS[n]}/{story_id}", "title": headline,
                "outlet": OUTLETS[n].split(".")[0].title(), "published": published - timedelta(minutes=n),
                "text": text, "content_hash": article_id, "source": f"https://{OUTLETS[n]}/feed",
                "stored_at": changed, "updated_at": changed, "story_id": story_id, "copy_of": ""})
        summary = [SummarySentence(first, f"{story_id}-a0", 0, 0, len(first))]
        story_rows.append({"id": story_id, "headline": headline, "url": f"https://{OUTLETS[0]}/{story_id}",
                           "first_seen": published, "updated": published, "changed_at": changed, "size": outlets,
                           "profile": "", "summary": summary_to_json(summary)})
    async with db.begin() as conn:
        await conn.execute(articles.insert(), article_rows)
        await conn.execute(stories.insert(), story_rows)


def ferries(count: int, *, newest: datetime) -> list[tuple[str, str, str, datetime, datetime, int]]:
    """``count`` one-outlet stories about ferries, one a minute back from ``newest``."""
    return [(f"ferry-{i:04d}", f"Ferry route {i} changes its timetable", FERRY.format(i),
             newest - timedelta(minutes=i), newest - timedelta(minutes=i), 1) for i in range(count)]


def shown(briefing: Briefing) -> list[tuple[str, float, str]]:
    return [(i.story.id, i.score, i.why) for i in (*briefing.items, *briefing.more)]


async def capped_briefing(db: Database, *, since: datetime | None, topic: str | None) -> Briefing:
    """``build_briefing`` as it was: the 500 stories changed last, then news only, the topic (matched with each
    story's articles, as alerts and scheduled briefings match it) and the cap."""
    loaded = await load_stories(db, since=since)
    if since is not None:
        loaded = news_only(loaded, since, timedelta(hours=48))
    return compose(loaded, now=NOW, title=f"Briefing: {topic}" if topic else "Briefing", since=since, topic=topic,
                   matcher=await article_matcher(db, loaded, topic) if topic else None, max_stories=10)


async def test_the_only_match_changed_before_the_latest_500_is_briefed(any_db: Database) -> None:
    db = any_db
    oldest = NOW - timedelta(hours=20)
    await fill(db, [("lighthouse", "Skarvik lighthouse reopens to visitors", LIGHTHOUSE, oldest, oldest, 1),
                    *ferries(600, newest=NOW - timedelta(hours=1))])
    since = NOW - timedelta(days=1)
    assert "lighthouse" not in {s.id for s in await load_stories(db, since=since)}  # the gap: 500 newest only
    assert (await capped_briefing(db, since=since, topic="lighthouse")).items == ()

    found = await build_briefing(db, CONFIG, now=NOW, since=since, topic="lighthouse")
    assert [i.story.id for i in found.items] == ["lighthouse"] and found.more == ()
    assert found.items[0].why.startswith("matched:")
    everything = await build_briefing(db, CONFIG, now=NOW, since=since, topic=None)
    assert len(everything.items) == 10 and len(everything.items) + len(everything.more) == 601  # every one counted
    assert everything.items[0].story.id == "ferry-0000"  # ranking as ever: the most recent first
    assert (await build_briefing(db, CONFIG, now=NOW, since=NOW - timedelta(hours=2), topic="lighthouse")).items == ()


async def test_ranking_is_unchanged_for_a_store_under_500_stories(
        any_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_feed, "PAGE_SIZE", 7)  # many pages, each cut in the middle of a tie
    db = any_db
    rng = random.Random(5)
    plan = []
    for i in range(120):
        changed = NOW - timedelta(hours=rng.choice([1, 2, 2, 5, 30, 70]))  # many stories share a change time
        published = changed - timedelta(days=rng.choice([0, 0, 0, 1, 4]))  # some are old news stored lately
        about = "lighthouse" if i % 3 == 0 else "ferry"
        text = LIGHTHOUSE if about == "lighthouse" else FERRY.format(i)
        headline = f"Skarvik {about} notice {i % 17}"  # repeated headlines: ties broken by the input order
        plan.append((f"s-{i:03d}", headline, text, changed, published, rng.randint(1, 4)))
    await fill(db, plan)
    for since in (NOW - timedelta(hours=24), NOW - timedelta(days=4), None):
        for topic in (None, "lighthouse", "ferry -lighthouse"):
            old = await capped_briefing(db, since=since, topic=topic)
            new = await build_briefing(db, CONFIG, now=NOW, since=since, topic=topic)
            assert shown(new) == shown(old), (since, topic)
            assert len(new.items) == len(old.items) and new.since == since and new.title == old.title
    assert len(shown(await build_briefing(db, CONFIG, now=NOW, since=None, topic=None))) == 120


async def test_without_a_since_the_latest_stories_are_read_up_to_an_explicit_number(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_feed, "PAGE_SIZE", 10)
    monkeypatch.setattr(briefings, "UNDATED_MAX_STORIES", 25)
    old = NOW - timedelta(days=30)
    await fill(db, [("lighthouse", "Skarvik lighthouse reopens to visitors", LIGHTHOUSE, old, old, 1),
                    *ferries(24, newest=NOW - timedelta(hours=1))])
    within = await build_briefing(db, CONFIG, now=NOW, since=None, topic="lighthouse")
    assert [i.story.id for i in within.items] == ["lighthouse"]  # the 25th story changed last: still read
    # one more, newer: the lighthouse is now the 26th
    await fill(db, [("ferry-new", "Ferry route 99 changes its timetable", FERRY.format(99), NOW, NOW, 1)])
    assert (await build_briefing(db, CONFIG, now=NOW, since=None, topic="lighthouse")).items == ()
    assert len(shown(await build_briefing(db, CONFIG, now=NOW, since=None, topic=None))) == 25
    dated = await build_briefing(db, CONFIG, now=NOW, since=NOW - timedelta(days=31), topic="lighthouse")
    assert [i.story.id for i in dated.items] == ["lighthouse"]  # with a since: every story in the period

