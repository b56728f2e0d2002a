"""The articles StoreFeed keeps are those of the story version it was given: a channel still holding an older
version of a story (one article) asks after another read the newer one (two); what it read is not given to the
newer version, whose new article topics, followed sources and follow-ups must see."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.store.db import Database
from bot.story_feed import StoreFeed
from tests import pg
from tests.channels.channel_fakes import add_story
from tests.channels.test_story_feed_articles_version import T0, add_second_article


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The store on each backend (PostgreSQL: skipped where no server answers, see tests/pg.py)."""
    url = (f"sqlite:///{tmp_path / 'store.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_feed_asked_story"))
    database = await Database.open(url)
    yield database
    await database.close()


async def test_an_older_story_asked_last_does_not_give_the_newer_its_articles(db: Database) -> None:
    await add_story(db, "s1", text="The harbour bridge closed in the storm. Ferries stopped at dawn.",
                    title="Harbour bridge closed", now=T0)
    feed = StoreFeed(db)
    [older] = await feed.current(["s1"])  # one channel read the story with its one article
    added = await add_second_article(db, "s1", now=T0 + timedelta(minutes=5))
    [newer] = await feed.current(["s1"])  # another reads it now: the version at hand has two
    assert (len(older.sources), len(newer.sources)) == (1, 2)
    assert [a.id for a in (await feed.articles([older]))["s1"]] == [s.article_id for s in older.sources]
    articles = (await feed.articles([newer]))["s1"]
    assert [a.id for a in articles] == [s.article_id for s in newer.sources] and added in {a.id for a in articles}
    again = (await feed.articles([older]))["s1"]  # still its own version's articles
    assert [a.id for a in again] == [s.article_id for s in older.sources]
