"""Retention: old stories go with their articles, quotes, search entries and channel marks; recent ones stay."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from bot.answer.respond import ask
from bot.config import MIN_KEEP_DAYS, ConfigError, parse_config
from bot.models import ChannelRef
from bot.pipeline import RECOVERY_WINDOW
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.quotes import QuoteStore
from bot.store.retention import REMEMBER_PRUNED, PruneReport, prune
from bot.store.stories import StoryStore
from tests.core.retention_store import (
    BEFORE,
    NOW,
    OLD,
    OLD_TEXTS,
    RECENT,
    Built,
    build,
    deliver,
    fts_mismatches,
    ingest_at,
    make_article,
    rows,
    table_counts,
)
from tests.pg import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
async def built(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Built]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/store.db"
    else:
        url = await fresh_database("briefbot_test_retention")
    store = await build(url)
    yield store
    await store.app.close()


async def story_of(store: Built, article_id: str) -> str:
    found = await StoryStore(store.db).story_ids_for_articles([article_id])
    return found[article_id]


async def with_deliveries(store: Built) -> None:
    """main: two old slots and a recent one; quiet: only old slots; stuck: an old slot still pending."""
    channels = ChannelStore(store.db)
    for name in ("main", "quiet", "stuck"):
        await channels.ensure(ChannelRef("console", name), ChannelDefaults("daily 08:00", "UTC"), now=OLD)
    old = {w: await story_of(store, i) for w, i in store.old_ids.items()}
    await deliver(store.db, "console:main", OLD + timedelta(hours=1), [old["lighthouse"], old["orchard"]])
    await deliver(store.db, "console:main", OLD + timedelta(days=1), [])  # empty
    tramway = await story_of(store, store.recent_ids["tramway"])
    await deliver(store.db, "console:main", RECENT + timedelta(hours=1), [tramway])
    await deliver(store.db, "console:quiet", OLD + timedelta(hours=2), [old["observatory"]])
    await deliver(store.db, "console:quiet", OLD + timedelta(hours=3), [old["glacier"]])
    await deliver(store.db, "console:stuck", OLD + timedelta(hours=4), [old["ferryboat"]], finish=False)


async def children(store: Built, ids: list[str]) -> tuple[int, int]:
    """(sentences, attributions) of these articles."""
    params = {f"a{n}": i for n, i in enumerate(ids)}
    marks = ", ".join(f":a{n}" for n in range(len(ids)))
    sents = (await rows(store.db, f"SELECT count(*) FROM sentences WHERE article_id IN ({marks})", **params))[0][0]
    quotes = (await rows(store.db, f"SELECT count(*) FROM attributions WHERE article_id IN ({marks})", **params))[0][0]
    return int(sents), int(quotes)


async def found(store: Built, word: str) -> dict[str, bool]:
    """Where a word is still found: article search, sentence search, quote search, `ask`."""
    articles, quotes = ArticleStore(store.db), QuoteStore(store.db)
    answer = await ask(f"who said what about the {word}", quotes, articles, NOW)
    return {"articles": bool(await articles.search(word)), "sentences": bool(await articles.search_sentences(word)),
            "quotes": bool(await quotes.search(word)), "ask": answer.ok}


EVERYWHERE = {"articles": True, "sentences": True, "quotes": True, "ask": True}
NOWHERE = {"articles": False, "sentences": False, "quotes": False, "ask": False}


async def test_old_stories_go_with_everything_hanging_off_them_and_recent_ones_stay(built: Built) -> None:
    store = built
    await with_deliveries(store)
    old_ids = [*store.old_ids.values(), store.loose_old_id]
    kept_ids = {*store.recent_ids.values(), store.late_id, store.loose_recent_id}
    old_stories = {await story_of(store, i) for i in store.old_ids.values()}
    kept_stories = {await story_of(store, i) for i in (*store.recent_ids.values(), store.late_id)}
    sents, quotes = await children(store, old_ids)
    assert quotes >= len(store.old_ids) and await found(store, "lighthouse") == EVERYWHERE
    before = await table_counts(store.db)

    report = await prune(store.db, before=BEFORE)

    assert report == PruneReport(stories=len(old_stories), articles=len(old_ids), sentences=sents,
                                 attributions=quotes, channel_stories=4, channel_articles=5, deliveries=3,
                                 delivery_contents=2)
    assert {r[0] for r in await rows(store.db, "SELECT id FROM articles")} == kept_ids
    assert {r[0] for r in await rows(store.db, "SELECT id FROM stories")} == kept_stories
    assert await children(store, old_ids) == (0, 0)
    for word in ("lighthouse", "orchard", "observatory", "glacier", "ferryboat"):
        assert await found(store, word) == NOWHERE, word
    assert not await ArticleStore(store.db).search("bellringers")  # the article that never joined a story
    for word in ("tramway", "library", "photographs"):  # recent, and published long ago but stored recently
        assert await found(store, word) == EVERYWHERE, word
    assert await ArticleStore(store.db).search("timetable")
    assert await fts_mismatches(store.db) == []
    tramway = await story_of(store, store.recent_ids["tramway"])
    assert await rows(store.db, "SELECT channel, story_id FROM channel_stories") == [("console:main", tramway)]
    assert await rows(store.db, "SELECT channel, article_id FROM channel_articles") == [
        ("console:main", store.recent_ids["tramway"])]
    ledger = await rows(store.db, "SELECT channel, state FROM deliveries ORDER BY channel, slot")
    # main keeps its recent slot; quiet its newest slot (its schedule counts from it); stuck its pending slot
    assert ledger == [("console:main", "delivered"), ("console:quiet", "delivered"), ("console:stuck", "pending")]
    assert len(await rows(store.db, "SELECT channel FROM delivery_contents")) == 3
    after = await table_counts(store.db)
    for kept in ("sources", "channels", "quote_speakers"):
        assert after[kept] == before[kept], kept
    assert await prune(store.db, before=BEFORE) == PruneReport()  # nothing left to do


async def test_a_dry_run_changes_nothing_and_counts_what_a_real_run_removes(built: Built) -> None:
    store = built
    await with_deliveries(store)
    before = await table_counts(store.db)
    dry = await prune(store.db, before=BEFORE, batch=2, dry_run=True)
    assert await table_counts(store.db) == before
    assert await found(store, "glacier") == EVERYWHERE
    real = await prune(store.db, before=BEFORE, batch=3)
    assert real == dry and real.articles == len(store.old_ids) + 1 and real.deliveries == 3
    assert await table_counts(store.db) != before


class Injected(RuntimeError):
    """The failure a test puts into one batch."""


class FailOnArticleDelete:
    """A connection that fails when asked to delete articles: the batch's other deletes have run by then."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    async def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(statement, sa.Delete) and getattr(statement.table, "name", "") == "articles":
            raise Injected("the disk went away")
        return await self.conn.execute(statement, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


async def test_an_error_in_the_second_batch_leaves_every_article_whole_or_gone(
        built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    store = built
    await with_deliveries(store)
    by_story: dict[str, list[str]] = {}
    for article in store.old_ids.values():
        by_story.setdefault(await story_of(store, article), []).append(article)
    children_before = {a: await children(store, [a]) for a in store.old_ids.values()}
    real = store.db.transaction
    calls = 0

    async def second_fails(work: Callable[[Any], Awaitable[Any]], *, attempts: int = 3) -> Any:
        nonlocal calls
        calls += 1
        if calls != 2:
            return await real(work, attempts=attempts)
        return await real(lambda conn: work(FailOnArticleDelete(conn)), attempts=attempts)

    monkeypatch.setattr(store.db, "transaction", second_fails)
    with pytest.raises(Injected):
        await prune(store.db, before=BEFORE, batch=2)
    monkeypatch.undo()

    stored = {r[0] for r in await rows(store.db, "SELECT id FROM articles")}
    story_rows = {r[0] for r in await rows(store.db, "SELECT id FROM stories")}
    gone = [s for s in sorted(by_story) if s not in story_rows]
    assert gone and len(gone) < len(by_story)  # the first batch went, the second was undone
    assert gone == sorted(by_story)[:len(gone)]  # batches go in story order
    for story_id, ids in by_story.items():
        if story_id in gone:
            assert not stored & set(ids) and await children(store, ids) == (0, 0)
        else:
            assert set(ids) <= stored
            assert {a: await children(store, [a]) for a in ids} == {a: children_before[a] for a in ids}
    assert await fts_mismatches(store.db) == []
    for story_id in by_story:
        word = next(w for w, a in store.old_ids.items() if a == by_story[story_id][0]).split("-")[0]
        assert await found(store, word) == (NOWHERE if story_id in gone else EVERYWHERE), word
    # the next run finishes the job
    await prune(store.db, before=BEFORE, batch=2)
    assert {r[0] for r in await rows(store.db, "SELECT id FROM articles")} == {
        *store.recent_ids.values(), store.late_id, store.loose_recent_id}
    assert await fts_mismatches(store.db) == []


async def test_a_batch_size_below_one_is_refused(built: Built) -> None:
    with pytest.raises(ValueError, match="batch"):
        await prune(built.db, before=BEFORE, batch=0)


@pytest.mark.parametrize(("value", "ok"), [(0, True), (7, True), (90, True), (3, False), (1, False), (6, False)])
def test_keep_days_is_zero_or_at_least_the_recovery_window(value: int, ok: bool) -> None:
    if ok:
        assert parse_config({"database": {"keep_days": value}}, env={}).database.keep_days == value
        return
    with pytest.raises(ConfigError, match=r"^database\.keep_days: expected 0 \(keep everything\) or at least 7"):
        parse_config({"database": {"keep_days": value}}, env={})


@pytest.mark.parametrize(("value", "message"), [(-1, "a whole number of 0 or more"), ("90", "a whole number"),
                                                (True, "a whole number")])
def test_keep_days_must_be_a_whole_number(value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=rf"^database\.keep_days: expected {message}"):
        parse_config({"database": {"keep_days": value}}, env={})


def test_keep_days_defaults_to_90_and_never_undercuts_the_restart_window() -> None:
    assert parse_config({}, env={}).database.keep_days == 90
    assert timedelta(days=MIN_KEEP_DAYS) >= RECOVERY_WINDOW
    assert timedelta(days=MIN_KEEP_DAYS) <= NOW - BEFORE


async def test_a_removed_article_a_feed_still_carries_is_not_stored_again_until_long_after(built: Built) -> None:
    store = built
    await prune(store.db, before=BEFORE)
    again = [make_article(w, t, published=OLD) for w, t in OLD_TEXTS.items()]  # the feed still carries them
    report = await ingest_at(store.app, store.clock, NOW, again)
    assert (report.added, report.pruned) == (0, len(OLD_TEXTS))
    assert "skipped  Lighthouse news: removed by retention earlier (database.keep_days)" in report.lines
    assert not set(store.old_ids.values()) & {r[0] for r in await rows(store.db, "SELECT id FROM articles")}
    assert await found(store, "lighthouse") == NOWHERE
    assert (await prune(store.db, before=BEFORE + REMEMBER_PRUNED)).remembered_ids == 0  # still remembered
    later = await prune(store.db, before=BEFORE + REMEMBER_PRUNED + timedelta(days=1))
    assert later.remembered_ids == len(OLD_TEXTS) + 1  # with the loose article
    report = await ingest_at(store.app, store.clock, NOW, again[:1])
    assert report.added == 1  # forgotten: an item carried this long is ingested again
