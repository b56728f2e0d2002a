"""Channels delivered at once share one StoreFeed: the articles one channel read of a story are kept for the version
of it that channel asked about, not for a newer one another channel read while the store was being read (that
newer version, with an article more, would be given the older list for as long as it holds: its new article unseen
by topics, followed sources and follow-ups); nor does a version whose read ended last replace a newer one read
meanwhile as the one at hand. The store read is held on an ``asyncio.Event``; nothing sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import story_feed
from bot.models import Article, SourceRef
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.stories import StoryRow, StoryStore
from bot.story_feed import StoreFeed
from bot.story_loader import story_sources
from tests import pg
from tests.channels.channel_fakes import add_story, make_article

T0 = datetime(2031, 2, 3, 0, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The store on each backend (PostgreSQL: skipped where no server answers, see tests/pg.py)."""
    url = (f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_feed_versions"))
    database = await Database.open(url)
    yield database
    await database.close()


async def add_second_article(db: Database, story_id: str, *, now: datetime) -> str:
    """A second outlet's article joins the story, which changes at ``now``; the new article's id."""
    article = make_article("The harbour bridge reopened after the storm. Ferries run again from noon.",
                           title="Harbour bridge reopens", outlet="Second Wire", url="https://news.test/second",
                           source="https://feeds.second.test/rss.xml", published=now)
    articles = ArticleStore(db)
    saved = await articles.save(article, now=now)
    await articles.set_story(saved.article_id, story_id)
    await StoryStore(db).save_summary(story_id, headline="Harbour bridge reopens", url=article.url, summary=[],
                                      size=2, changed_at=now, updated=now)
    return saved.article_id


async def test_articles_read_of_an_older_version_are_not_kept_for_a_newer_one(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    await add_story(db, "s1", text="The harbour bridge closed in the storm. Ferries stopped at dawn.",
                    title="Harbour bridge closed", now=T0)
    entered, release = asyncio.Event(), asyncio.Event()
    holding = [True]

    class HeldArticles(ArticleStore):
        async def get_many(self, ids: Sequence[str]) -> list[Article]:
            if holding[0]:  # the first channel's read waits for the test
                holding[0] = False
                entered.set()
                await release.wait()
            return await super().get_many(ids)

    monkeypatch.setattr(story_feed, "ArticleStore", HeldArticles)
    feed = StoreFeed(db)
    [older] = await feed.current(["s1"])
    first = asyncio.create_task(feed.articles([older]))  # one channel reads the story's one article
    await asyncio.wait_for(entered.wait(), 30)  # a bound for a failing run only: the event is what is awaited
    added = await add_second_article(db, "s1", now=T0 + timedelta(minutes=5))
    [newer] = await feed.current(["s1"])  # another channel reads the story as it is now: two articles
    assert len(newer.sources) == 2
    release.set()
    assert [len(got) for got in (await asyncio.wait_for(first, 30)).values()] == [1]
    articles = (await feed.articles([newer]))["s1"]
    assert added in {a.id for a in articles} and len(articles) == 2


async def test_a_version_read_late_does_not_replace_a_newer_one_read_meanwhile(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """One channel reads a story's outline from the rows of its page, read before the story gained an article; another
    reads the newer version meanwhile. The story as a briefing shows it (``as_shown``, what a claimed slot posts)
    stays the newer version, not the one whose read ended last."""
    await add_story(db, "s1", text="The harbour bridge closed in the storm. Ferries stopped at dawn.",
                    title="Harbour bridge closed", now=T0)
    stories = StoryStore(db)
    older_rows = await stories.get_many(["s1"])  # the first channel's page, read before the change
    added = await add_second_article(db, "s1", now=T0 + timedelta(minutes=5))
    newer_rows = await stories.get_many(["s1"])
    read = story_sources
    entered, release = asyncio.Event(), asyncio.Event()

    async def held(db: Database, rows: Sequence[StoryRow]) -> dict[str, list[SourceRef]]:
        if rows and rows[0].changed_at == older_rows[0].changed_at:  # the older page's read waits for the test
            entered.set()
            await release.wait()
        return await read(db, rows)

    monkeypatch.setattr(story_feed, "story_sources", held)
    feed = StoreFeed(db)
    first = asyncio.create_task(feed.outlines(older_rows))
    await asyncio.wait_for(entered.wait(), 30)  # a bound for a failing run only: the event is what is awaited
    [newer] = await feed.outlines(newer_rows)  # the other channel, meanwhile
    assert len(newer.story.sources) == 2
    release.set()
    [older] = await asyncio.wait_for(first, 30)
    assert older.story.headline == "Harbour bridge closed" and newer.story.headline == "Harbour bridge reopens"
    [shown] = await feed.as_shown(["s1"], whole=set())
    assert shown.headline == "Harbour bridge reopens"
    assert added in {s.article_id for s in shown.sources}
