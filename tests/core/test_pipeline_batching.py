"""Batched storage and story refresh: the same outcomes and rows as one-at-a-time, in a few statements."""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from bot.app import App, make_pipeline
from bot.config import Config
from bot.ingest.canonical import article_id
from bot.models import Article, Attribution, Sentence
from bot.pipeline import Pipeline
from bot.store import articles as article_module
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.dedupe import StoredKeys, plan_batch
from bot.store.quotes import QuoteStore
from bot.store.stories import StoryStore
from bot.story_loader import stories_from_rows
from tests.pg import fresh_database

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
TOWNS = ["Arlen", "Bexford", "Corrow", "Dunmere", "Elsworth", "Farleigh", "Gresby", "Holloway"]
THINGS = ["bridge", "library", "tram line", "harbour wall", "school roof", "water works", "market hall"]


def article(text: str, *, guid: str | None = None, url: str = "", source: str = "feed-a",
            title: str = "Title", outlet: str = "Outlet") -> Article:
    """An article with realistic ids (as ingestion derives them) and sentences split on '. '."""
    sents, start = [], 0
    for i, part in enumerate(text.split(". ")):
        piece = part if part.endswith(".") else part + "."
        at = text.index(part, start)
        end = min(at + len(piece), len(text))
        sents.append(Sentence(i, at, end, text[at:end]))
        start = at + len(part)
    digest = f"h{abs(hash(text)) % 10**12}"
    return Article(id=article_id(guid, url, digest, scope=source), url=url, title=title, outlet=outlet,
                   text=text, sentences=tuple(sents), guid=guid, source=source, content_hash=digest,
                   published=NOW)


def keys(a: Article, seq: int) -> StoredKeys:
    return StoredKeys(a.id, seq, a.guid, a.source, a.url, a.content_hash)


# -- the pure planner -------------------------------------------------------------------------------

def test_the_same_article_twice_in_one_batch_is_added_then_unchanged() -> None:
    a = article("The dam held. Water rose.", url="https://x.example/dam")
    assert [d.outcome for d in plan_batch([a, a], [])] == ["added", "unchanged"]


def test_an_edit_inside_the_batch_updates_the_row_added_earlier_in_it() -> None:
    first = article("The dam held. Water rose.", guid="g1")
    edited = article("The dam held. Water rose higher than forecast.", guid="g1")
    plan = plan_batch([first, edited, edited], [])
    assert [(d.outcome, d.target) for d in plan] == [("added", first.id), ("updated", first.id),
                                                    ("unchanged", first.id)]


def test_guid_is_scoped_to_its_source_and_same_text_is_a_duplicate() -> None:
    a = article("Ferry strike ends. Crossings resume.", guid="1", source="feed-a")
    b = article("A different ferry story. Nothing in common.", guid="1", source="feed-b")
    c = article("Ferry strike ends. Crossings resume.", url="https://y.example/ferry", source="feed-c")
    plan = plan_batch([b, c], [keys(a, 1)])
    assert [(d.outcome, d.target) for d in plan] == [("added", b.id), ("duplicate", a.id)]


def test_an_update_moves_the_url_and_hash_that_later_articles_are_matched_on() -> None:
    stored = article("Old text. Old words.", guid="g", url="https://x.example/old")
    moved = article("New text. New words.", guid="g", url="https://x.example/new")
    by_new_url = article("New text. New words.", url="https://x.example/new")
    by_old_hash = article("Old text. Old words.", url="https://z.example/other")
    plan = plan_batch([moved, by_new_url, by_old_hash], [keys(stored, 1)])
    assert [d.outcome for d in plan] == ["updated", "unchanged", "added"]


# -- the store: batch == one at a time ----------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
async def dbs(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Database, Database]]:
    """Two empty stores of one kind: one written one article at a time, the other in batches."""
    if request.param == "sqlite":
        urls = [f"sqlite:///{tmp_path}/one.db", f"sqlite:///{tmp_path}/many.db"]
    else:
        urls = [await fresh_database("briefbot_test_batch_one"), await fresh_database("briefbot_test_batch_many")]
    one, many = await Database.open(urls[0]), await Database.open(urls[1])
    yield one, many
    await one.close()
    await many.close()


def random_articles(rng: random.Random, n: int) -> list[Article]:
    """Few distinct keys, so GUID, URL and text collisions (within and across batches) are common."""
    texts = [f"The {t} council met. The {w} plan was {v}." for t in TOWNS[:3] for w in THINGS[:2]
             for v in ("approved", "delayed")]
    return [article(rng.choice(texts), guid=rng.choice([None, None, "g1", "g2", "g3"]),
                    url=rng.choice(["", "https://x.example/1", "https://x.example/2", "https://y.example/3"]),
                    source=rng.choice(["feed-a", "feed-b"]), title=rng.choice(["One", "Two"]))
            for _ in range(n)]


async def snapshot(db: Database) -> list[Any]:
    async with db.connect() as conn:
        out = [tuple(r) for r in await conn.execute(sa.text(
            "SELECT id, url, guid, source, title, content_hash, revision, text FROM articles ORDER BY seq"))]
        out += [tuple(r) for r in await conn.execute(sa.text(
            "SELECT article_id, idx, char_start, char_end, text FROM sentences ORDER BY article_id, idx"))]
        if db.dialect == "sqlite":
            out += [tuple(r) for r in await conn.execute(sa.text(
                "SELECT article_id, title, body FROM article_fts ORDER BY article_id"))]
            out += [tuple(r) for r in await conn.execute(sa.text(
                "SELECT article_id, idx, body FROM sentence_fts ORDER BY article_id, idx"))]
    return out


@pytest.mark.parametrize("seed", range(4))
async def test_save_many_gives_the_outcomes_and_rows_of_saving_one_by_one(
        dbs: tuple[Database, Database], seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_module, "SAVE_CHUNK", 5)  # several chunks, with collisions across them
    rng = random.Random(seed)
    one, many = ArticleStore(dbs[0]), ArticleStore(dbs[1])
    outcomes: set[str] = set()
    for batch in (random_articles(rng, 12), random_articles(rng, 30)):
        read = frozenset(a.url for a in batch)  # one by one, as parts of one read (bot/store/relinked.py)
        singly = [await one.save(a, now=NOW, in_read=read) for a in batch]
        assert await many.save_many(batch, now=NOW) == singly
        outcomes.update(r.outcome for r in singly)
    assert len(outcomes) >= 3, outcomes
    assert await snapshot(dbs[0]) == await snapshot(dbs[1])


async def test_an_article_that_breaks_its_chunk_fails_alone_as_with_save(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path}/store.db")
    try:
        store = ArticleStore(db)
        await store.save(article("A stored story. Its text.", url="https://x.example/a"), now=NOW)
        good = article("A good new story. Other words.", url="https://x.example/b")
        clash = article("A third story. More words.", url="https://x.example/c")
        clash = Article(**{**{f: getattr(clash, f) for f in Article.__slots__}, "id": (await store.get_many(
            [article("A stored story. Its text.", url="https://x.example/a").id]))[0].id})
        with pytest.raises(sa.exc.IntegrityError):
            await store.save_many([good, clash, article("Never reached. Words.")], now=NOW)
        assert await store.count() == 2  # the article before the clash was kept, as one-by-one would
        assert (await store.get_many([good.id]))[0].sentences == good.sentences
        assert [h.article_id for h in await store.search("good new story")] == [good.id]
    finally:
        await db.close()


# -- the pipeline: a handful of statements, whatever the number of articles ------------------------

@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", note)


EVENTS = [(town, thing, official, firm) for town, thing, official, firm in zip(
    TOWNS, THINGS, ["Ann Reeve", "Tom Okafor", "Lena Marsh", "Ravi Dutt", "Maud Price", "Ivo Sand", "Cal Dunn"],
    ["Stonebuild", "Kellar Brothers", "Norcon", "Ashby Civil", "Pellow", "Tarrant", "Greywell"], strict=False)]


def write_feed(path: Path, n: int) -> Path:
    """JSON Lines records of ``n`` short reports, each event told by up to three papers in their own words."""
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            town, thing, official, firm = EVENTS[k % len(EVENTS)]
            paper = (k // len(EVENTS)) % 3
            lines = [f"Work on the {thing} in {town} will start in spring, {official} said.",
                     f"The {town} {thing} has been shut since inspectors found damage.",
                     f"{firm} won the contract for the {town} {thing} repairs.",
                     f"This is report {k} from paper {paper}."]
            fh.write(json.dumps({
                "title": f"{town} {thing} repairs: {firm} to start in spring", "outlet": f"Paper {paper}",
                "url": f"https://news{paper}.example/{k}", "published": (NOW - timedelta(hours=k)).isoformat(),
                "text": " ".join(lines[paper:] + lines[:paper]),
            }) + "\n")
    return path


async def open_pipeline(tmp_path: Path, url: str = "") -> tuple[App, Pipeline]:
    app = App(config=Config(), db_url=url or f"sqlite:///{tmp_path}/store.db", clock=lambda: NOW)
    return app, await make_pipeline(app, with_quotes=False)


async def test_ingest_statements_do_not_grow_with_the_number_of_articles(tmp_path: Path) -> None:
    counts = []
    for n in (20, 60):
        app, pipeline = await open_pipeline(tmp_path / str(n))
        db = await app.db()
        with statements(db) as seen:
            report = await pipeline.ingest([str(write_feed(tmp_path / f"feed{n}.jsonl", n))], None)
        assert report.added == n and not report.problems
        assert len(await StoryStore(db).changed_since(None)) >= 3  # several stories (how many is the clusterer's call)
        counts.append(len(seen))
        await app.close()
    assert counts[1] <= counts[0] + 4, f"statements for 20 and 60 articles: {counts}"
    assert counts[1] < 40


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
async def test_an_edited_republication_is_updated_and_its_story_resummarised(tmp_path: Path, dialect: str) -> None:
    url = await fresh_database("briefbot_test_batch_pipeline") if dialect == "postgresql" else ""
    app, pipeline = await open_pipeline(tmp_path, url)
    feed = write_feed(tmp_path / "feed.jsonl", 14)
    await pipeline.ingest([str(feed)], None)
    db = await app.db()
    before = {r.id: r for r in await StoryStore(db).changed_since(None)}
    records = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    records[3]["text"] = records[3]["text"].replace("will start in spring", "will start in late autumn")
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = await pipeline.ingest([str(feed)], None)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 13)
    edited_id = report.new_ids[0]
    story_id = (await StoryStore(db).story_ids_for_articles([edited_id]))[edited_id]
    row = await StoryStore(db).get(story_id)
    assert row is not None and row.size == before[story_id].size >= 1  # same story, not a new one
    members = await ArticleStore(db).get_many(await ArticleStore(db).ids_for_story(story_id))
    current = {(a.id, x.index): x.text for a in members for x in a.sentences}
    assert all(current.get((s.article_id, s.sentence)) == s.text for s in row.summary)  # provenance holds
    assert len(await StoryStore(db).changed_since(None)) == len(before)
    await app.close()


async def test_loading_stories_takes_the_same_few_queries_for_many_stories(tmp_path: Path) -> None:
    app, pipeline = await open_pipeline(tmp_path)
    await pipeline.ingest([str(write_feed(tmp_path / "feed.jsonl", 40))], None)
    db = await app.db()
    first_two = await StoryStore(db).changed_since(None, limit=2)
    rows = await StoryStore(db).changed_since(None)
    some = rows[0]
    ids = await ArticleStore(db).ids_for_story(some.id)
    quote = Attribution(ids[0], "Ann Reeve", "Ann Reeve", "said", "work starts soon", "indirect", 0, 0, 10)
    await QuoteStore(db).replace(ids[0], [quote])
    with statements(db) as few:
        await stories_from_rows(db, first_two)
    with statements(db) as many:
        loaded = await stories_from_rows(db, rows)
    assert len(many) == len(few) and len(rows) >= 3
    story = next(s for s in loaded if s.id == some.id)
    assert {s.article_id for s in story.sources} == set(ids)
    published = [s.published for s in story.sources]
    assert published == sorted(published)  # type: ignore[type-var]
    assert [q.content for q in story.quotes] == ["work starts soon"]
    assert all(not s.quotes for s in loaded if s.id != some.id)
    await app.close()
