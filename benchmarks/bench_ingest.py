"""Ingest benchmark: the BBC News Summary set end to end, beside sumy's bare LexRank in the same run.

Run:  .venv/bin/python benchmarks/bench_ingest.py [--limit N] [--with-quotes]

Each system runs in its own child process so that peak memory (ru_maxrss) is measured per system.
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


def run_lexrank(limit: int | None) -> dict[str, float]:
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
    start = time.perf_counter()
    for r in records:
        parser = PlaintextParser.from_string(r["body"].replace("’", "'"), tokenizer)
        summarizer(parser.document, 3)
    seconds = time.perf_counter() - start
    return {"articles": len(records), "seconds": seconds, "peak_mb": peak_mb()}


def run_pipeline(limit: int | None, with_quotes: bool) -> dict[str, float]:
    """Ours: read records from a file, extract, dedupe, store (SQLite + FTS), cluster, summarise."""
    from bot.app import App, make_pipeline
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

        async def go() -> dict[str, float]:
            app = App(config=Config(), db_url=f"sqlite:///{tmp}/bench.db",
                      clock=lambda: datetime(2005, 1, 2, tzinfo=UTC))
            pipeline = await make_pipeline(app, with_quotes=with_quotes)
            start = time.perf_counter()
            report = await pipeline.ingest([str(source)], None)
            seconds = time.perf_counter() - start
            from bot.store.stories import StoryStore

            stories = len(await StoryStore(await app.db()).changed_since(None, limit=100_000))
            await app.close()
            return {"articles": len(records), "seconds": seconds, "peak_mb": peak_mb(),
                    "added": report.added, "skipped": report.unchanged + report.duplicates,
                    "problems": len(report.problems), "stories": stories}

        return asyncio.run(go())


def child(mode: str, limit: int | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", mode]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--with-quotes", action="store_true", help="also run the pipeline with quote extraction")
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
    results = {mode: child(mode, args.limit) for mode in modes}
    base = results["lexrank"]
    base_per = base["seconds"] / base["articles"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'system':<18}{'articles':>9}{'seconds':>10}{'art/s':>9}{'ms/art':>9}{'x LexRank':>11}{'peak MB':>9}")
    for mode, r in results.items():
        per = r["seconds"] / r["articles"]
        print(f"{mode:<18}{int(r['articles']):>9}{r['seconds']:>10.1f}{r['articles'] / r['seconds']:>9.1f}"
              f"{per * 1000:>9.1f}{per / base_per:>11.2f}{r['peak_mb']:>9.0f}")
    for mode, r in results.items():
        if "stories" in r:
            print(f"{mode}: {int(r['added'])} stored, {int(r['skipped'])} duplicates skipped, "
                  f"{int(r['stories'])} stories, {int(r['problems'])} problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
