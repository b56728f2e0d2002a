"""Ingest benchmark: the BBC News Summary set end to end, beside sumy's bare LexRank in the same run.

Run:  .venv/bin/python benchmarks/bench_ingest.py [--limit N] [--with-quotes] [--repeat N]

Each system runs in its own child process so that peak memory (ru_maxrss) is measured per system.
Our pipeline's time is also split by stage (wall time around its collaborators: extraction, storage,
clustering, summarising; the rest is story bookkeeping), each stage beside the LexRank baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "eval" / "summaries" / "bbc_news_summary" / "bbc_news_summary.jsonl"


def load_records(limit: int | None) -> list[dict[str, str]]:
    records = []
    with BBC.open(encoding="utf-8") as fh:
        for line in fh:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cpu_seconds() -> float:
    """CPU time of this process, all its threads: less sensitive than wall time to a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_lexrank(limit: int | None) -> dict[str, Any]:
    """The baseline: sumy LexRank, 3 sentences, on each article's text, nothing else."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from bot.nlp.sumy_tokenizer import SumyTokenizer

    records = load_records(limit)
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = SumyTokenizer()
    start, cpu = time.perf_counter(), cpu_seconds()
    for r in records:
        parser = PlaintextParser.from_string(r["body"].replace("’", "'"), tokenizer)
        summarizer(parser.document, 3)
    seconds = time.perf_counter() - start
    return {"articles": len(records), "seconds": seconds, "cpu": cpu_seconds() - cpu, "peak_mb": peak_mb()}


class StageClock:
    """Wall time per stage, summed: the pipeline's own collaborators wrapped, nothing else changed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, since: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - since


def timed_pipeline(app: Any, clock: StageClock, with_quotes: bool) -> Any:
    """The default pipeline, with extraction, storage, clustering and summarising each timed."""
    import bot.pipeline as pipeline_module
    from bot.app import make_pipeline
    from bot.nlp.cluster import StoryClusterer

    names = vars(pipeline_module)  # the names bot.pipeline looks up when it runs
    read_source = names["read_source"]

    async def timed_read(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await read_source(*args, **kwargs)
        finally:
            clock.add("extraction (read_source)", start)

    class TimedClusterer(StoryClusterer):
        def add(self, article: Any) -> str:
            start = time.perf_counter()
            try:
                return super().add(article)
            finally:
                clock.add("clustering (StoryClusterer.add)", start)

    class TimedSummariser:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def summarise(self, articles: Any, sentences: int) -> Any:
            start = time.perf_counter()
            try:
                return self.inner.summarise(articles, sentences)
            finally:
                clock.add("summarising (Summariser.summarise)", start)

    async def go() -> Any:
        pipeline = await make_pipeline(app, with_quotes=with_quotes)
        pipeline.summariser = TimedSummariser(pipeline.summariser)
        store_result = pipeline.store_result

        async def timed_store(result: Any, report: Any) -> None:
            start = time.perf_counter()
            try:
                await store_result(result, report)
            finally:
                clock.add("storage (dedupe, rows, FTS)", start)

        pipeline.store_result = timed_store  # type: ignore[method-assign]
        return pipeline

    names["read_source"] = timed_read
    names["StoryClusterer"] = TimedClusterer
    return go()


def run_pipeline(limit: int | None, with_quotes: bool) -> dict[str, Any]:
    """Ours: read records from a file, extract, dedupe, store (SQLite + FTS), cluster, summarise."""
    from bot.app import App
    from bot.config import Config

    records = load_records(limit)
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as tmp:
        source = Path(tmp) / "bbc.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps({
                    "title": r["title"], "text": r["body"], "outlet": "BBC News",
                    "url": f"https://bbc.example/{r['id']}", "published": "2005-01-01T00:00:00+00:00",
                }) + "\n")

        async def go() -> dict[str, Any]:
            app = App(config=Config(), db_url=f"sqlite:///{tmp}/bench.db",
                      clock=lambda: datetime(2005, 1, 2, tzinfo=UTC))
            clock = StageClock()
            pipeline = await timed_pipeline(app, clock, with_quotes)
            start, cpu = time.perf_counter(), cpu_seconds()
            report = await pipeline.ingest([str(source)], None)
            seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
            from bot.store.stories import StoryStore

            stories = len(await StoryStore(await app.db()).changed_since(None, limit=100_000))
            await app.close()
            clock.seconds["other (story bookkeeping: loads, profiles, summaries saved)"] = (
                seconds - sum(clock.seconds.values()))
            return {"articles": len(records), "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb(),
                    "added": report.added, "skipped": report.unchanged + report.duplicates,
                    "problems": len(report.problems), "stories": stories, "stages": clock.seconds}

        return asyncio.run(go())


def child(mode: str, limit: int | None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--with-quotes", action="store_true", help="also run the pipeline with quote extraction")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the systems in turn this many times and keep each one's fastest run "
                             "(the machine is shared: this filters out other load)")
    parser.add_argument("--child", choices=("lexrank", "pipeline", "pipeline+quotes"), default=None)
    args = parser.parse_args()
    if args.child:
        if args.child == "lexrank":
            result = run_lexrank(args.limit)
        else:
            result = run_pipeline(args.limit, with_quotes=args.child == "pipeline+quotes")
        print(json.dumps(result))
        return 0
    if not BBC.exists():
        print(f"no data at {BBC}", file=sys.stderr)
        return 2
    modes = ["lexrank", "pipeline"] + (["pipeline+quotes"] if args.with_quotes else [])
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    for _ in range(max(1, args.repeat)):
        for mode in modes:  # in turn, so a burst of other load hits every system alike
            runs[mode].append(child(mode, args.limit))
    results = {mode: min(rs, key=lambda r: float(r["seconds"])) for mode, rs in runs.items()}
    base = results["lexrank"]
    base_per, base_cpu = base["seconds"] / base["articles"], base["cpu"] / base["articles"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    if args.repeat > 1:
        for mode, rs in runs.items():
            times = ", ".join(f"{r['seconds']:.1f}" for r in rs)
            print(f"{mode} runs (s): {times}; fastest kept")
    print(f"{'system':<18}{'articles':>9}{'seconds':>10}{'art/s':>9}{'ms/art':>9}{'x LexRank':>11}"
          f"{'cpu ms/art':>12}{'x LexRank':>11}{'peak MB':>9}")
    for mode, r in results.items():
        per, cpu = r["seconds"] / r["articles"], r["cpu"] / r["articles"]
        print(f"{mode:<18}{int(r['articles']):>9}{r['seconds']:>10.1f}{r['articles'] / r['seconds']:>9.1f}"
              f"{per * 1000:>9.1f}{per / base_per:>11.2f}{cpu * 1000:>12.1f}{cpu / base_cpu:>11.2f}"
              f"{r['peak_mb']:>9.0f}")
    for mode, r in results.items():
        if "stories" in r:
            print(f"{mode}: {int(r['added'])} stored, {int(r['skipped'])} duplicates skipped, "
                  f"{int(r['stories'])} stories, {int(r['problems'])} problems")
            print(f"  {'stage (wall time)':<62}{'ms/art':>8}{'x LexRank':>11}{'share':>8}")
            for stage, sec in r["stages"].items():
                stage_per = sec / r["articles"]
                print(f"  {stage:<62}{stage_per * 1000:>8.2f}{stage_per / base_per:>11.2f}"
                      f"{sec / r['seconds']:>8.0%}")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
