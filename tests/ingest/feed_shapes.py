"""Serve invented feeds of real-world shapes on 127.0.0.1 and ingest them through the whole path (fetch, parse,
normalise, store); give back what the SQLite store then holds for each, and the ingest report's lines."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aiohttp import web
from local_site import LocalSite, serving_site

from bot.app import App, make_pipeline
from bot.clock import ManualClock
from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher

CONFIG = Config(ingest=IngestConfig(allow_private_networks=True, full_text=False, timeout_seconds=3.0,
                                    connect_timeout_seconds=2.0))


@dataclass(frozen=True)
class Stored:
    """One stored article, as a briefing would show it: ``published`` in ISO form ("" for none)."""

    title: str
    url: str
    outlet: str
    text: str
    published: str


async def ingest_served(feeds: dict[str, tuple[bytes, str]], tmp_path: Path, now: datetime,
                        later: list[list[str]] | None = None, changed: list[dict[str, tuple[bytes, str]]] | None = None,
                        ) -> tuple[dict[str, list[Stored]], list[str], str]:
    """Each feed (path: (body, Content-Type), "{base}" in a body standing for the site's address) ingested in
    one run: the articles stored from each path, in store order, the report's lines and the site's address.
    ``later``: one list of report lines per read after the first, of the same feeds from the same store (one
    pipeline, as a running bot's); ``changed``: for each such read, the feeds served differently from then on."""
    site = LocalSite()

    async def answer(request: web.Request) -> web.StreamResponse | None:
        if request.path not in feeds:
            return None
        body, content_type = feeds[request.path]
        return web.Response(body=body.replace(b"{base}", site.base.encode()),
                            headers={"Content-Type": content_type})

    db_path = tmp_path / "store.db"
    app = App(CONFIG, db_url=f"sqlite:///{db_path}", clock=ManualClock(now))
    async with serving_site(site, answer):
        try:
            async with Fetcher(CONFIG.ingest) as fetcher:
                pipeline = await make_pipeline(app, with_quotes=False)
                report = await pipeline.ingest([f"{site.base}{path}" for path in feeds], fetcher)
                for n, lines in enumerate(later or []):
                    feeds.update((changed or [])[n] if n < len(changed or []) else {})
                    again = await pipeline.ingest([f"{site.base}{path}" for path in feeds], fetcher)
                    lines += [line.replace(site.base, "{base}") for line in again.lines]
        finally:
            await app.close()
    stored: dict[str, list[Stored]] = {path: [] for path in feeds}
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for source, *row in conn.execute("SELECT source, title, url, outlet, text, published FROM articles "
                                         "ORDER BY seq"):
            published = datetime.fromisoformat(row[4]).isoformat() if row[4] else ""
            stored[source.removeprefix(site.base)].append(Stored(*row[:4], published=published))
    return stored, [line.replace(site.base, "{base}") for line in report.lines], site.base
