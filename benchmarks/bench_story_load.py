"""What copies and sites (bot/outlets.py) add to loading stories from the store: the marks stored at ingest (schema
v14) and the copies worked out at every load as before, beside the same loader with that step off, interleaved.

    .venv/bin/python benchmarks/bench_story_load.py [--stories 1000 10000] [--reps 7] [--texts eval|generated]
                                                    [--postgres] [--outlets-from FILE]

Each size gets its own store (a SQLite file; with --postgres also a database on 127.0.0.1:5432) of stories of
2-5 articles, about a third of them with one article republished by another site (a dateline, a tagline, a few
words changed), two quotes per article. ``eval`` texts are the BBC News Summary and CNN/DM bodies read from
../shared/eval at run time (never stored); ``generated`` texts are made up here from invented words. Every load is
cold (a fresh read of every story, as ``StoreFeed`` does before its cache holds them): page after page of 1,000
story rows, each page through ``stories_from_rows``: reading the stored copy marks (ours), working the copies out
from the texts as every load did before v14 (``stored=False``), and without copies (baseline); with --outlets-from
a fourth series: the load-time copies with another version of bot/outlets.py (``git show REV:bot/outlets.py >
FILE``). Then one page is taken apart: each query, shingling, comparing, and the site lookup ranking does later;
and what the marks add to the pipeline's summarise step (``copy_marks`` per story, and writing the marks with the
summaries), per 1,000 stories.
Results and their reading: docs/BENCHMARKS.md, "Loading stories".
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import importlib.util
import json
import os
import platform
import pstats
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import outlets, story_loader
from bot.models import Article, SourceRef, Story, SummarySentence
from bot.outlets import HEAD_CHARS, copy_marks
from bot.pipeline import SUMMARY_BATCH
from bot.store.articles import IN_CHUNK, ArticleStore
from bot.store.db import Database
from bot.store.dedupe import chunked
from bot.store.quotes import QuoteStore
from bot.store.schema import articles, stories
from bot.store.stories import StoryStore, SummaryUpdate, summary_to_json
from bot.story_feed import PAGE_SIZE
from bot.story_loader import _with_copies, stories_from_rows

SHARED = Path(__file__).resolve().parents[2] / "shared"
T0 = datetime(2026, 11, 1, 6, tzinfo=UTC)
PG_NAME = "briefbot_bench_story_load"  # its own database: the test areas' databases are never touched
# invented sites: registrable domains under several public suffixes, each with a few subdomains (feeds of one site)
SUFFIXES = ("com", "co.uk", "com.au", "org", "de", "net", "co.nz", "blogspot.com", "news", "ie")
SUBDOMAINS = ("www", "news", "world", "politics", "local", "m")
SPEAKERS = ("Mara Velden", "Jonas Ekholt", "Ruth Amsel", "the ministry", "a spokesperson", "Ilse Dornbach")


ANALYZE = {"on": True}  # --no-analyze turns it off: PostgreSQL stores queried as loaded, without statistics


async def analyze(db: Database) -> None:
    """Planner statistics for a PostgreSQL store just loaded, as autovacuum would gather them on a server with
    PostgreSQL's default settings (this machine's runs with autovacuum off); a SQLite store is left as it is."""
    if ANALYZE["on"] and db.dialect != "sqlite":
        async with db.begin() as conn:
            await conn.exec_driver_sql("ANALYZE")


def add_analyze_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-analyze", action="store_true",
                        help="query the PostgreSQL stores without ANALYZE after loading (as before 2026-11-24)")


def read_analyze_flag(args: argparse.Namespace) -> None:
    ANALYZE["on"] = not args.no_analyze


@dataclass(frozen=True, slots=True)
class Built:
    stories: int
    articles: int
    planted_copies: int
    seconds: float


def eval_texts() -> list[str]:
    """Article bodies read at run time (BBC News Summary, CNN/DM writer set): never written anywhere."""
    path = SHARED / "eval/summaries/bbc_news_summary/bbc_news_summary.jsonl"
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["body"] for line in fh]
    for name in ("cnndm_writer_summaries/writer_summaries_by_article.jsonl",
                 "cnndm_sample100/cnndm_train_sample100.jsonl"):
        with (SHARED / "eval/summaries" / name).open(encoding="utf-8") as fh:
            texts += [json.loads(line)["article"] for line in fh]
    return [t for t in dict.fromkeys(texts) if len(t.split()) >= 60]


def generated_texts(count: int, rng: random.Random) -> list[str]:
    """Made-up articles: 200-1,000 invented words each, in sentences of 8-24 words."""
    onsets = ["b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    codas = ["n", "r", "s", "t", "l", "nd", "rk", "st", "", "", "", ""]
    vocab = [rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) + (rng.choice(vowels) if rng.random() < .4
             else "") for _ in range(6000)]
    common = vocab[:60]  # function words repeat everywhere, as "the" and "of" do
    out = []
    for _ in range(count):
        words, sentences = rng.randint(200, 1000), []
        while words > 0:
            n = rng.randint(8, 24)
            ws = [rng.choice(common) if rng.random() < .35 else rng.choice(vocab) for _ in range(n)]
            sentences.append(" ".join(ws).capitalize() + ".")
            words -= n
        out.append(" ".join(sentences))
    return out


def republished(text: str, rng: random.Random) -> str:
    """How a site republishes a wire text: a dateline, a tagline, its last paragraph cut, a few words edited."""
    words = text.split()
    if len(words) > 150 and rng.random() < .5:
        words = words[: int(len(words) * .85)]
    for _ in range(3):
        i = rng.randrange(len(words))
        words[i] = "reportedly" if words[i].islower() else words[i]
    return f"HARBOURTON (Coast Wire) - {' '.join(words)} Follow us for more updates."


async def build(db: Database, n: int, texts: Sequence[str], seed: int) -> Built:
    """``n`` stories of 2-5 articles each, written in bulk straight through the store's tables, with the copy
    marks the pipeline's summarise step would have written (``copy_marks``)."""
    rng = random.Random(seed)
    sites = [f"{rng.choice(['harbour', 'valley', 'coast', 'north', 'river', 'city'])}{i}.{rng.choice(SUFFIXES)}"
             for i in range(300)]
    started, seq, attr_id, planted = time.perf_counter(), 0, 0, 0
    quotes = QuoteStore(db)
    story_rows: list[dict[str, Any]] = []
    art_rows: list[dict[str, Any]] = []
    attr_rows: list[dict[str, Any]] = []

    async def flush() -> None:
        async with db.begin() as conn:
            if art_rows:
                await conn.execute(articles.insert(), art_rows)
            if story_rows:
                await conn.execute(stories.insert(), story_rows)
            if attr_rows:
                await quotes.write_rows(conn, attr_rows)
        for pending in (story_rows, art_rows, attr_rows):
            pending.clear()

    for s in range(n):
        sid, k = f"story-{s:06d}", rng.randint(2, 5)
        first = T0 + timedelta(minutes=3 * s)
        bodies = [texts[i] for i in rng.sample(range(len(texts)), k)]
        if rng.random() < .35:  # a site republishes one of the story's articles
            bodies[-1], planted = republished(bodies[rng.randrange(k - 1)], rng), planted + 1
        summary: list[SummarySentence] = []
        first_row = len(art_rows)
        for j, body in enumerate(bodies):
            seq += 1
            aid, site = f"art-{seq:07d}", rng.choice(sites)
            when = first + timedelta(minutes=7 * j)
            art_rows.append({"seq": seq, "id": aid, "url": f"https://{rng.choice(SUBDOMAINS)}.{site}/2026/{aid}",
                             "title": f"Report {seq}", "outlet": site.split(".")[0].title(), "published": when,
                             "text": body, "content_hash": aid, "source": f"https://{site}/feed",
                             "stored_at": when, "updated_at": when, "story_id": sid})
            if j == 0:
                summary = [SummarySentence(body[:120], aid, 0, 0, 120),
                           SummarySentence(body[120:240], aid, 1, 121, 240)]
            for q in range(2):
                attr_id += 1
                content = " ".join(body.split()[10 * q: 10 * q + 12])
                attr_rows.append({"id": attr_id, "article_id": aid, "speaker": rng.choice(SPEAKERS),
                                  "speaker_as_written": "she", "cue": "said", "content": content, "kind": "direct",
                                  "sentence": q, "char_start": 40 * q, "char_end": 40 * q + 30, "role": None,
                                  "topic_text": content})
        made = [Article(r["id"], r["url"], r["title"], r["outlet"], r["text"], (), r["published"])
                for r in art_rows[first_row:]]
        for r, mark in zip(art_rows[first_row:], copy_marks(made).values(), strict=True):
            r["copy_of"] = mark
        changed = first + timedelta(minutes=7 * k)
        story_rows.append({"id": sid, "headline": f"Story {s}", "url": art_rows[-1]["url"], "first_seen": first,
                           "updated": changed, "changed_at": changed, "size": k, "profile": "",
                           "summary": summary_to_json(summary)})
        if len(story_rows) >= 500:
            await flush()
    await flush()
    return Built(n, seq, planted, time.perf_counter() - started)


async def load_all(db: Database, *, copies: bool, stored: bool = True) -> list[Story]:
    """Every story, cold: what ``StoreFeed.changed_pages`` reads before its cache holds anything."""
    out: list[Story] = []
    before: tuple[datetime, str] | None = None
    store = StoryStore(db)
    while True:
        rows = await store.changed_since(None, limit=PAGE_SIZE, before=before)
        out += await stories_from_rows(db, rows, copies=copies, stored=stored)
        if len(rows) < PAGE_SIZE or rows[-1].changed_at is None:
            return out
        before = (rows[-1].changed_at, rows[-1].id)


@dataclass(frozen=True, slots=True)
class Variant:
    label: str
    copies: bool
    stored: bool  # read the stored marks (ours) or work the copies out from the texts (as before v14)
    module: ModuleType  # whose mark_copies the loader calls (bot.outlets, or an older copy given by --outlets-from)


@contextmanager
def marking_with(module: ModuleType) -> Iterator[None]:
    """The loader's copy step (``_with_copies``) calling ``module.mark_copies`` for the duration."""
    kept = getattr(story_loader, "mark_copies")  # noqa: B009  # the name _with_copies calls
    setattr(story_loader, "mark_copies", module.mark_copies)  # noqa: B010
    try:
        yield
    finally:
        setattr(story_loader, "mark_copies", kept)  # noqa: B010


async def interleaved(db: Database, reps: int, variants: Sequence[Variant]) -> dict[str, list[float]]:
    """Seconds per cold load of every story, per variant; each repetition runs every variant once, starting
    one further along the list each time, so a noisy moment falls on all of them alike."""
    out: dict[str, list[float]] = {v.label: [] for v in variants}
    await load_all(db, copies=True)  # warm-up: imports, the file in the OS cache
    for rep in range(reps):
        for v in [*variants[rep % len(variants):], *variants[:rep % len(variants)]]:
            with marking_with(v.module):
                t = time.perf_counter()
                await load_all(db, copies=v.copies, stored=v.stored)
                out[v.label].append(time.perf_counter() - t)
    return out


async def timed(fn: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = await fn()
    return time.perf_counter() - t, value


def clock(fn: Callable[[], object]) -> float:
    gc.collect()  # each part starts without a collection pending from the one before
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


async def quotes_of(db: Database, ids: list[str]) -> int:
    """What the loader reads for quotes: every article's, ``IN_CHUNK`` ids a query."""
    return sum([len(await QuoteStore(db).for_articles(chunk)) for chunk in chunked(ids, IN_CHUNK)])


def copy_parts(module: ModuleType, refs: dict[str, list[SourceRef]], heads: dict[str, str]) -> dict[str, float]:
    """Seconds for each part of the copy step and of the site lookup, with this version of bot/outlets.py."""
    texts = list(heads.values())
    groups = list(refs.values())
    def shingle_all() -> None:
        for text in texts:  # each set dropped at once, as the loader's are when a story is done
            module.shingles(text)

    out = {"shingling every text (shingles)": clock(shingle_all),
           "copy step in all (mark_copies per story)": clock(
               lambda: {sid: module.mark_copies(f, heads) for sid, f in refs.items() if len(f) > 1})}
    module._registrable.cache_clear()
    if hasattr(module, "_site"):
        module._site.cache_clear()
    out["site lookup, first pass (outlet_count, caches empty)"] = clock(
        lambda: [module.outlet_count(g) for g in groups])
    out["site lookup, next passes (outlet_count)"] = clock(lambda: [module.outlet_count(g) for g in groups])
    return out


async def stages(db: Database, modules: Sequence[tuple[str, ModuleType]], reps: int = 3) -> dict[str, float]:
    """One page of 1,000 stories taken apart (seconds, median of ``reps``): the loader's queries, the copy
    step's parts, and the site lookup ranking does afterwards (``outlet_count`` of every story)."""
    runs: dict[str, list[float]] = {}
    store = ArticleStore(db)
    rows = await StoryStore(db).changed_since(None, limit=PAGE_SIZE)
    refs = await store.sources_for_stories([r.id for r in rows])
    several = [ref.article_id for r in rows if len(refs.get(r.id, ())) > 1 for ref in refs[r.id]]
    heads = await store.text_heads(several, HEAD_CHARS)
    for rep in range(reps):
        for name, query in (("story rows query", lambda: StoryStore(db).changed_since(None, limit=PAGE_SIZE)),
                            ("sources query", lambda: store.sources_for_stories([r.id for r in rows])),
                            ("text_heads query", lambda: store.text_heads(several, HEAD_CHARS)),
                            ("quotes queries", lambda: quotes_of(db, several))):
            gc.collect()
            runs.setdefault(name, []).append((await timed(query))[0])
        for tag, module in (modules if rep % 2 == 0 else modules[::-1]):
            for name, seconds in copy_parts(module, refs, heads).items():
                runs.setdefault(f"{tag}: {name}", []).append(seconds)
    out = {name: statistics.median(values) for name, values in runs.items()}
    profile = cProfile.Profile()
    profile.runcall(_with_copies, refs, heads)
    stats = pstats.Stats(profile)
    by_name = {f"{func[2]}": v[3] for func, v in stats.stats.items()}  # type: ignore[attr-defined]
    for name in ("find_copies", "shingles", "containment", "replace"):
        out[f"cProfile of _with_copies, cumulative: {name}"] = by_name.get(name, 0.0)
    return out


async def summarise_cost(db: Database, reps: int = 5) -> dict[str, float]:
    """Seconds for every story of the store: ``copy_marks`` on its articles (what ``Pipeline._summaries`` now does
    besides summarising, in its worker thread), and ``save_summaries`` in SUMMARY_BATCH stories a transaction
    without and with the marks (the same summaries written again), interleaved."""
    rows = await StoryStore(db).changed_since(None, limit=10**7)
    store = ArticleStore(db)
    members = await store.ids_for_stories([r.id for r in rows])
    by_id = {a.id: a for a in await store.get_many([i for ids in members.values() for i in ids])}
    groups = [[by_id[i] for i in members[r.id]] for r in rows]
    marks = [tuple(copy_marks(g).items()) for g in groups]
    plain = [SummaryUpdate(r.id, r.headline, r.url, r.summary, r.size, r.changed_at or T0, r.updated) for r in rows]
    marked = [SummaryUpdate(u.story_id, u.headline, u.url, u.summary, u.size, u.changed_at, u.updated, m)
              for u, m in zip(plain, marks, strict=True)]

    async def save(updates: list[SummaryUpdate]) -> None:
        for chunk in chunked(updates, SUMMARY_BATCH):
            await StoryStore(db).save_summaries(chunk)

    runs: dict[str, list[float]] = {}
    for rep in range(reps):
        runs.setdefault("copy_marks of every story (CPU, worker thread)", []).append(
            clock(lambda: [copy_marks(g) for g in groups]))
        for name, updates in ([("save_summaries without marks", plain), ("save_summaries with marks", marked)]
                              [:: 1 if rep % 2 == 0 else -1]):
            gc.collect()
            started = time.perf_counter()
            await save(updates)
            runs.setdefault(name, []).append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in runs.items()}


def row(label: str, values: Sequence[float], per: float) -> str:
    ms = sorted(v * 1000 / per for v in values)
    return f"| {label} | {statistics.median(ms):.0f} | {ms[0]:.0f}-{ms[-1]:.0f} |"


async def pg_url(*, create: bool = True, name: str = PG_NAME) -> str:
    """The benchmark's own database ``name``, dropped first (and created again unless ``create`` is false)."""
    import asyncpg  # type: ignore[import-untyped]

    admin = await asyncpg.connect(host="127.0.0.1", port=5432, user="postgres", database="postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


async def bench(url: str, label: str, n: int, texts: Sequence[str], reps: int, alt: ModuleType | None) -> None:
    db = await Database.open(url)
    variants = [Variant("baseline: stories_from_rows(copies=False)", False, False, outlets),
                Variant("ours: stories_from_rows (stored marks)", True, True, outlets),
                Variant("before v14: stories_from_rows(stored=False) (copies worked out)", True, False, outlets)]
    if alt is not None:
        variants.append(Variant(f"before v14 with bot/outlets.py from {Path(str(alt.__file__)).name}", True, False,
                                alt))
    try:
        built = await build(db, n, texts, seed=n)
        await analyze(db)
        times = await interleaved(db, reps, variants)
        found = sum(s.copy_of is not None for st in await load_all(db, copies=True) for s in st.sources)
        worked_out = sum(s.copy_of is not None for st in await load_all(db, copies=True, stored=False)
                         for s in st.sources)
        per = n / 1000
        base = times[variants[0].label]
        print(f"\n### {label}, {n:,} stories ({built.articles:,} articles, built in {built.seconds:.0f} s; "
              f"{built.planted_copies:,} republished copies planted, {found:,} marked, {worked_out:,} worked out at "
              "load)\n")
        print("| series | median ms per 1,000 stories | min-max |")
        print("|---|---|---|")
        for v in variants:
            print(row(v.label, times[v.label], per))
        for v in variants[1:]:
            print(row(f"{v.label} - baseline, paired per repetition", [
                o - b for o, b in zip(times[v.label], base, strict=True)], per))
        if alt is not None:
            print(row("before v14 - the --outlets-from copy, paired per repetition", [o - b for o, b in zip(
                times[variants[2].label], times[variants[3].label], strict=True)], per))
        print("\nruns (s): " + "; ".join(f"{v.label}: {', '.join(f'{t:.2f}' for t in times[v.label])}"
                                        for v in variants))
        if n >= PAGE_SIZE:
            modules = [("ours", outlets)] + ([("--outlets-from", alt)] if alt is not None else [])
            print("\nOne page of 1,000 stories taken apart (ms, median of 3):\n")
            for name, seconds in (await stages(db, modules)).items():
                print(f"- {name}: {seconds * 1000:.1f}")
        if n == PAGE_SIZE:
            print("\nWhat the marks add to the summarise step, per 1,000 stories (ms, median of 5):\n")
            for name, seconds in (await summarise_cost(db)).items():
                print(f"- {name}: {seconds * 1000 / per:.1f}")
    finally:
        await db.close()


def load_module(path: Path) -> ModuleType:
    """Another version of bot/outlets.py (e.g. ``git show 787eecf:bot/outlets.py > /tmp/outlets_old.py``)."""
    spec = importlib.util.spec_from_file_location("outlets_from_file", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--texts", choices=("eval", "generated"), default="eval")
    parser.add_argument("--postgres", action="store_true", help="also on PostgreSQL at 127.0.0.1:5432")
    parser.add_argument("--outlets-from", type=Path, help="a third series: the loader with this bot/outlets.py")
    add_analyze_flag(parser)
    args = parser.parse_args()
    read_analyze_flag(args)
    alt = load_module(args.outlets_from) if args.outlets_from else None
    texts = eval_texts() if args.texts == "eval" else generated_texts(3000, random.Random(7))
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"Machine: {platform.machine()}, nproc {os.cpu_count()}, Python {platform.python_version()}, SQLite "
          f"{sqlite3.sqlite_version}, load average at start {os.getloadavg()[0]:.2f}, "
          f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Texts: {args.texts}, {len(texts):,} distinct, "
          f"{words:.0f} words on average. {args.reps} repetitions, interleaved (order rotating).")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.stories:
            path = Path(tmp) / f"load_{n}.db"
            await bench(f"sqlite:///{path}", "SQLite (file)", n, texts, args.reps, alt)
            path.unlink()
            if args.postgres:
                await bench(await pg_url(), "PostgreSQL (127.0.0.1)", n, texts, args.reps, alt)
                await pg_url(create=False)  # nothing left behind on the shared server
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
