"""Fixtures for polling tests: a local feed server, a SQLite store, a manual clock and a poller factory."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.fetch import Fetcher
from bot.models import Article, SummarySentence
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.db import Database
from tests.polling.feedserver import Feed, FeedServer, Item

START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TOWNS = ["Arlen", "Bexmoor", "Calder", "Dunmere", "Eskby", "Farrow", "Glenholt", "Harwick", "Islay", "Jorvik",
         "Kelby", "Lowmoor"]


class LeadSummariser:
    """The first sentence of the first article: enough for polling tests, and instant."""

    def summarise(self, articles: Sequence[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0]
        if not first.sentences:
            return ()
        s = first.sentences[0]
        return (SummarySentence(s.text, first.id, s.index, s.start, s.end),)


def make_item(feed: str, n: int, when: datetime) -> Item:
    """A short invented news item, different for every (feed, n)."""
    town = TOWNS[n % len(TOWNS)]
    text = (f"The council of {town} approved {n + 3} new ferry crossings for the {feed} district on Tuesday. "
            f"Harbour officials said the extra crossings would start in spring after {n + 2} years of delays. "
            f"Residents of {town} had asked for the change in a petition signed by {100 + 7 * n} people.")
    return Item(guid=f"{feed}-item-{n}", link=f"http://news.example/{feed}/{n}", title=f"{town} ferry plan {n}",
                text=text, published=when - timedelta(hours=n))


def make_feed(name: str, count: int, when: datetime = START) -> Feed:
    return Feed(items=[make_item(name, n, when) for n in range(count)])


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    srv = await FeedServer(hosts=4).start()
    yield srv
    await srv.close()


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path}/store.db")
    yield database
    await database.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@dataclass
class Harness:
    poller: Poller
    pipeline: Pipeline
    clock: ManualClock


PollerFactory = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def make_poller(db: Database, clock: ManualClock) -> AsyncIterator[PollerFactory]:
    """``await make_poller(scheduler=..., timeout=..., concurrency=...)``: a Poller on a live Fetcher."""
    fetchers: list[Fetcher] = []

    async def build(*, scheduler: SchedulerConfig | None = None, timeout: float = 5.0, concurrency: int = 16,
                    seed: int = 7, max_bytes: int = 10_000_000) -> Harness:
        ingest = IngestConfig(allow_private_networks=True, timeout_seconds=timeout,
                              connect_timeout_seconds=min(timeout, 2.0), max_bytes=max_bytes)
        config = Config(ingest=ingest, scheduler=scheduler or SchedulerConfig(poll_jitter_seconds=0))
        fetcher = await Fetcher(ingest).__aenter__()
        fetchers.append(fetcher)
        pipeline = Pipeline(db, config, clock, LeadSummariser())
        poller = Poller(pipeline, fetcher, pipeline.sources, config.scheduler, clock, concurrency=concurrency,
                        rng=random.Random(seed))
        return Harness(poller, pipeline, clock)

    yield build
    for f in fetchers:
        await f.close()
