"""Quote extraction cost beside the bare spaCy parse, and ask/whosaid latency at 10k/100k stored articles
beside a plain full-text query on the same store; multi-word whosaid (story-wide matches) beside the one-word query
of its first word, same run; on SQLite and, with --postgres, PostgreSQL (before and after ANALYZE).

    .venv/bin/python benchmarks/bench_quotes.py [--sizes 10000 100000] [--db-dir /tmp] [--rounds 60]
                                                [--postgres [--no-sqlite]] [--no-extraction]

The store is built from the PolNeAR dev texts repeated with distinct ids: each text is parsed once, then
its article row, full-text row and attribution rows are written in bulk (executemany, 2,000 articles per
transaction) straight through the store's tables; the NLP is not re-run per copy. Articles are grouped into
stories of 2-5 (one in eight left in no story); half the further articles of a story carry its first article's text
under another outlet (a wire copy), so its quotes are carried by several articles, as ``whosaid`` merges them.
PostgreSQL (127.0.0.1:5432) gets a database of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_story_load import pg_url
from bot.answer.respond import Answer, ask
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
# topics of several words (story-wide matches, QuoteStore.search); the baseline asks for the first word alone
MULTI = ["health care", "Supreme Court justice", "tax returns", "Clinton emails", "Trump campaign", "Russian hackers",
         "police shooting", "trade deals", "Iran nuclear deal", "gun control"]
PG_NAME = "briefbot_bench_quotes"


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


def parse_all(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[Any]]]:
    """Each text's attributions, parsed once for every store the run builds."""
    nlp = load_pipeline()
    return [(r, list(attributions_of(doc))) for r, doc in zip(records, nlp.pipe(r["text"] for r in records),
                                                                strict=True)]


def story_plan(size: int, texts: int, seed: int = 7) -> list[tuple[int, str | None, str | None]]:
    """Per article: which text it carries, its story (None: in no story) and, for a wire copy of its story's first
    article, the outlet that carried it (None: the text's own publisher)."""
    rng = random.Random(seed)
    plan: list[tuple[int, str | None, str | None]] = []
    story = 0
    while len(plan) < size:
        first = rng.randrange(texts)
        if rng.random() < 0.125:
            plan.append((first, None, None))
            continue
        story += 1
        sid = f"bench-story-{story:06d}"
        plan.append((first, sid, None))
        for j in range(rng.randint(1, 4)):
            copy = rng.random() < 0.5
            plan.append((first, sid, f"Wire outlet {j + 1}") if copy else (rng.randrange(texts), sid, None))
    return plan[:size]


async def build_store(db: Database, parsed: list[tuple[dict[str, Any], list[Any]]], size: int) -> None:
    store = QuoteStore(db)
    plan = story_plan(size, len(parsed))
    next_id = 1
    for chunk_start in range(0, size, 2000):
        art_rows: list[dict[str, Any]] = []
        fts_rows: list[dict[str, Any]] = []
        attr_rows: list[dict[str, Any]] = []
        for n in range(chunk_start, min(size, chunk_start + 2000)):
            text_no, story_id, carrier = plan[n]
            record, found = parsed[text_no]
            article_id = f"bench-{n:07d}"
            when = NOW - timedelta(minutes=n % (60 * 24 * 30))
            art_rows.append({"seq": n + 1, "id": article_id, "url": f"https://example.org/{n}",
                             "title": record["title"], "outlet": carrier or record["publisher"], "published": when,
                             "text": record["text"], "story_id": story_id,
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
            if db.dialect == "sqlite":  # PostgreSQL's article tsvector is a generated column
                await conn.execute(sa.text(
                    "INSERT INTO article_fts (rowid, article_id, title, body) VALUES (:r, :a, :t, :b)"), fts_rows)
            await store.write_rows(conn, attr_rows)


def shown(result: Answer) -> tuple[int, int]:
    """How many quotes an answer holds, and how many other articles' copies of them it merged."""
    hits = [h for _, group in result.groups for h in group]
    return len(hits), sum(len(h.also) for h in hits)


async def bench_queries(db: Database, rounds: int) -> dict[str, float]:
    quotes, arts = QuoteStore(db), ArticleStore(db)
    out: dict[str, list[float]] = {"whosaid": [], "what_did_s_say": [], "plain_fts": [], "whosaid_multi": [],
                                   "whosaid_first_word": []}
    answered: dict[str, list[tuple[int, int]]] = {"whosaid_multi": [], "whosaid_first_word": []}
    await ask("who said what about warm up", quotes, arts, NOW)
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
        multi = MULTI[i % len(MULTI)]
        pair = [("whosaid_multi", multi), ("whosaid_first_word", multi.split()[0])]
        for name, asked in pair if i % 2 == 0 else pair[::-1]:  # alternating which goes first
            t0 = time.perf_counter()
            result = await ask(f"who said what about {asked}", quotes, arts, NOW)
            out[name].append(time.perf_counter() - t0)
            answered[name].append(shown(result))
    figures: dict[str, float] = {}
    for name, values in out.items():
        ms = [1000 * v for v in values]
        figures[f"{name}_p50_ms"] = round(statistics.median(ms), 2)
        figures[f"{name}_p95_ms"] = round(pct(ms, 95), 2)
        figures[f"{name}_max_ms"] = round(max(ms), 2)
    for name, counts in answered.items():
        figures[f"{name}_quotes_mean"] = round(statistics.mean(c for c, _ in counts), 1)
        figures[f"{name}_copies_merged_mean"] = round(statistics.mean(m for _, m in counts), 1)
    return figures


async def bench_store(url: str, parsed: list[tuple[dict[str, Any], list[Any]]], size: int,
                      rounds: int) -> dict[str, Any]:
    """Build one store and time its queries; PostgreSQL's twice: as loaded (no planner statistics) and after
    ANALYZE (what autovacuum does on a server with default settings)."""
    db = await Database.open(url)
    try:
        t0 = time.perf_counter()
        await build_store(db, parsed, size)
        build = time.perf_counter() - t0
        figures: dict[str, Any] = {"build_seconds": round(build, 1)}
        if db.dialect != "sqlite":
            figures["before_analyze"] = await bench_queries(db, rounds)
            async with db.begin() as conn:
                await conn.execute(sa.text("ANALYZE"))
        figures.update(await bench_queries(db, rounds))
        figures["attributions"] = await QuoteStore(db).count()
        async with db.connect() as conn:
            figures["stories"] = int((await conn.execute(
                sa.select(sa.func.count(sa.distinct(articles.c.story_id))))).scalar() or 0)
        return figures
    finally:
        await db.close()


async def run(sizes: list[int], db_dir: Path, rounds: int, *, sqlite: bool, postgres: bool,
              extraction: bool) -> dict[str, Any]:
    with (SHARED / "eval" / "quotes" / "polnear" / "dev.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    results: dict[str, Any] = {"started": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"}
    if extraction:
        results["extraction"] = bench_extraction([r["text"] for r in records])
    parsed = parse_all(records)
    for size in sizes:
        if sqlite:
            path = db_dir / f"bench_quotes_{size}.db"
            path.unlink(missing_ok=True)
            results[f"sqlite_{size}"] = await bench_store(f"sqlite:///{path}", parsed, size, rounds)
        if postgres:
            try:
                results[f"postgresql_{size}"] = await bench_store(await pg_url(name=PG_NAME), parsed, size, rounds)
            finally:
                await pg_url(create=False, name=PG_NAME)  # nothing left behind on the shared server
    results["finished"] = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp"))
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL at 127.0.0.1:5432")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL (with --postgres)")
    parser.add_argument("--no-extraction", action="store_true", help="skip the extraction timing")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.sizes, args.db_dir, args.rounds, sqlite=not args.no_sqlite,
                                     postgres=args.postgres, extraction=not args.no_extraction)), indent=2))


if __name__ == "__main__":
    main()
