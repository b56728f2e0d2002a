"""A story's profile keeps each outlet once however its name is written ("The Lindholt Courier", "Lindholt Courier",
"lindholt  COURIER": one outlet, as bot/outlets.py outlet_name compares names): new articles add no second spelling,
and a profile an older briefbot stored with several spellings is read with the first only, so it is saved back with
one (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cluster_profiles import window_profiles
from bot.nlp.cluster import StoryClusterer, distinct_outlets
from bot.store.db import Database
from bot.store.stories import ProfileUpdate, StoryStore
from tests import pg
from tests.nlp_summary.samples import T0, article

# Written for this test: an invented lake town's ferry.
FIRST = ("The Lindholt lake ferry ran aground on a sandbank on Sunday evening with sixty passengers aboard. "
         "Rescue boats brought everyone ashore within two hours, and no one was hurt, the ferry operator said.")
SECOND = ("The Lindholt lake ferry ran aground on a sandbank on Sunday evening with sixty passengers aboard, "
          "and rescue boats brought everyone ashore within two hours; no one was hurt, the ferry operator said.")
THIRD = ("Sixty passengers were brought ashore after the Lindholt lake ferry ran aground on a sandbank on Sunday "
         "evening. No one was hurt, the ferry operator said, and rescue boats took everyone ashore in two hours.")
COURIER, VALLEY = "The Lindholt Courier", "Valley Post"


def test_one_outlet_under_several_spellings_is_kept_once_in_the_first_spelling() -> None:
    names = (COURIER, "Lindholt Courier", "Valley Post", "lindholt  COURIER", "The Valley Post", "Lindholt Courant")
    assert distinct_outlets(names) == (COURIER, VALLEY, "Lindholt Courant")
    assert distinct_outlets(("", VALLEY, "", " ", " ")) == ("", VALLEY, " ")  # no name: each as written, once


def test_a_story_adds_no_second_spelling_of_an_outlet_it_has() -> None:
    clusterer = StoryClusterer()
    story = clusterer.add(article(FIRST, title="Lindholt ferry runs aground", outlet=COURIER))
    assert clusterer.add(article(SECOND, title="Lindholt ferry runs aground", outlet="Lindholt Courier",
                                 hours=1)) == story
    assert clusterer.add(article(THIRD, title="Lindholt ferry aground", outlet=VALLEY, hours=2)) == story
    [profile] = clusterer.changed()
    assert profile.size == 3 and profile.outlets == (COURIER, VALLEY)


def older_profile(story_id: str) -> str:
    """A profile (JSON) as an older briefbot saved it: one outlet under three spellings among its outlets."""
    clusterer = StoryClusterer()
    clusterer.add(article(FIRST, title="Lindholt ferry runs aground", outlet=COURIER))
    [made] = clusterer.changed()
    raw = json.loads(made.to_json())
    raw.update(story_id=story_id, size=3, outlets=[COURIER, "Lindholt Courier", VALLEY, "lindholt courier"])
    return json.dumps(raw)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'profiles.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_profile_outlets"))
    opened = await Database.open(url)
    try:
        yield opened
    finally:
        await opened.close()


async def test_a_stored_profile_with_several_spellings_is_read_and_saved_back_with_one(db: Database) -> None:
    story_id = "story-lindholt-ferry"
    await StoryStore(db).place({}, [ProfileUpdate(story_id, older_profile(story_id), T0, T0)])
    profiles, _ = window_profiles(await StoryStore(db).profiles_since(T0 - timedelta(days=1)), T0 - timedelta(days=1))
    [loaded] = profiles
    assert loaded.outlets == (COURIER, VALLEY) and loaded.size == 3
    clusterer = StoryClusterer(profiles, now=T0)
    assert clusterer.add(article(SECOND, title="Lindholt ferry runs aground", outlet="Lindholt Courier",
                                 hours=1)) == story_id
    await StoryStore(db).place({}, [ProfileUpdate(p.story_id, p.to_json(), p.first, p.last)
                                    for p in clusterer.changed()])
    [stored] = await StoryStore(db).profiles_since(T0 - timedelta(days=1))
    saved = json.loads(stored.profile)
    assert saved["outlets"] == [COURIER, VALLEY] and saved["size"] == 4
