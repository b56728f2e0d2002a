"""A store write that fails on what one source sent (not an outage) stays with that source: ``ingest`` names it and
goes on with the others; a poll records it as that source's error (backing off, shown in ``sources``) instead of a
log line that repeats every round. A store outage still ends the run, as before."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web

from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.fetch import Fetcher
from bot.models import Article, SummarySentence
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.articles import ArticleStore, SaveResult
from bot.store.db import Database
from tests.ingest.ingest_server import serving

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
POISON = "Poisoned"  # the outlet whose articles the patched store refuses


def _feed(name: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title><item><title>{name} fair opens'
            f"</title><link>http://{name.lower()}.example/fair</link><description>The {name} fair opened on Saturday"
            " with forty stalls, the organisers said.</description></item></channel></rss>").encode()


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


@pytest.fixture
async def feeds() -> AsyncIterator[str]:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=_feed(request.match_info["name"]), headers={"Content-Type": "application/rss+xml"})

    app = web.Application()
    app.router.add_get("/{name}.xml", handler)
    async with serving(app) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield database
    await database.close()


def _refuse_poison(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    real = ArticleStore.save_many

    async def save_many(self: ArticleStore, batch: Sequence[Article], *, now: datetime,
                        committed: Callable[[Sequence[SaveResult]], None] | None = None,
                        count_for: str | None = None) -> list[SaveResult]:
        if any(a.outlet == POISON for a in batch):
            raise error
        return await real(self, batch, now=now, committed=committed, count_for=count_for)

    monkeypatch.setattr(ArticleStore, "save_many", save_many)


async def test_ingest_names_the_source_whose_write_failed_and_stores_the_others(
        feeds: str, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_poison(monkeypatch, ValueError("a value the store cannot hold"))
    pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: NOW, _FirstSentences())
    urls = [f"{feeds}/{name}.xml" for name in ("Ardley", POISON, "Brora")]
    async with Fetcher(LOCAL) as fetcher:
        report = await pipeline.ingest(urls, fetcher)
    assert report.added == 2
    assert [(p.input, p.reason) for p in report.problems] == [
        (urls[1], "not stored: ValueError: a value the store cannot hold")]
    with sqlite3.connect(db.url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (2,)


async def test_a_store_outage_still_ends_the_ingest(feeds: str, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = sqlite3.SQLITE_BUSY  # type: ignore[attr-defined]
    _refuse_poison(monkeypatch, sa.exc.OperationalError("INSERT", {}, locked))
    pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: NOW, _FirstSentences())
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(sa.exc.OperationalError):
            await pipeline.ingest([f"{feeds}/{POISON}.xml", f"{feeds}/Brora.xml"], fetcher)


async def test_a_poll_records_a_failed_write_as_that_sources_error(
        feeds: str, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_poison(monkeypatch, ValueError("a value the store cannot hold"))
    config = Config(ingest=LOCAL, scheduler=SchedulerConfig(poll_jitter_seconds=0))
    pipeline = Pipeline(db, config, lambda: NOW, _FirstSentences())
    urls = {name: f"{feeds}/{name}.xml" for name in ("Ardley", POISON, "Brora")}
    for url in urls.values():
        await pipeline.sources.ensure(url, kind="feed", now=NOW)
    async with Fetcher(LOCAL) as fetcher:
        poller = Poller(pipeline, fetcher, pipeline.sources, config.scheduler, lambda: NOW, rng=random.Random(3))
        round_ = await poller.poll_due()
    assert (round_.polled, round_.ok, round_.failed, round_.added) == (3, 2, 1, 2)
    poisoned = await pipeline.sources.get(urls[POISON])
    assert poisoned is not None and poisoned.failures == 1 and poisoned.next_poll_at is not None
    assert poisoned.last_error == f"{urls[POISON]}: not stored: ValueError: a value the store cannot hold"
    for name in ("Ardley", "Brora"):
        state = await pipeline.sources.get(urls[name])
        assert state is not None and state.last_error is None and state.articles == 1
