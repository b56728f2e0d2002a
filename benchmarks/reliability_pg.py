"""PostgreSQL connections terminated server-side during a stream of article writes: does the store
reconnect, does any error reach the caller, is any acknowledged write lost?"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import asyncpg  # type: ignore[import-untyped]

from bot.ingest.canonical import article_id, content_hash
from bot.models import Article
from bot.nlp.sentences import split_sentences
from bot.store.articles import ArticleStore
from bot.store.db import Database

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def article(n: int) -> Article:
    text = f"Writer {n} reported on the harbour works. The crane moved {n} metres. Residents watched."
    h = content_hash(text)
    url = f"https://pg.test/{n}"
    return Article(id=article_id(None, url, h), url=url, title=f"Write {n}", outlet="PG Wire", text=text,
                   sentences=split_sentences(text), published=NOW, source="pg-bench", content_hash=h)


@dataclass
class PgReport:
    writes: int = 0
    acknowledged: int = 0
    terminations: int = 0  # server backends killed
    errors_escaped: int = 0  # saves that raised to the caller
    lost: int = 0  # acknowledged saves not in the store afterwards
    error_kinds: dict[str, int] = field(default_factory=dict)


async def _terminate(url: str) -> int:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = await asyncpg.connect(host=parts.hostname, port=parts.port, user=parts.username or "postgres",
                                  database="postgres")
    try:
        rows = await admin.fetch("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = $1 AND pid <> pg_backend_pid()", name)
        return sum(1 for r in rows if r[0])
    finally:
        await admin.close()


async def terminate_during_writes(url: str, writes: int, *, every: int = 10, mid_transaction: bool = False,
                                  seed: int = 8) -> PgReport:
    """``writes`` saves, one at a time; every ``every`` writes (on average) all of the store's server
    connections are terminated, between two writes or (``mid_transaction``) while one is in flight."""
    rng = random.Random(seed)
    db = await Database.open(url)
    store = ArticleStore(db)
    report = PgReport(writes=writes)
    acknowledged: list[str] = []
    try:
        for n in range(writes):
            item = article(n)
            kill_now = rng.random() < 1 / every
            if kill_now and not mid_transaction:
                report.terminations += await _terminate(url)
            killer = asyncio.create_task(_terminate(url)) if kill_now and mid_transaction else None
            try:
                await store.save(item, now=NOW)
            except Exception as exc:  # counting what escapes is the point
                report.errors_escaped += 1
                kind = type(exc).__name__
                report.error_kinds[kind] = report.error_kinds.get(kind, 0) + 1
                continue
            finally:
                if killer is not None:
                    report.terminations += await killer
            acknowledged.append(item.id)
        report.acknowledged = len(acknowledged)
    finally:
        await db.close()
    check = await Database.open(url)
    try:
        found = {a.id for a in await ArticleStore(check).get_many(acknowledged)}
    finally:
        await check.close()
    report.lost = len(set(acknowledged) - found)
    return report
