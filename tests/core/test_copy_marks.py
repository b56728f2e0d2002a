"""Copy marks (articles.copy_of, schema v14) worked out when the pipeline summarises a story: what loads read,
equal to what working them out at load gives; an old store's stories still get their copies at load."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.app import App, make_pipeline
from bot.config import Config
from bot.ingest.canonical import content_hash
from bot.nlp.sentences import split_sentences
from bot.pipeline import Pipeline
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.schema import articles
from bot.store.stories import StoryStore
from bot.story_loader import stories_from_rows
from tests.channels.channel_fakes import add_story
from tests.core.test_outlets import COPIES, OWN, WIRE
from tests.old_store import upgraded
from tests.pg import fresh_database

NOW = datetime(2031, 3, 8, 9, 0, tzinfo=UTC)
T = datetime(2031, 3, 6, 21, 0, tzinfo=UTC)
COPY_MARKS_FROM = 14  # the schema version that added articles.copy_of

# Written for this test: a second event, reported by an agency, republished, and reported independently
SILO = ("Firefighters spent most of Sunday night containing a blaze at the grain silos on the Dunmere river wharf, "
        "the county fire service said on Monday. Smoke from the burning barley drifted over the old town and "
        "residents of three streets were told to keep their windows shut until the morning. Station officer Hanne "
        "Loft said the fire started in a conveyor housing and spread to two of the six storage towers before crews "
        "could cut it off. Nobody was hurt. The cooperative that owns the silos estimated that four thousand tonnes "
        "of grain were lost and said the remaining towers would stay closed while engineers checked them.")
SILO_COPY = ("DUNMERE (County Wire) - " + SILO.replace("on Monday", "early on Monday")
             + " Sign up to our newsletter for more local news.")
SILO_OWN = ("Standing behind a police cordon on the wharf road, Piet Amsel watched the second tower burn. \"You could "
            "feel the heat from here,\" said the retired miller, who worked at the silos for thirty years. Neighbours "
            "brought tea and blankets to the crews as the night went on, and the bakery on Quay Street opened early "
            "to feed them. By dawn the fire was out, but the smell of scorched barley hung over the river, and "
            "farmers who store their harvest at the wharf were already asking when they could collect what was left.")
LONE = ("The Farleigh library reopened on Saturday after an eighteen month renovation that added a reading garden, "
        "a children's floor and a repaired clock tower, the town council said. The council said visitor numbers on "
        "the first day were the highest since the building opened, and that the old card catalogue has been kept in "
        "the entrance hall for anyone curious to browse it.")


def item(title: str, outlet: str, slug: str, text: str, hours: float) -> dict[str, Any]:
    return {"title": title, "outlet": outlet, "url": f"https://{outlet.lower().replace(' ', '')}.example/{slug}",
            "published": (T + timedelta(hours=hours)).isoformat(), "text": text}


FERRY_WIRE = item("Ferry strikes Korsholt breakwater", "Coast Wire", "ferry", WIRE, 0)
FERRY_COPY = item("Ferry hits breakwater, eleven rescued", "Harbour Times", "ferry-copy", COPIES["dateline"], 2)
FERRY_EDITED = item("Eleven rescued as ferry hits breakwater", "North Post", "ferry-edit", COPIES["edited"], 3)
FERRY_OWN = item("At the quay: the night the Mira Lind hit the wall", "Valley Post", "quay", OWN["eyewitness"], 4)
SILO_ITEMS = [item("Fire at Dunmere grain silos", "County Wire", "silo", SILO, 24),
              item("Grain silo blaze on the wharf", "Dunmere Echo", "silo-copy", SILO_COPY, 25),
              item("'You could feel the heat': the silo fire", "River Courier", "silo-night", SILO_OWN, 26)]
LONE_ITEM = item("Farleigh library reopens", "Farleigh Gazette", "library", LONE, 30)


@pytest.fixture(params=["sqlite", "postgresql"])
async def pipeline(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Pipeline]:
    url = (f"sqlite:///{tmp_path / 'marks.db'}" if request.param == "sqlite"
           else await fresh_database("briefbot_test_copy_marks"))
    app = App(config=Config(), db_url=url, clock=lambda: NOW)
    yield await make_pipeline(app, with_quotes=False)
    await app.close()


async def ingest(pipeline: Pipeline, path: Path, *items: dict[str, Any]) -> None:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    report = await pipeline.ingest([str(path)], None)
    assert not report.problems


async def stored_marks(db: Database) -> dict[str, str | None]:
    async with db.connect() as conn:
        return {str(r.id): r.copy_of for r in await conn.execute(sa.select(articles.c.id, articles.c.copy_of))}


async def loaded(db: Database, *, stored: bool = True) -> dict[str, dict[str, str | None]]:
    """Story id -> {article URL: the URL of the article it is a copy of}, as a load gives them."""
    rows = await StoryStore(db).changed_since(None)
    out: dict[str, dict[str, str | None]] = {}
    for story in await stories_from_rows(db, rows, stored=stored):
        url = {s.article_id: s.url for s in story.sources}
        out[story.id] = {s.url: url.get(s.copy_of) if s.copy_of else None for s in story.sources}
    return out


async def test_stored_marks_are_what_working_copies_out_at_load_gives(pipeline: Pipeline, tmp_path: Path) -> None:
    await ingest(pipeline, tmp_path / "one.jsonl", FERRY_WIRE, FERRY_OWN, SILO_ITEMS[0], LONE_ITEM)
    await ingest(pipeline, tmp_path / "two.jsonl", FERRY_COPY, FERRY_EDITED, *SILO_ITEMS[1:])
    db = pipeline.db
    marks = await stored_marks(db)
    assert len(marks) == 8 and None not in marks.values()  # every article marked by the summarise step
    ours, at_load = await loaded(db), await loaded(db, stored=False)
    assert ours == at_load
    copies = {a: o for story in ours.values() for a, o in story.items() if o is not None}
    assert copies == {FERRY_COPY["url"]: FERRY_WIRE["url"], FERRY_EDITED["url"]: FERRY_WIRE["url"],
                      SILO_ITEMS[1]["url"]: SILO_ITEMS[0]["url"]}
    assert any(len(story) > 2 for story in ours.values()) and any(len(story) == 1 for story in ours.values())


async def test_an_original_ingested_after_its_copy_marks_the_whole_story_again(pipeline: Pipeline,
                                                                               tmp_path: Path) -> None:
    await ingest(pipeline, tmp_path / "one.jsonl", FERRY_COPY, FERRY_OWN)
    db = pipeline.db
    assert set((await stored_marks(db)).values()) == {""}  # no original among them yet: two reports
    await ingest(pipeline, tmp_path / "two.jsonl", FERRY_WIRE)  # published two hours before the copy
    ids = {r.url: r.article_id for s in (await stories_from_rows(db, await StoryStore(db).changed_since(None)))
           for r in s.sources}
    assert len(ids) == 3
    marks = await stored_marks(db)
    assert marks == {ids[FERRY_WIRE["url"]]: "", ids[FERRY_COPY["url"]]: ids[FERRY_WIRE["url"]],
                     ids[FERRY_OWN["url"]]: ""}
    assert await loaded(db) == await loaded(db, stored=False)

    # an edit clears the edited article's mark when it is stored (a crash before the summarise step leaves the
    # load working that story's copies out), and the summarise step marks it again
    own = await pipeline.articles.get(ids[FERRY_OWN["url"]])
    assert own is not None
    text = own.text + " The operator said on Friday that the ferry would be out of service for a month."
    [saved] = await pipeline.articles.save_many(
        [replace(own, text=text, content_hash=content_hash(text), sentences=split_sentences(text))], now=NOW)
    assert saved.outcome == "updated"
    assert (await stored_marks(db))[own.id] is None
    assert await loaded(db) == await loaded(db, stored=False)
    await pipeline.refresh_stories([own.id])
    assert await stored_marks(db) == marks


@pytest.fixture(params=["sqlite", "postgresql"])
async def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A store as briefbot left it at schema 13 (no copy_of column), with one story of three articles, upgraded."""
    url = (f"sqlite:///{tmp_path / 'old.db'}" if request.param == "sqlite"
           else await fresh_database("briefbot_test_copy_marks"))

    async def fill(old: Database) -> None:
        async with old.begin() as conn:  # this code's v1 made the column; the v13 code's did not
            await conn.execute(sa.text("ALTER TABLE articles DROP COLUMN copy_of"))
        await add_story(old, "ferry", text=WIRE, title="Ferry hits breakwater", now=T, outlet="Coast Wire")
        for n, (outlet, text) in enumerate([("Harbour Times", COPIES["dateline"]), ("Valley Post", OWN["eyewitness"])]):
            await add_story(old, f"other{n}", text=text, title=f"Ferry {n}", now=T + timedelta(hours=n + 1),
                            outlet=outlet)
            await ArticleStore(old).set_story((await ArticleStore(old).ids_for_story(f"other{n}"))[0], "ferry")

    database = await upgraded(url, COPY_MARKS_FROM - 1, fill)
    yield database
    await database.close()


async def test_an_old_store_still_gets_its_copies_at_load(old_db: Database) -> None:
    assert set((await stored_marks(old_db)).values()) == {None}  # the column added, nothing worked out yet
    story = (await loaded(old_db))["ferry"]
    assert story == {"https://news.test/ferry": None, "https://news.test/other0": "https://news.test/ferry",
                     "https://news.test/other1": None}
    assert set((await stored_marks(old_db)).values()) == {None}  # the load wrote nothing back
