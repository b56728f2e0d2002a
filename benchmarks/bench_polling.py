"""Polling benchmark: 1,000 local feeds with 100 ms latency, our Poller beside a sequential baseline.

Run:  .venv/bin/python benchmarks/bench_polling.py [--feeds 1000] [--hosts 50] [--latency 0.1]
                                                  [--concurrency 16] [--baseline-feeds 200]

The feeds are served by a child process (aiohttp on 127.0.0.1, one port per simulated host, every
response delayed by --latency, ETag/If-None-Match honoured) so the server's work does not share the
poller's event loop. Two rounds are timed for each system, each on its own fresh SQLite store:
  cold    every feed is new (one invented item each): fetch, parse, store, then refresh stories once
  steady  the same feeds again: conditional GETs answered 304 after the same latency
Ours is bot.poller.Poller at --concurrency. The baseline is Pipeline.ingest, which reads its targets
one after another; it runs on the first --baseline-feeds feeds and is extrapolated linearly to
--feeds (pass --baseline-feeds equal to --feeds to run it in full). Both use the same Fetcher
settings and a lead-sentence summariser, so the figures are about polling, not NLP.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PLACES = ["Arlen", "Bexmoor", "Calder", "Dunmere", "Eskby", "Farrow", "Glenholt", "Harwick", "Islay", "Jorvik"]
THINGS = ["ferry crossings", "bus lanes", "school meals", "library hours", "flood barriers", "tram stops",
          "market stalls", "cycle paths", "clinic beds", "park benches"]
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def feed_body(n: int) -> bytes:
    """One invented RSS item per feed, different text for every n."""
    place, thing = PLACES[n % 10], THINGS[(n // 10) % 10]
    text = (f"The council of {place} approved {n + 3} new {thing} on Tuesday after a vote of {n % 17 + 5} "
            f"to {n % 5}. Officials said the work on item {n} would begin in spring. "
            f"Residents had asked for the {thing} in a petition signed by {100 + 7 * n} people.")
    when = format_datetime(START - timedelta(minutes=n % 600), usegmt=True)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>http://bench.example/</link><description>bench</description><item>"
            f"<title>{place} {thing} {n}</title><link>http://bench.example/{n}</link><guid>bench-{n}</guid>"
            f"<pubDate>{when}</pubDate><description>{text}</description></item></channel></rss>").encode()


async def serve(hosts: int, latency: float) -> None:
    """Child process: serve /f{n}.xml on ``hosts`` ports; print the ports; stop when stdin closes."""
    from aiohttp import web

    async def handle(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        name = request.match_info["name"]
        body = feed_body(int(name))
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"ETag": etag}, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/f{name:\\d+}.xml", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    ports = []
    for _ in range(hosts):
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=2048)
        await site.start()
        ports.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
    print(json.dumps({"ports": ports}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


class _Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


async def run_system(name: str, urls: Sequence[str], concurrency: int, workdir: Path) -> dict[str, float]:
    """Both rounds on a fresh store: ``ours`` through the Poller, ``baseline`` through Pipeline.ingest."""
    from bot.config import Config, IngestConfig, SchedulerConfig
    from bot.ingest.fetch import Fetcher
    from bot.models import Article, SummarySentence
    from bot.pipeline import Pipeline
    from bot.poller import Poller
    from bot.store.db import Database

    class Lead:
        def summarise(self, articles: Sequence[Article], sentences: int) -> tuple[SummarySentence, ...]:
            s = articles[0].sentences[0]
            return (SummarySentence(s.text, articles[0].id, s.index, s.start, s.end),)

    class TimedPipeline(Pipeline):
        """Pipeline that notes how long storing results and refresh_stories (clustering + summaries) took."""

        refresh_seconds = 0.0
        store_seconds = 0.0

        async def store_result(self, result: Any, report: Any) -> None:
            started = time.perf_counter()
            try:
                await super().store_result(result, report)
            finally:
                self.store_seconds += time.perf_counter() - started

        async def refresh_stories(self, article_ids: Sequence[str], progress: Any = None) -> set[str]:
            started = time.perf_counter()
            try:
                return await super().refresh_stories(article_ids, progress)
            finally:
                self.refresh_seconds += time.perf_counter() - started

    ingest = IngestConfig(allow_private_networks=True)
    config = Config(ingest=ingest, scheduler=SchedulerConfig(poll_jitter_seconds=0))
    clock = _Clock()
    db = await Database.open(f"sqlite:///{workdir / (name + '.db')}")
    pipeline = TimedPipeline(db, config, clock, Lead())
    out: dict[str, float] = {"feeds": len(urls)}
    try:
        for url in urls:
            await pipeline.sources.ensure(url, kind="feed", now=clock())
        async with Fetcher(ingest) as fetcher:
            poller = Poller(pipeline, fetcher, pipeline.sources, config.scheduler, clock,
                            concurrency=concurrency, rng=random.Random(1))
            for round_name in ("cold", "steady"):
                pipeline.refresh_seconds = pipeline.store_seconds = 0.0
                started = time.perf_counter()
                if name == "ours":
                    result = await poller.poll_due()
                    ok, added, unmodified = result.ok, result.added, result.not_modified
                else:
                    report = await pipeline.ingest(list(urls), fetcher)
                    ok, added = len(urls) - len(report.problems), report.added
                    unmodified = sum(1 for line in report.lines if "not modified" in line)
                out[round_name] = time.perf_counter() - started
                out[round_name + "_refresh"] = pipeline.refresh_seconds
                out[round_name + "_store"] = pipeline.store_seconds
                out[round_name + "_ok"], out[round_name + "_added"] = ok, added
                out[round_name + "_304"] = unmodified
                clock.now += timedelta(minutes=31)
    finally:
        await db.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=50, help="ports on 127.0.0.1, each one a host")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds before every response")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--baseline-feeds", type=int, default=200)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.hosts, args.latency))
        return 0

    load = os.getloadavg()
    child = subprocess.Popen([sys.executable, __file__, "--serve", "--hosts", str(args.hosts),
                              "--latency", str(args.latency)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    try:
        assert child.stdout is not None
        ports = json.loads(child.stdout.readline())["ports"]
        urls = [f"http://127.0.0.1:{ports[n % len(ports)]}/f{n}.xml" for n in range(args.feeds)]
        with tempfile.TemporaryDirectory() as tmp:
            ours = asyncio.run(run_system("ours", urls, args.concurrency, Path(tmp)))
            base = asyncio.run(run_system("baseline", urls[: args.baseline_feeds], 1, Path(tmp)))
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=10)

    scale = args.feeds / args.baseline_feeds
    ideal = args.feeds * args.latency / args.concurrency
    print(f"machine: nproc={os.cpu_count()} python={platform.python_version()} {platform.machine()} "
          f"measured {datetime.now(UTC):%Y-%m-%d}")
    print(f"{args.feeds} feeds on {args.hosts} hosts (ports), {args.latency * 1000:g} ms latency, "
          f"concurrency {args.concurrency}; baseline measured on {args.baseline_feeds} feeds"
          + (f", extrapolated x{scale:g}" if scale != 1 else ""))
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("| round | ideal s | ours s | ours/ideal | ours: in store_result s | ours: in refresh_stories s "
          "| baseline s (measured) | baseline s (all feeds) | baseline/ours | ours ok/added/304 "
          "| baseline ok/added/304 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in ("cold", "steady"):
        full = base[r] * scale
        print(f"| {r} | {ideal:.2f} | {ours[r]:.2f} | {ours[r] / ideal:.2f} | {ours[r + '_store']:.2f} | "
              f"{ours[r + '_refresh']:.2f} | "
              f"{base[r]:.2f} | {full:.1f} | {full / ours[r]:.1f} | "
              f"{ours[r + '_ok']:.0f}/{ours[r + '_added']:.0f}/{ours[r + '_304']:.0f} | "
              f"{base[r + '_ok']:.0f}/{base[r + '_added']:.0f}/{base[r + '_304']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
