"""Polling benchmark: 1,000 local feeds with 100 ms latency, our Poller beside a sequential baseline.

Run:  .venv/bin/python benchmarks/bench_polling.py [--feeds 1000] [--hosts 50] [--latency 0.1]
                                                  [--concurrency 16] [--baseline-feeds 200] [--full-text]

The feeds are served by a child process (aiohttp on 127.0.0.1, one port per simulated host, every
response delayed by --latency, ETag/If-None-Match honoured) so the server's work does not share the
poller's event loop. Two rounds are timed for each system, each on its own fresh SQLite store:
  cold    every feed is new (one invented item each): fetch, parse, store, then refresh stories once
  steady  the same feeds again: conditional GETs answered 304 after the same latency
Ours is bot.poller.Poller at --concurrency. The baseline is Pipeline.ingest, which reads its targets
one after another; it runs on the first --baseline-feeds feeds and is extrapolated linearly to
--feeds (pass --baseline-feeds equal to --feeds to run it in full). Both use the same Fetcher
settings and a lead-sentence summariser, so the figures are about polling, not NLP.

--full-text also measures teaser completion (bot/ingest/full_text.py), which `briefbot run` has on by
default. The server then also serves, on every host port, an invented article page per item (/a{n}.html:
nav, cookie notice and footer junk around ~400 words of invented text that holds the item's title words)
and a /robots.txt (everything allowed but /private/), and each feed's item links to its page on the feed's
own host. The items are dated within 10 hours before START, the pipeline clock's start, so all of them are
recent enough to be completed. A third system, ours+full text, is the same Poller and Fetcher with the
Pipeline given FullText + RobotsRules exactly as bot.app.make_full_text builds them; "ours" (no completion)
and the baseline run on the same feeds. The server counts the requests it answers (feeds 200/304, pages,
robots.txt); the script checks that the cold round asks each host's robots.txt once and fetches one page
per item, and that the steady round fetches no page again (exit status 1 otherwise).
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
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PLACES = ["Arlen", "Bexmoor", "Calder", "Dunmere", "Eskby", "Farrow", "Glenholt", "Harwick", "Islay", "Jorvik"]
THINGS = ["ferry crossings", "bus lanes", "school meals", "library hours", "flood barriers", "tram stops",
          "market stalls", "cycle paths", "clinic beds", "park benches"]
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def feed_body(n: int, host: str | None = None) -> bytes:
    """One invented RSS item per feed, different text for every n; with ``host`` it links to its page there."""
    place, thing = PLACES[n % 10], THINGS[(n // 10) % 10]
    text = (f"The council of {place} approved {n + 3} new {thing} on Tuesday after a vote of {n % 17 + 5} "
            f"to {n % 5}. Officials said the work on item {n} would begin in spring. "
            f"Residents had asked for the {thing} in a petition signed by {100 + 7 * n} people.")
    when = format_datetime(START - timedelta(minutes=n % 600), usegmt=True)
    link = f"http://{host}/a{n}.html" if host else f"http://bench.example/{n}"
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>http://bench.example/</link><description>bench</description><item>"
            f"<title>{place} {thing} {n}</title><link>{link}</link><guid>bench-{n}</guid>"
            f"<pubDate>{when}</pubDate><description>{text}</description></item></channel></rss>").encode()


# Invented sentences for the article pages; {p} the item's place, {t} its thing, {o} another place, {a}..{d}
# numbers that depend on n. Each page takes all of them in an order that depends on n (~400 words).
PAGE_SENTENCES = [
    "The council of {p} approved {a} new {t} on Tuesday evening after a long debate in the town hall.",
    "Councillors voted {b} to {c} in favour of the plan, which had been delayed twice since last winter.",
    "The {t} will be built in three phases, starting with the streets closest to the old harbour in {p}.",
    "Officials said the first phase would cost about {d} thousand crowns and should be finished by late spring.",
    "Residents had asked for the {t} in a petition signed by {e} people and delivered to the mayor in March.",
    "A spokesperson for the council said the plan had been changed after comments from shop owners.",
    "The nearby town of {o} approved a similar scheme two years ago and reported fewer complaints since then.",
    "Opponents of the plan in {p} argued that the money would be better spent on repairing existing roads.",
    "One councillor said the vote showed that the town could still agree on practical improvements.",
    "Engineers will survey the sites next month, and work is expected to begin once the survey is complete.",
    "The council said it would publish a timetable for each phase on its website and at the library.",
    "Local businesses will be consulted again before the second phase, which covers the market square.",
    "The regional transport office has offered to share the cost of the {t} nearest to the station.",
    "A public meeting about the plan will be held in the school hall of {p} on the first Monday of next month.",
    "The mayor thanked the residents who had organised the petition and said their work had made a difference.",
    "Figures released with the plan show that use of the existing {t} rose by {f} percent over the last year.",
    "Critics said the consultation had been too short and that older residents had not been asked enough.",
    "The council replied that it had held {g} meetings and received more than {h} written comments.",
    "The plan also includes new lighting and benches along the route between {p} and {o}.",
    "Contractors will be chosen in an open tender, and the council expects several bids from the region.",
    "The final phase depends on a grant from the national fund, which will be decided in the autumn.",
    "If the grant is refused, the council said it would look for savings elsewhere in its budget.",
    "Councillors agreed to review the project after the first phase and to report back to residents.",
    "The item was number {n} on the agenda and took most of the evening, the clerk of the council said.",
]


def page_body(n: int) -> bytes:
    """An invented article page for item n: its title words in ~400 words of text, inside nav/footer junk."""
    place, thing = PLACES[n % 10], THINGS[(n // 10) % 10]
    other = PLACES[(n + 3) % 10]
    values = {"p": place, "t": thing, "o": other, "n": n, "a": n + 3, "b": n % 17 + 5, "c": n % 5,
              "d": 40 + n % 400, "e": 100 + 7 * n, "f": 3 + n % 29, "g": 2 + n % 9, "h": 50 + n % 700}
    order = sorted(range(len(PAGE_SENTENCES)), key=lambda i: (i * 7 + n) % len(PAGE_SENTENCES))
    sentences = [PAGE_SENTENCES[i].format(**values) for i in order]
    paragraphs = "".join("<p>" + " ".join(sentences[i:i + 3]) + "</p>\n" for i in range(0, len(sentences), 3))
    title = f"{place} {thing} {n}"
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} - Bench Gazette"
            f"</title></head><body>\n<header><nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a> "
            f"<a href=\"/sport\">Sport</a> <a href=\"/weather\">Weather</a> <a href=\"/login\">Sign in</a>"
            f"</nav></header>\n<div class=\"cookie-banner\">We use cookies to improve your experience. "
            f"<button>Accept</button></div>\n<main><article><h1>{title}</h1>\n"
            f"<p class=\"byline\">By the Bench Gazette staff</p>\n{paragraphs}</article>\n"
            f"<aside><h2>Most read</h2><ul><li><a href=\"/a{n + 1}.html\">More local news</a></li>"
            f"<li><a href=\"/weather\">Weather this week</a></li></ul></aside></main>\n"
            f"<footer>Subscribe to our newsletter. Contact us. Privacy policy. Copyright Bench Gazette."
            f"</footer></body></html>").encode()


ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"


async def serve(hosts: int, latency: float, full_text: bool = False) -> None:
    """Child process: serve /f{n}.xml on ``hosts`` ports (and /a{n}.html, /robots.txt with ``full_text``);
    /_stats (no latency) gives the request counts so far; print the ports; stop when stdin closes."""
    from aiohttp import web

    counts = {"feed_200": 0, "feed_304": 0, "page": 0, "robots": 0}

    async def handle(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        name = request.match_info["name"]
        body = feed_body(int(name), request.host if full_text else None)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            counts["feed_304"] += 1
            return web.Response(status=304, headers={"ETag": etag})
        counts["feed_200"] += 1
        return web.Response(body=body, headers={"ETag": etag}, content_type="application/rss+xml")

    async def page(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        counts["page"] += 1
        return web.Response(body=page_body(int(request.match_info["name"])), content_type="text/html",
                            charset="utf-8")

    async def robots(request: web.Request) -> web.Response:
        await asyncio.sleep(latency)
        counts["robots"] += 1
        return web.Response(text=ROBOTS_TXT, content_type="text/plain")

    async def stats(request: web.Request) -> web.Response:
        return web.json_response(counts)

    app = web.Application()
    app.router.add_get("/f{name:\\d+}.xml", handle)
    app.router.add_get("/_stats", stats)
    if full_text:
        app.router.add_get("/a{name:\\d+}.html", page)
        app.router.add_get("/robots.txt", robots)
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


P = ParamSpec("P")
R = TypeVar("R")
Stats = Callable[[], Awaitable[dict[str, int]]]


def _timed(fn: Callable[P, R], totals: dict[str, float], key: str) -> Callable[P, R]:
    """``fn`` adding its wall time to ``totals[key]`` (for synchronous, CPU-bound calls)."""
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[key] = totals.get(key, 0.0) + time.perf_counter() - started
    return wrapper


async def run_system(name: str, urls: Sequence[str], concurrency: int, workdir: Path,
                     stats: Stats | None = None) -> dict[str, float]:
    """Both rounds on a fresh store: ``ours`` through the Poller, ``baseline`` through Pipeline.ingest,
    ``ours+full text`` through the Poller with teaser completion as bot.app.make_full_text sets it up."""
    import sqlalchemy as sa

    import bot.ingest.full_text as full_text_module
    from bot.app import App, make_full_text
    from bot.config import Config, IngestConfig, SchedulerConfig
    from bot.ingest.fetch import Fetcher
    from bot.ingest.full_text import word_count
    from bot.models import Article, SummarySentence
    from bot.pipeline import Pipeline
    from bot.poller import Poller
    from bot.store.db import Database
    from bot.store.schema import articles as articles_table

    class Lead:
        def summarise(self, articles: Sequence[Article], sentences: int) -> tuple[SummarySentence, ...]:
            s = articles[0].sentences[0]
            return (SummarySentence(s.text, articles[0].id, s.index, s.start, s.end),)

    class TimedPipeline(Pipeline):
        """Pipeline that notes how long storing results and refresh_stories (clustering + summaries) took."""

        refresh_seconds = 0.0
        store_seconds = 0.0
        problems = 0

        async def store_result(self, result: Any, report: Any) -> None:
            started = time.perf_counter()
            self.problems += len(result.problems)
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
    db_url = f"sqlite:///{workdir / (name.replace('+', '_').replace(' ', '_') + '.db')}"
    db = await Database.open(db_url)
    full_text = make_full_text(App(config, db_url=db_url, clock=clock)) if name == "ours+full text" else None
    if name == "ours+full text" and (full_text is None or full_text.robots is None):
        raise SystemExit("make_full_text gave no FullText with RobotsRules: is ingest.full_text off?")
    pipeline = TimedPipeline(db, config, clock, Lead(), full_text=full_text)
    out: dict[str, float] = {"feeds": len(urls)}
    cpu: dict[str, float] = {}
    patched = {key: getattr(full_text_module, key) for key in ("parse_page", "build_article")}
    for key, fn in patched.items():  # timed where FullText calls them: CPU spent on the loop per page
        setattr(full_text_module, key, _timed(fn, cpu, key))
    try:
        for url in urls:
            await pipeline.sources.ensure(url, kind="feed", now=clock())
        async with Fetcher(ingest) as fetcher:
            poller = Poller(pipeline, fetcher, pipeline.sources, config.scheduler, clock,
                            concurrency=concurrency, rng=random.Random(1))
            for round_name in ("cold", "steady"):
                pipeline.refresh_seconds = pipeline.store_seconds = 0.0
                pipeline.problems = 0
                cpu.clear()
                before = await stats() if stats else {}
                started = time.perf_counter()
                if name != "baseline":
                    result = await poller.poll_due()
                    ok, added, unmodified = result.ok, result.added, result.not_modified
                else:
                    report = await pipeline.ingest(list(urls), fetcher)
                    kept_failing = len(report.warnings)  # new sources that failed for now, kept
                    ok, added = len(urls) - len(report.problems) - kept_failing, report.added
                    unmodified = sum(1 for line in report.lines if "not modified" in line)
                out[round_name] = time.perf_counter() - started
                after = await stats() if stats else {}
                for key, value in after.items():
                    out[f"{round_name}_req_{key}"] = value - before.get(key, 0)
                out[round_name + "_refresh"] = pipeline.refresh_seconds
                out[round_name + "_store"] = pipeline.store_seconds
                out[round_name + "_ok"], out[round_name + "_added"] = ok, added
                out[round_name + "_304"] = unmodified
                out[round_name + "_problems"] = pipeline.problems
                out[round_name + "_parse_page"] = cpu.get("parse_page", 0.0)
                out[round_name + "_build_article"] = cpu.get("build_article", 0.0)
                clock.now += timedelta(minutes=31)
        async with db.connect() as conn:
            texts = [str(t) for t in (await conn.execute(sa.select(articles_table.c.text))).scalars()]
        words = [word_count(t) for t in texts]
        out["stored"] = len(texts)
        out["stored_words"] = sum(words) / max(len(words), 1)
        out["stored_chars"] = sum(len(t) for t in texts) / max(len(texts), 1)
        out["stored_full"] = sum(1 for w in words if w >= ingest.full_text_min_words)
    finally:
        for key, fn in patched.items():
            setattr(full_text_module, key, fn)
        await db.close()
    return out


def _fetch_stats(port: int) -> Stats:
    """The child server's request counts, read from its /_stats (answered at once, not counted)."""
    import urllib.request

    def read() -> dict[str, int]:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stats", timeout=10) as resp:
            return {str(k): int(v) for k, v in json.loads(resp.read()).items()}

    async def stats() -> dict[str, int]:
        return await asyncio.to_thread(read)
    return stats


def report_full_text(ours: dict[str, float], full: dict[str, float], hosts: int, latency: float,
                     concurrency: int) -> list[str]:
    """Print the completion table and its checks; return the checks that failed."""
    feeds = full["feeds"]
    per_host = -(-feeds // hosts)  # the busiest host's feeds; its requests are strictly one after another
    ideal = {"cold": max((2 * per_host + 1) * latency, (2 * feeds + min(hosts, feeds)) * latency / concurrency),
             "steady": max(per_host * latency, feeds * latency / concurrency)}
    print()
    print("teaser completion: ours (no completion) against ours+full text, same feeds, same run; ideal = "
          "every request (feeds, pages, one robots.txt per host) at the latency, fetch slots always busy")
    print("| round | ideal s (+full text) | ours s | ours+full text s | +full text / ideal | added s "
          "| added ms / page fetched | pages fetched | robots.txt requests | feeds 200/304 | ours+full text ok/added "
          "| in store_result s (ours / +full text) | in refresh_stories s (ours / +full text) "
          "| parse_page + build_article CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in ("cold", "steady"):
        pages = full[f"{r}_req_page"]
        added = full[r] - ours[r]
        per_page = f"{added / pages * 1000:.1f}" if pages else "-"
        print(f"| {r} | {ideal[r]:.2f} | {ours[r]:.2f} | {full[r]:.2f} | {full[r] / ideal[r]:.2f} | {added:+.2f} | "
              f"{per_page} | {pages:.0f} | "
              f"{full[f'{r}_req_robots']:.0f} | {full[f'{r}_req_feed_200']:.0f}/{full[f'{r}_req_feed_304']:.0f} | "
              f"{full[r + '_ok']:.0f}/{full[r + '_added']:.0f} | {ours[r + '_store']:.2f} / {full[r + '_store']:.2f} | "
              f"{ours[r + '_refresh']:.2f} / {full[r + '_refresh']:.2f} | "
              f"{full[r + '_parse_page']:.2f} + {full[r + '_build_article']:.2f} |")
    print(f"stored text per article: ours {ours['stored_words']:.0f} words ({ours['stored_chars']:.0f} chars, "
          f"the teaser); ours+full text {full['stored_words']:.0f} words ({full['stored_chars']:.0f} chars); "
          f"{full['stored_full']:.0f} of {full['stored']:.0f} stored articles hold at least 150 words")
    pages = full["cold_req_page"]
    if pages:
        print(f"CPU per completed page (cold): parse_page (trafilatura) "
              f"{full['cold_parse_page'] / pages * 1000:.1f} ms, "
              f"build_article {full['cold_build_article'] / pages * 1000:.1f} ms; "
              f"problems noted: cold {full['cold_problems']:.0f}, steady {full['steady_problems']:.0f}")
    failed = []
    if full["cold_req_robots"] != min(hosts, feeds):
        failed.append(f"cold robots.txt requests {full['cold_req_robots']:.0f} != hosts {min(hosts, feeds):.0f}")
    if full["cold_req_page"] != feeds or full["stored_full"] != feeds:
        failed.append(f"cold pages {full['cold_req_page']:.0f} / completed {full['stored_full']:.0f} != {feeds:.0f}")
    if full["steady_req_page"] or full["steady_req_robots"]:
        failed.append(f"steady round fetched {full['steady_req_page']:.0f} pages and "
                      f"{full['steady_req_robots']:.0f} robots.txt again")
    if ours["cold_req_page"] or ours["steady_req_page"] or ours["cold_req_robots"]:
        failed.append("ours without completion fetched pages or robots.txt")
    print("checks: " + ("ok (one robots.txt per host, one page per item, no page fetched in the steady round)"
                        if not failed else "FAILED: " + "; ".join(failed)))
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=50, help="ports on 127.0.0.1, each one a host")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds before every response")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--baseline-feeds", type=int, default=200)
    parser.add_argument("--full-text", action="store_true",
                        help="serve article pages and robots.txt too, and time the Poller with teaser completion")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.hosts, args.latency, args.full_text))
        return 0

    load = os.getloadavg()
    child = subprocess.Popen([sys.executable, __file__, "--serve", "--hosts", str(args.hosts),
                              "--latency", str(args.latency)] + (["--full-text"] if args.full_text else []),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    full: dict[str, float] = {}
    try:
        assert child.stdout is not None
        ports = json.loads(child.stdout.readline())["ports"]
        urls = [f"http://127.0.0.1:{ports[n % len(ports)]}/f{n}.xml" for n in range(args.feeds)]
        stats = _fetch_stats(ports[0])
        with tempfile.TemporaryDirectory() as tmp:
            ours = asyncio.run(run_system("ours", urls, args.concurrency, Path(tmp), stats))
            if args.full_text:
                full = asyncio.run(run_system("ours+full text", urls, args.concurrency, Path(tmp), stats))
            base = asyncio.run(run_system("baseline", urls[: args.baseline_feeds], 1, Path(tmp)))
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=10)
    load_after = os.getloadavg()

    scale = args.feeds / args.baseline_feeds
    ideal = args.feeds * args.latency / args.concurrency
    print(f"machine: nproc={os.cpu_count()} python={platform.python_version()} {platform.machine()} "
          f"measured {datetime.now(UTC):%Y-%m-%d}")
    print(f"{args.feeds} feeds on {args.hosts} hosts (ports), {args.latency * 1000:g} ms latency, "
          f"concurrency {args.concurrency}; baseline measured on {args.baseline_feeds} feeds"
          + (f", extrapolated x{scale:g}" if scale != 1 else ""))
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
          + (f"; after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}" if args.full_text else ""))
    print("| round | ideal s | ours s | ours/ideal | ours: in store_result s | ours: in refresh_stories s "
          "| baseline s (measured) | baseline s (all feeds) | baseline/ours | ours ok/added/304 "
          "| baseline ok/added/304 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in ("cold", "steady"):
        full_base = base[r] * scale
        print(f"| {r} | {ideal:.2f} | {ours[r]:.2f} | {ours[r] / ideal:.2f} | {ours[r + '_store']:.2f} | "
              f"{ours[r + '_refresh']:.2f} | "
              f"{base[r]:.2f} | {full_base:.1f} | {full_base / ours[r]:.1f} | "
              f"{ours[r + '_ok']:.0f}/{ours[r + '_added']:.0f}/{ours[r + '_304']:.0f} | "
              f"{base[r + '_ok']:.0f}/{base[r + '_added']:.0f}/{base[r + '_304']:.0f} |")
    if args.full_text and report_full_text(ours, full, args.hosts, args.latency, args.concurrency):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
