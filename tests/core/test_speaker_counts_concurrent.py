"""Two processes storing quotes of one new speaker at once (an `ingest` beside `briefbot run`): both counted, no
unique-constraint error."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.ingest.canonical import article_id, content_hash
from bot.models import Article, Attribution
from bot.nlp.sentences import split_sentences
from bot.store import quote_rows
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.speaker_counts import add_mentions
from tests import pg

NOW = datetime(2031, 6, 3, 10, 0, tzinfo=UTC)
TEXTS = {
    "ferry": "The Tollmere ferry will run twice an hour from June, harbour master Oskar Lindqvel said on Tuesday.",
    "lighthouse": "Oskar Lindqvel said the old lighthouse at Tollmere point would be repainted before winter.",
}


def article(key: str) -> Article:
    text, url = TEXTS[key], f"https://tollmere.test/{key}"
    h = content_hash(text)
    return Article(
        id=article_id(None, url, h),
        url=url,
        title=f"Tollmere {key}",
        outlet="Tollmere Gazette",
        text=text,
        sentences=split_sentences(text),
        published=NOW,
        source="https://tollmere.test/feed",
        content_hash=h,
    )


def quote(found: Article) -> Attribution:
    return Attribution(found.id, "Oskar Lindqvel", "Oskar Lindqvel", "said", found.text[:40], "indirect", 0, 0, 40)


@pytest.fixture
async def two_processes() -> AsyncIterator[tuple[Database, Database]]:
    url = await pg.fresh_database("briefbot_test_speaker_counts")
    first = await Database.open(url)
    second = await Database.open(url)  # its own engine and connections, as a second process has
    yield first, second
    await first.close()
    await second.close()


async def test_two_writers_counting_one_new_speaker_at_once_both_count_it(
    two_processes: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two_processes
    ferry, lighthouse = article("ferry"), article("lighthouse")
    for found in (ferry, lighthouse):
        await ArticleStore(first).save(found, now=NOW)
    # each writer has read that no such speaker is stored before either writes: the two transactions overlap
    both_read = asyncio.Event()
    arrived = 0
    original = quote_rows.attribution_rows

    async def overlapping(conn: AsyncConnection, quotes: QuoteStore, aid: str, found: Any) -> list[dict[str, Any]]:
        nonlocal arrived
        rows = await original(conn, quotes, aid, found)
        arrived += 1
        if arrived == 2:
            both_read.set()
        await both_read.wait()
        return rows

    monkeypatch.setattr(quote_rows, "attribution_rows", overlapping)
    await asyncio.gather(
        QuoteStore(first).replace(ferry.id, [quote(ferry)]),
        QuoteStore(second).replace(lighthouse.id, [quote(lighthouse)]),
    )
    async with first.connect() as conn:
        speakers = (await conn.execute(sa.text("SELECT canonical, mentions FROM quote_speakers"))).all()
        stored = (await conn.execute(sa.text("SELECT count(*) FROM attributions"))).scalar_one()
    assert [tuple(row) for row in speakers] == [("Oskar Lindqvel", 2)]
    assert stored == 2


async def test_two_writers_replacing_one_articles_quotes_at_once_leave_one_set(
    two_processes: tuple[Database, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ingest's new article picked up by another process's refresh, or `store requote` beside an ingest: both
    extract its quotes and replace them; the second must replace the first's, not add to them."""
    first, second = two_processes
    ferry = article("ferry")
    await ArticleStore(first).save(ferry, now=NOW)
    entered, released = asyncio.Event(), asyncio.Event()
    original = quote_rows.attribution_rows

    async def held(conn: AsyncConnection, quotes: QuoteStore, aid: str, found: Any) -> list[dict[str, Any]]:
        rows = await original(conn, quotes, aid, found)
        if not entered.is_set():  # the first writer, its old rows deleted, waits for the second to get going
            entered.set()
            await released.wait()
        else:  # the second writer got this far: it did not wait for the first
            released.set()
        return rows

    async def second_waits_on_a_lock() -> None:
        """Lets the first writer go once the second is blocked on a lock (or has overtaken it, without one)."""
        await entered.wait()
        async with first.connect() as conn:
            while not released.is_set():
                waiting = (
                    await conn.execute(
                        sa.text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND wait_event_type = 'Lock'"
                        )
                    )
                ).scalar_one()
                await conn.commit()
                if waiting:
                    released.set()

    async def second_writer() -> None:
        await entered.wait()
        await QuoteStore(second).replace(ferry.id, [quote(ferry)])

    monkeypatch.setattr(quote_rows, "attribution_rows", held)
    await asyncio.gather(QuoteStore(first).replace(ferry.id, [quote(ferry)]), second_writer(), second_waits_on_a_lock())
    async with first.connect() as conn:
        speakers = (await conn.execute(sa.text("SELECT canonical, mentions FROM quote_speakers"))).all()
        stored = (await conn.execute(sa.text("SELECT count(*) FROM attributions"))).scalar_one()
    assert stored == 1
    assert [tuple(row) for row in speakers] == [("Oskar Lindqvel", 1)]


class FirstStatementHeld:
    """A connection whose first statement, once run, waits for ``go``: each writer holds its first row's lock."""

    def __init__(self, conn: AsyncConnection, ran: asyncio.Event, go: asyncio.Event) -> None:
        self.conn, self.ran, self.go, self.statements = conn, ran, go, 0

    async def execute(self, statement: Any) -> Any:
        result = await self.conn.execute(statement)
        self.statements += 1
        if self.statements == 1:
            self.ran.set()
            await self.go.wait()
        return result


async def test_two_writers_counting_the_same_speakers_in_opposite_orders_do_not_deadlock(
    two_processes: tuple[Database, Database],
) -> None:
    """Two articles quoting the same two people in opposite orders, counted at once: rows are taken in one order."""
    first, second = two_processes
    first_ran, second_ran, lock_seen = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def count(db: Database, names: list[str], ran: asyncio.Event, go: asyncio.Event) -> None:
        async with db.begin() as conn:
            held: Any = FirstStatementHeld(conn, ran, go)
            await add_mentions(held, "postgresql", {name: (name.split()[-1].lower(), 1, None) for name in names})

    both = asyncio.Event()

    async def release() -> None:
        """Both go once both ran a first statement, or one waits on the other's lock (the rows taken in one order)."""
        await first_ran.wait()
        async with first.connect() as conn:
            while not (first_ran.is_set() and second_ran.is_set()) and not lock_seen.is_set():
                waiting = (
                    await conn.execute(
                        sa.text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND wait_event_type = 'Lock'"
                        )
                    )
                ).scalar_one()
                await conn.commit()
                if waiting:
                    lock_seen.set()
        both.set()

    await asyncio.gather(
        count(first, ["Ann Bellweather", "Cal Dornick"], first_ran, both),
        count(second, ["Cal Dornick", "Ann Bellweather"], second_ran, both),
        release(),
    )
    async with first.connect() as conn:
        speakers = (await conn.execute(sa.text("SELECT canonical, mentions FROM quote_speakers ORDER BY 1"))).all()
    assert [tuple(row) for row in speakers] == [("Ann Bellweather", 2), ("Cal Dornick", 2)]
