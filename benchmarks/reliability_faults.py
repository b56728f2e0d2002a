"""Hostile sources on a local aiohttp server, ingested in one run beside normal ones: each must be stopped
within its bound (with a clear reason) while every normal source is stored."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from aiohttp import web

from bot.app import App, make_pipeline
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher
from tests.hostile_http import LAUGHS, endless_fast, endless_trickle, gzip_bomb

HOST = "sources.test"  # resolved to 127.0.0.1 by the injected resolver, and trusted like a public host
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def feed_xml(name: str, items: int) -> bytes:
    body = "".join(
        f"<item><title>{name} report {i}</title><link>https://{name}.example/{i}</link>"
        f"<guid>{name}-{i}</guid><description>The {name} council met on day {i}. It voted to repair "
        f"the {name} bridge by spring. Residents said the works were overdue.</description></item>"
        for i in range(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>{body}'
            "</channel></rss>").encode()


EXTERNAL = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<rss version="2.0"><channel><title>x</title><item><title>&x;</title>'
            "<description>&x;</description></item></channel></rss>")


async def _silent(request: web.Request) -> web.StreamResponse:
    await asyncio.sleep(3600)  # accepts the request and never answers
    return web.Response()


def _status(code: int, headers: dict[str, str] | None = None) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(status=code, headers=headers or {}, text="busy")
    return handler


def _redirect(target: str) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(status=302, headers={"Location": target})
    return handler


def _fixed(body: str | bytes, ctype: str = "application/rss+xml") -> Handler:
    data = body.encode() if isinstance(body, str) else body

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=data, content_type=ctype)
    return handler


# name -> (handler, words the error must contain)
HOSTILE: dict[str, tuple[Handler, str]] = {
    "gzip bomb (10 GB inflated)": (gzip_bomb, "too large after decompression"),
    "billion laughs": (_fixed(LAUGHS), "entities"),
    "external entity (file:///etc/passwd)": (_fixed(EXTERNAL), "entities"),
    "never-ending response": (endless_fast, "too large"),
    "trickling response": (endless_trickle, "timed out"),
    "no answer at all": (_silent, "timed out"),
    "HTTP 429, Retry-After 1 h": (_status(429, {"Retry-After": "3600"}), "HTTP 429"),
    "HTTP 503": (_status(503), "HTTP 503"),
    "redirect to 127.0.0.1:9": (_redirect("http://127.0.0.1:9/feed.xml"), "loopback"),
    "redirect to cloud metadata": (_redirect("http://169.254.169.254/latest/meta-data/"), "metadata"),
    "redirect to IPv4-mapped IPv6 loopback": (_redirect("http://[::ffff:127.0.0.1]:9/"), "loopback"),
    "redirect to 10.0.0.1": (_redirect("http://10.0.0.1/feed.xml"), "private"),
    "redirect to file://": (_redirect("file:///etc/passwd"), "scheme"),
    "redirect loop": (_redirect("/hostile/redirect-loop.xml"), "redirect"),
}


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def build_app(normal: int) -> tuple[web.Application, dict[str, str], list[str]]:
    """The server, hostile paths by name, and ``normal`` well-behaved feed paths."""
    app = web.Application()
    hostile_paths = {}
    for name, (handler, _words) in HOSTILE.items():
        path = "/hostile/redirect-loop.xml" if name == "redirect loop" else f"/hostile/{_slug(name)}.xml"
        app.router.add_get(path, handler)
        hostile_paths[name] = path
    normal_paths = []
    for n in range(normal):
        path = f"/good/feed{n}.xml"
        app.router.add_get(path, _fixed(feed_xml(f"town{n}", 3)))
        normal_paths.append(path)
    return app, hostile_paths, normal_paths


class ServerThread:
    """The server on its own thread and event loop, so a busy hostile handler cannot slow the client's
    clock (as it would on a shared loop); ``with ServerThread(app) as port: ...``."""

    def __init__(self, app: web.Application) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        runner = web.AppRunner(self.app)
        self.loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0, shutdown_timeout=0.5)
        self.loop.run_until_complete(site.start())
        self.port = runner.addresses[0][1]
        self._ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(runner.cleanup())
        pending = asyncio.all_tasks(self.loop)  # handlers still stalling or streaming
        for task in pending:
            task.cancel()
        self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()

    def __enter__(self) -> int:
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("the fault server did not start")
        return self.port

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(30)


@dataclass
class MixedRun:
    """One ingest of every hostile source among normal ones."""

    seconds: float
    stored_normal: int  # articles stored from the normal feeds
    expected_normal: int
    reasons: dict[str, str] = field(default_factory=dict)  # hostile name -> the error it got
    unstopped: list[str] = field(default_factory=list)  # hostile sources without the expected error
    seconds_per_source: dict[str, float] = field(default_factory=dict)
    seconds_by_name: dict[str, float] = field(default_factory=dict)  # hostile sources only


async def mixed_ingest(folder: Path, *, normal: int = 6, timeout: float = 1.0, max_bytes: int = 2_000_000) -> MixedRun:
    """Ingest hostile and normal sources in one `Pipeline.ingest`, as `briefbot ingest URL...` does."""
    app, hostile_paths, normal_paths = build_app(normal)
    with ServerThread(app) as port:
        return await _mixed(folder, port, hostile_paths, normal_paths, timeout, max_bytes)


async def _mixed(folder: Path, port: int, hostile_paths: dict[str, str], normal_paths: list[str], timeout: float,
                 max_bytes: int) -> MixedRun:
    async def resolver(host: str, _port: int) -> list[str]:
        return ["127.0.0.1"] if host == HOST else []

    config = Config(ingest=IngestConfig(timeout_seconds=timeout, connect_timeout_seconds=timeout,
                                        max_bytes=max_bytes))
    base = f"http://{HOST}:{port}"
    targets = {**{name: base + p for name, p in hostile_paths.items()}, **{p: base + p for p in normal_paths}}
    order = list(targets.values())
    order.insert(0, order.pop())  # a normal feed first, so no hostile one pays the session's warm-up
    finished: dict[str, float] = {}
    start = [time.monotonic()]

    def progress(message: str, done: int, total: int) -> None:
        if message in order:
            finished.setdefault(message, time.monotonic() - start[0])

    app_ctx = App(config=config, db_url=f"sqlite:///{folder / 'faults.db'}", clock=lambda: datetime.now(UTC))
    try:
        pipeline = await make_pipeline(app_ctx, with_quotes=False)
        async with Fetcher(config.ingest, resolver=resolver, trusted_hosts=[HOST]) as fetcher:
            start[0] = time.monotonic()  # the store is open and migrated: time the sources only
            report = await pipeline.ingest(order, fetcher, progress)
        elapsed = time.monotonic() - start[0]
        stored = sum(1 for a in await pipeline.articles.get_many(report.new_ids) if "/good/" in a.source)
    finally:
        await app_ctx.close()
    # a new URL's passing failure (a timeout ...) is a kept source's warning (bot/ingest/first_read.py)
    errors = {p.input: p.reason for p in [*report.problems, *report.warnings]}
    run = MixedRun(elapsed, stored, len(normal_paths) * 3)
    previous = 0.0
    for url in order:
        run.seconds_per_source[url] = finished.get(url, elapsed) - previous
        previous = finished.get(url, elapsed)
    for name, url in targets.items():
        if name not in HOSTILE:
            continue
        reason = errors.get(url, "")
        run.reasons[name] = reason
        run.seconds_by_name[name] = run.seconds_per_source[url]
        if HOSTILE[name][1].lower() not in reason.lower():
            run.unstopped.append(name)
    return run
