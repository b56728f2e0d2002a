"""A local outlet on 127.0.0.1 for the ingest tests: it counts every request and answers 503 for the paths set down."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from aiohttp import web
from ingest_server import serving


@dataclass
class LocalSite:
    """What every local outlet keeps: its port once served, each path asked for, the paths that are down."""

    port: int = 0
    requests: list[str] = field(default_factory=list)
    down: set[str] = field(default_factory=set)  # paths answered 503 for now

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def hits(self, path: str) -> int:
        return self.requests.count(path)


Site = TypeVar("Site", bound=LocalSite)
Answer = Callable[[web.Request], Awaitable[web.StreamResponse | None]]


@asynccontextmanager
async def serving_site(site: Site, answer: Answer) -> AsyncIterator[Site]:
    """Serve ``site`` on a free port of 127.0.0.1 until the block ends: every GET is counted in ``site.requests``,
    one for a path in ``site.down`` is answered 503, any other by ``answer``, or 404 where that gives None."""

    async def handle(request: web.Request) -> web.StreamResponse:
        site.requests.append(request.path)
        if request.path in site.down:
            return web.Response(status=503, text="try later")
        answered = await answer(request)
        return web.Response(status=404, text="not here") if answered is None else answered

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    async with serving(app) as port:
        site.port = port
        yield site
