"""A stored article corrected at its source (the wrong bridge, the wrong cause) is clustered by its corrected text:
its story's profile loses the first version's terms and takes the new ones, so a later report of the corrected
event joins that story rather than starting one of its own; the profile's size, articles and outlets stay right."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web
from ingest_server import serving

from bot.config import Config, IngestConfig
from bot.ingest.fetch import Fetcher
from bot.models import Article, SummarySentence
from bot.pipeline import Pipeline
from bot.store.db import Database
from tests import pg

NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
FIRST = ("Flooding closes Ostrel bridge as river Dunmere bursts its banks",
         "The Ostrel bridge was closed on Tuesday after the river Dunmere burst its banks and flooded the approach "
         "roads, the county council said. Floodwater reached the bridge deck overnight and sandbags were laid along "
         "the riverside. Engineers will check the bridge piers for flood damage once the river Dunmere falls.")
CORRECTED = ("Landslide closes Hallin viaduct on the Skerrow mountain railway",
             "Correction: an earlier version of this article misnamed the structure and the cause. A landslide "
             "closed the Hallin viaduct on the Skerrow mountain railway on Tuesday, the railway operator said. "
             "Rocks and mud from the slope above the viaduct buried the track near Skerrow halt. Geologists will "
             "survey the unstable slope before trains cross the Hallin viaduct again.")
LATER = ("Hallin viaduct to stay shut for weeks after Skerrow landslide",
         "The Hallin viaduct on the Skerrow mountain railway will stay shut for weeks after Tuesday's landslide, "
         "the railway operator said. Geologists surveying the slope above the viaduct found more loose rock and mud "
         "near Skerrow halt, and trains are replaced by buses.")


@dataclass
class _Site:
    port: int = 0
    feeds: dict[str, tuple[str, list[tuple[str, str, str, int]]]] = field(default_factory=dict)

    def app(self) -> web.Application:
        async def feed(request: web.Request) -> web.StreamResponse:
            name, items = self.feeds.get(request.match_info["name"], ("", []))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>' + "".join(
                f"<item><guid>{guid}</guid><title>{title}</title><link>http://127.0.0.1:{self.port}/{guid}</link>"
                f"<pubDate>{format_datetime(NOW - timedelta(hours=hours))}</pubDate>"
                f"<description>{text}</description></item>" for guid, title, text, hours in items)
            body += "</channel></rss>"
            return web.Response(body=body.encode(), headers={"Content-Type": "application/rss+xml"})

        app = web.Application()
        app.router.add_get("/{name}.xml", feed)
        return app


class _FirstSentences:
    def summarise(self, articles: list[Article], sentences: int) -> tuple[SummarySentence, ...]:
        first = articles[0].sentences[0]
        return (SummarySentence(first.text, articles[0].id, 0, first.start, first.end),)


async def _stories(db: Database) -> tuple[list[tuple[str, str]], dict[str, dict[str, object]]]:
    async with db.connect() as conn:
        rows = (await conn.execute(sa.text("SELECT title, story_id FROM articles ORDER BY seq"))).all()
        profiles = (await conn.execute(sa.text("SELECT id, profile FROM stories"))).all()
    return [(str(r.title), str(r.story_id)) for r in rows], {str(p.id): json.loads(p.profile) for p in profiles}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_report_of_the_corrected_event_joins_the_corrected_article(tmp_path: Path, backend: str) -> None:
    url = (f"sqlite:///{tmp_path}/store.db" if backend == "sqlite"
           else await pg.fresh_database("briefbot_test_edited_profile"))
    db = await Database.open(url)
    site = _Site()
    clock = [NOW]
    pipeline = Pipeline(db, Config(ingest=LOCAL), lambda: clock[0], _FirstSentences())
    polls = [{"harbour": ("Harbour Daily", [("hd-1", *FIRST, 3)])},
             {"harbour": ("Harbour Daily", [("hd-1", *CORRECTED, 3)])},
             {"harbour": ("Harbour Daily", [("hd-1", *CORRECTED, 3)]),
              "valley": ("Valley Post", [("vp-1", *LATER, 1)])}]
    try:
        async with serving(site.app()) as port, Fetcher(LOCAL) as fetcher:
            site.port = port
            outcomes = []
            for n, feeds in enumerate(polls):
                site.feeds, clock[0] = feeds, NOW + timedelta(minutes=20 * n)
                report = await pipeline.ingest([f"http://127.0.0.1:{port}/{k}.xml" for k in sorted(feeds)], fetcher)
                outcomes.append((report.added, report.updated, report.unchanged))
        assert outcomes == [(1, 0, 0), (0, 1, 0), (1, 0, 1)]
        placed, profiles = await _stories(db)
        assert [title for title, _ in placed] == [CORRECTED[0], LATER[0]]
        assert placed[0][1] == placed[1][1]  # one story: the later report is of the event the correction tells
        story = profiles[placed[0][1]]
        terms = {t for t, _ in story["terms"]}  # type: ignore[attr-defined]
        assert "hallin" in terms and not terms & {"ostrel", "dunmer", "flood"}  # the first version's terms are gone
        assert story["size"] == 2 and story["outlets"] == ["Harbour Daily", "Valley Post"]
        assert len(story["article_ids"]) == 2 and len(profiles) == 1  # type: ignore[arg-type]
    finally:
        await db.close()
