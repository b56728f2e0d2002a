"""Revisions in the store: a row per edit (v13), capped per article, read as notes, pruned with their articles."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.clock import ManualClock
from bot.config import Config
from bot.ingest.canonical import article_id, content_hash
from bot.ingest.sources import SourceResult
from bot.models import Article
from bot.nlp.revisions import MAX_BYTES, MAX_CHANGES
from bot.nlp.sentences import split_sentences
from bot.pipeline import IngestReport, Pipeline
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.migrations import MIGRATIONS
from bot.store.retention import prune
from bot.store.revisions import MAX_ROWS_PER_ARTICLE, RevisionStore
from bot.story_loader import load_stories
from tests import pg
from tests.old_store import REVISIONS_FROM, upgraded
from tests.polling.conftest import LeadSummariser

NOW = datetime(2031, 5, 12, 9, 0, tzinfo=UTC)
FEED = "https://feeds.test/harbour.xml"

# Texts written for these tests.
V1 = ("A crane fell onto the quay at Morrow harbour on Monday morning. Eleven people were injured, the port "
      "authority said. The quay will stay closed while inspectors examine the crane's base.")
V2_NUMBER = V1.replace("Eleven people", "Fourteen people")
V2_TYPO = V1.replace("inspectors examine", "inspectors examnie")
V2_TYPO_REORDERED = ("The quay will stay closed while inspectors examnie the crane's base.\nA crane fell onto the quay "
                     "at Morrow harbour on Monday morning. Eleven people were injured, the port authority said.")


def article(text: str, *, title: str = "Crane falls at Morrow harbour", key: str = "crane",
            published: datetime = NOW - timedelta(hours=2)) -> Article:
    url = f"https://harbour.test/{key}"
    h = content_hash(text)
    return Article(id=article_id(None, url, h), url=url, title=title, outlet="Harbour Daily", text=text,
                   sentences=split_sentences(text), published=published, source=FEED,
                   content_hash=h)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'revisions.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_revisions"))
    database = await Database.open(url)
    yield database
    await database.close()


async def revision_rows(db: Database) -> int:
    async with db.connect() as conn:
        return int((await conn.execute(sa.text("SELECT count(*) FROM article_revisions"))).scalar_one())


async def test_an_edit_that_matters_is_kept_as_its_difference(db: Database) -> None:
    store, revisions = ArticleStore(db), RevisionStore(db)
    first = await store.save(article(V1), now=NOW)
    assert first.outcome == "added" and await revisions.for_article(first.article_id) == []
    assert (await store.save(article(V1), now=NOW)).outcome == "unchanged"
    edited = await store.save(article(V2_NUMBER, title="Crane falls at Morrow harbour, fourteen hurt"),
                              now=NOW + timedelta(hours=1))
    assert edited.outcome == "updated" and edited.article_id == first.article_id
    (row,) = await revisions.for_article(first.article_id)
    assert row.substantive and row.why == "number" and row.revision == 2 and row.seen_at == NOW + timedelta(hours=1)
    assert row.diff.title_before == "Crane falls at Morrow harbour"
    assert row.diff.title_after == "Crane falls at Morrow harbour, fourteen hurt"
    (change,) = row.diff.changes
    assert (change.before, change.after, change.why) == (
        "Eleven people were injured, the port authority said.", "Fourteen people were injured, the port authority "
        "said.", "number")
    # the old text itself is not kept: the article row has the new one, the revision only what changed
    stored = await store.get(first.article_id)
    assert stored is not None and stored.text == V2_NUMBER
    notes = await revisions.notes([first.article_id])
    (note,) = notes[first.article_id]
    assert (note.outlet, note.why, note.others) == ("Harbour Daily", "number", 1)  # the headline counted too
    assert note.before.startswith("Eleven people were injured") and note.after.startswith("Fourteen people")


async def test_a_headline_only_edit_is_an_edit(db: Database) -> None:
    store, revisions = ArticleStore(db), RevisionStore(db)
    aid = (await store.save(article(V1), now=NOW)).article_id
    softened = article(V1, title="Crane incident at Morrow harbour")
    assert (await store.save(softened, now=NOW + timedelta(hours=1))).outcome == "updated"
    assert (await store.save(softened, now=NOW + timedelta(hours=2))).outcome == "unchanged"
    (row,) = await revisions.for_article(aid)
    assert (row.why, row.diff.changes) == ("headline", ())
    assert (row.diff.title_before, row.diff.title_after) == ("Crane falls at Morrow harbour",
                                                             "Crane incident at Morrow harbour")
    stored = await store.get(aid)
    assert stored is not None and stored.title == "Crane incident at Morrow harbour"


async def test_a_headline_flipping_back_to_one_it_had_is_no_edit(db: Database) -> None:
    store, revisions = ArticleStore(db), RevisionStore(db)
    a, b = "Crane falls at Morrow harbour", "Eleven hurt as crane topples onto Morrow quay"
    aid = (await store.save(article(V1, title=a), now=NOW)).article_id
    for hour, title in enumerate([b, a, b, "crane falls at Morrow harbour!", b], start=1):
        assert (await store.save(article(V1, title=title), now=NOW + timedelta(hours=hour))).outcome == "updated"
    (row,) = await revisions.for_article(aid)  # an outlet testing two headlines: one edit, told once
    assert (row.why, row.diff.title_before, row.diff.title_after) == ("headline", a, b)
    stored = await store.get(aid)
    assert stored is not None and stored.title == b  # the article shows what the outlet shows now
    third = "Crane at Morrow harbour was overloaded, inspectors find"
    await store.save(article(V2_NUMBER, title=a), now=NOW + timedelta(hours=8))  # a known headline, a new figure
    await store.save(article(V2_NUMBER, title=third), now=NOW + timedelta(hours=9))  # a headline never seen
    rows = await revisions.for_article(aid)
    assert [(r.why, r.diff.title_before, r.diff.title_after) for r in rows[1:]] == [
        ("number", None, None), ("headline", a, third)]


async def test_a_typo_fix_is_kept_but_does_not_matter_and_a_reordering_is_no_revision(db: Database) -> None:
    store, revisions = ArticleStore(db), RevisionStore(db)
    aid = (await store.save(article(V1), now=NOW)).article_id
    assert (await store.save(article(V2_TYPO), now=NOW + timedelta(minutes=5))).outcome == "updated"
    (typo,) = await revisions.for_article(aid)
    assert not typo.substantive and typo.why == "" and len(typo.diff.changes) == 1
    assert await revisions.notes([aid]) == {}  # nothing a reader is told of
    assert (await store.save(article(V2_TYPO_REORDERED), now=NOW + timedelta(minutes=10))).outcome == "updated"
    assert len(await revisions.for_article(aid)) == 1  # the paragraphs only moved: no new row


async def test_an_article_edited_many_times_keeps_its_latest_rows_and_those_that_matter(db: Database) -> None:
    store, revisions = ArticleStore(db), RevisionStore(db)
    aid = (await store.save(article(V1), now=NOW)).article_id
    await store.save(article(V2_NUMBER), now=NOW + timedelta(minutes=1))  # the one edit that matters
    batch = [article(V2_NUMBER.replace("examine", "examnie" if n % 2 == 0 else "examine"))
             for n in range(3 * MAX_ROWS_PER_ARTICLE)]
    results = await store.save_many(batch, now=NOW + timedelta(minutes=2))  # typo-level edits, one after another
    assert {r.outcome for r in results} == {"updated"}
    kept = await revisions.for_article(aid)
    assert len(kept) == MAX_ROWS_PER_ARTICLE
    assert [r.why for r in kept if r.substantive] == ["number"]  # minor edits went first
    assert kept[-1].revision == 2 + len(batch)  # the latest is there
    assert await revision_rows(db) == MAX_ROWS_PER_ARTICLE


async def test_a_huge_edit_is_stored_within_its_caps(db: Database) -> None:
    store, revisions = ArticleStore(db), RevisionStore(db)
    old = " ".join(f"Berth {n} of the harbour handled {n * 7} ships last year." for n in range(1500))
    new = " ".join(f"Berth {n} of the harbour handled {n * 7 + 1} ships last year." for n in range(1500))
    aid = (await store.save(article(old, key="berths"), now=NOW)).article_id
    assert (await store.save(article(new, key="berths"), now=NOW + timedelta(hours=1))).outcome == "updated"
    (row,) = await revisions.for_article(aid)
    assert row.substantive and len(row.diff.changes) == MAX_CHANGES and row.diff.omitted == 1500 - MAX_CHANGES
    async with db.connect() as conn:
        stored = (await conn.execute(sa.text("SELECT changes FROM article_revisions"))).scalar_one()
    assert sum(len(b.encode()) + len(a.encode()) for b, a, _ in json.loads(stored)) <= MAX_BYTES


async def test_stories_carry_the_edits_of_their_articles(db: Database) -> None:
    clock = ManualClock(NOW)
    pipeline = Pipeline(db, Config(), clock, LeadSummariser())

    async def ingest(*found: Article) -> IngestReport:
        report = IngestReport()
        await pipeline.store_result(SourceResult(FEED, "feed", "Harbour", tuple(found), ()), report)
        await pipeline.refresh_stories(report.new_ids)
        return report

    await ingest(article(V1))
    clock.advance(timedelta(hours=1))
    assert (await ingest(article(V2_TYPO))).updated == 1
    clock.advance(timedelta(hours=1))
    assert (await ingest(article(V2_NUMBER))).updated == 1
    (story,) = await load_stories(db, since=None)
    (note,) = story.revisions  # the typo fix is not one of them
    assert note.why == "number" and note.seen_at == NOW + timedelta(hours=2)
    assert note.article_id == story.sources[0].article_id


async def test_an_edit_of_an_article_retention_removed_is_not_stored_again(db: Database) -> None:
    clock = ManualClock(NOW - timedelta(days=60))
    pipeline = Pipeline(db, Config(), clock, LeadSummariser())
    old = article(V1, published=NOW - timedelta(days=60))
    report = IngestReport()
    await pipeline.store_result(SourceResult(FEED, "feed", "Harbour", (old,), ()), report)
    await pipeline.refresh_stories(report.new_ids)
    pruned = await prune(db, before=NOW - timedelta(days=30))
    assert pruned.articles == 1 and pruned.stories == 1
    clock.set(NOW)
    again = IngestReport()
    edited = article(V2_NUMBER, published=NOW - timedelta(days=60))
    await pipeline.store_result(SourceResult(FEED, "feed", "Harbour", (edited,), ()), again)
    assert (again.pruned, again.updated, again.added) == (1, 0, 0)
    assert await revision_rows(db) == 0


async def test_an_edit_of_an_article_whose_story_row_is_gone_is_kept_and_the_article_regrouped(db: Database) -> None:
    clock = ManualClock(NOW)
    pipeline = Pipeline(db, Config(), clock, LeadSummariser())
    report = IngestReport()
    await pipeline.store_result(SourceResult(FEED, "feed", "Harbour", (article(V1),), ()), report)
    await pipeline.refresh_stories(report.new_ids)
    async with db.begin() as conn:  # as a crash half-way through a prune of the story might leave it
        await conn.execute(sa.text("DELETE FROM stories"))
    clock.advance(timedelta(hours=1))
    edited = IngestReport()
    await pipeline.store_result(SourceResult(FEED, "feed", "Harbour", (article(V2_NUMBER),), ()), edited)
    touched = await pipeline.refresh_stories(edited.new_ids)
    assert edited.updated == 1 and len(touched) == 1
    (story,) = await load_stories(db, since=None)
    assert [n.why for n in story.revisions] == ["number"]


async def test_revisions_are_pruned_with_their_articles(db: Database) -> None:
    store, revisions = ArticleStore(db), RevisionStore(db)
    old_id = (await store.save(article(V1, key="old"), now=NOW - timedelta(days=60))).article_id
    await store.save(article(V2_NUMBER, key="old"), now=NOW - timedelta(days=59))
    recent_id = (await store.save(article(V1, key="recent"), now=NOW)).article_id
    await store.save(article(V2_NUMBER, key="recent"), now=NOW + timedelta(hours=1))
    dry = await prune(db, before=NOW - timedelta(days=30), dry_run=True)
    assert (dry.articles, dry.revisions) == (1, 1) and await revision_rows(db) == 2
    report = await prune(db, before=NOW - timedelta(days=30))
    assert (report.articles, report.revisions) == (1, 1)
    assert await revisions.for_article(old_id) == [] and len(await revisions.for_article(recent_id)) == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_v12_store_is_upgraded_and_its_articles_edits_are_kept(tmp_path: Path, backend: str) -> None:
    url = (f"sqlite:///{tmp_path / 'v12.db'}" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_revisions"))

    async def fill(old: Database) -> None:
        store = ArticleStore(old)
        await store.save(article(V1), now=NOW)
        # an edit stored by the v12 code: the article is updated, nothing else is written
        assert (await store.save(article(V2_TYPO), now=NOW + timedelta(minutes=1))).outcome == "updated"
        async with old.connect() as conn:
            tables = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
        assert "article_revisions" not in tables

    database = await upgraded(url, REVISIONS_FROM - 1, fill)
    try:
        assert await database.schema_version() == len(MIGRATIONS) >= REVISIONS_FROM
        store = ArticleStore(database)
        assert (await store.save(article(V2_NUMBER), now=NOW + timedelta(hours=1))).outcome == "updated"
        (row,) = await RevisionStore(database).for_article(article(V1).id)
        assert row.why == "number" and row.revision == 3  # the v12 edit counted in the article's revision number
        reopened = await Database.open(database.url)
        try:
            assert await reopened.migrate() == len(MIGRATIONS)  # nothing re-applied
            assert len(await RevisionStore(reopened).for_article(article(V1).id)) == 1
        finally:
            await reopened.close()
    finally:
        await database.close()
