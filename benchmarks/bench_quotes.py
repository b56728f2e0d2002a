"""Quote extraction cost beside the bare spaCy parse, and ask/whosaid latency at 10k/100k stored articles
beside a plain full-text query on the same store.

    .venv/bin/python benchmarks/bench_quotes.py [--sizes 10000 100000] [--db-dir /tmp]

The store is built from the PolNeAR dev texts repeated with distinct ids: each text is parsed once, then
its article row, full-text row and attribution rows are written in bulk (executemany, 2,000 articles per
transaction) straight through the store's tables; the NLP is not re-run per copy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.answer.respond import ask
from bot.nlp.quote_rules import find_attributions
from bot.nlp.quotes import attributions_of, load_pipeline
from bot.nlp.speakers import resolve_speakers
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore, topic_text
from bot.store.schema import articles

SHARED = Path(__file__).resolve().parents[2] / "shared"
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
TOPICS = ["Clinton", "Trump", "emails", "tax", "debate", "Obama", "climate", "Russia", "police", "health care",
          "Supreme Court", "polls", "immigration", "FBI", "Congress", "economy", "jobs", "NATO", "Iran", "guns"]
SPEAKERS = ["Trump", "Clinton", "Obama", "Pence", "Kaine", "Sanders", "Comey", "Ryan", "McConnell", "Biden"]


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def bench_extraction(texts: list[str]) -> dict[str, float]:
    nlp = load_pipeline()
    list(nlp.pipe(texts[:4]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        resolve_speakers(doc, find_attributions(doc))
    rules = time.perf_counter() - t0
    n = len(texts)
    return {"articles": n, "parse_ms_per_article": 1000 * parse / n, "rules_ms_per_article": 1000 * rules / n,
            "extraction_ms_per_article": 1000 * (parse + rules) / n}


async def build_store(db: Database, records: list[dict[str, Any]], size: int) -> None:
    nlp = load_pipeline()
    parsed = [(r, attributions_of(doc)) for r, doc in zip(records, nlp.pipe(r["text"] for r in records),
                                                           strict=True)]
    store = QuoteStore(db)
    next_id = 1
    for chunk_start in range(0, size, 2000):
        art_rows: list[dict[str, Any]] = []
        fts_rows: list[dict[str, Any]] = []
        attr_rows: list[dict[str, Any]] = []
        for n in range(chunk_start, min(size, chunk_start + 2000)):
            record, found = parsed[n % len(parsed)]
            article_id = f"bench-{n:07d}"
            when = NOW - timedelta(minutes=n % (60 * 24 * 30))
            art_rows.append({"seq": n + 1, "id": article_id, "url": f"https://example.org/{n}",
                             "title": record["title"], "outlet": record["publisher"], "published": when,
                             "text": record["text"],
                             "content_hash": article_id, "stored_at": when, "updated_at": when})
            fts_rows.append({"r": n + 1, "a": article_id, "t": record["title"], "b": record["text"]})
            for a in found:
                attr_rows.append({"id": next_id, "article_id": article_id, "speaker": a.speaker,
                                  "speaker_as_written": a.speaker_as_written, "cue": a.cue, "content": a.content,
                                  "kind": a.kind, "sentence": a.sentence, "char_start": a.start,
                                  "char_end": a.end, "role": a.role, "topic_text": topic_text(a, {})})
                next_id += 1
        async with db.begin() as conn:
            await conn.execute(articles.insert(), art_rows)
            await conn.execute(sa.text(
                "INSERT INTO article_fts (rowid, article_id, title, body) VALUES (:r, :a, :t, :b)"), fts_rows)
            await store.write_rows(conn, attr_rows)


async def bench_queries(db: Database, rounds: int) -> dict[str, float]:
    quotes, arts = QuoteStore(db), ArticleStore(db)
    out: dict[str, list[float]] = {"whosaid": [], "what_did_s_say": [], "plain_fts": []}
    for i in range(rounds):
        topic = TOPICS[i % len(TOPICS)]
        t0 = time.perf_counter()
        await ask(f"who said what about {topic}", quotes, arts, NOW)
        out["whosaid"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        await ask(f"what did {SPEAKERS[i % len(SPEAKERS)]} say", quotes, arts, NOW)
        out["what_did_s_say"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        await arts.search(topic, limit=20)
        out["plain_fts"].append(time.perf_counter() - t0)
    figures: dict[str, float] = {}
    for name, values in out.items():
        ms = [1000 * v for v in values]
        figures[f"{name}_p50_ms"] = round(statistics.median(ms), 2)
        figures[f"{name}_p95_ms"] = round(pct(ms, 95), 2)
    return figures


async def run(sizes: list[int], db_dir: Path, rounds: int) -> dict[str, Any]:
    with (SHARED / "eval" / "quotes" / "polnear" / "dev.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    results: dict[str, Any] = {"extraction": bench_extraction([r["text"] for r in records])}
    for size in sizes:
        path = db_dir / f"bench_quotes_{size}.db"
        path.unlink(missing_ok=True)
        db = await Database.open(str(path))
        t0 = time.perf_counter()
        await build_store(db, records, size)
        build = time.perf_counter() - t0
        figures = await bench_queries(db, rounds)
        figures["build_seconds"] = round(build, 1)
        figures["attributions"] = await QuoteStore(db).count()
        results[f"sqlite_{size}"] = figures
        await db.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.sizes, args.db_dir, args.rounds)), indent=2))


if __name__ == "__main__":
    main()
