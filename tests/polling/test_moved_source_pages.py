"""A feed that moved for good (301) does not fetch its stored teaser items' pages again: the full-text step finds
their stored texts under the ids of the source's first address (``sources.id_scope``)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import sqlalchemy as sa
from aiohttp import web

from bot.clock import ManualClock
from bot.config import Config, IngestConfig, SchedulerConfig
from bot.ingest.fetch import Fetcher
from bot.ingest.full_text import FullText
from bot.pipeline import Pipeline
from bot.poller import Poller
from bot.store.db import Database
from bot.store.schema import articles
from tests.polling.conftest import START, LeadSummariser
from tests.polling.feedserver import Feed, FeedServer, Item, Reply

CONFIG = IngestConfig(allow_private_networks=True, timeout_seconds=5.0, connect_timeout_seconds=2.0)

STORIES = {
    "quarry": ("Quarry at Hollin Fell to close next year",
               "The last quarry at Hollin Fell will close next year, its owners told workers on Thursday."),
    "bridge": ("Stone bridge in Wendle reopens after repairs",
               "The old stone bridge in Wendle reopened to traffic on Friday after eight months of repairs."),
    "choir": ("Children's choir from Marrow wins regional prize",
              "A children's choir from Marrow won the regional singing prize on Saturday evening."),
}


def page(title: str, lead: str) -> str:
    """An invented article page, long enough to replace its feed item's one-sentence teaser."""
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{lead} The decision follows a long review by the district council and two public meetings held "
            "in the village hall over the summer months.</p>"
            "<p>Local residents said they had expected the news for some time, and several shop owners told the "
            "meeting that they hoped the change would bring more visitors to the valley in the coming years.</p>"
            "<p>A spokesperson for the council said a full report would be published next month, with details of "
            "the costs, the timetable and the plans for the land and the roads around it.</p>"
            "</article></body></html>")


async def _nothing_sleeps(seconds: float) -> None:
    return None


def serve_pages(server: FeedServer) -> dict[str, str]:
    """Each story's page at ``news/<name>`` on host 0; returns the page links by story name."""
    links: dict[str, str] = {}
    for name, (title, lead) in STORIES.items():
        html = page(title, lead)

        async def answer(request: web.Request, html: str = html) -> web.StreamResponse:
            return web.Response(text=html, content_type="text/html")

        links[name] = server.add(0, f"news/{name}", Feed(raw=answer))
    return links


def teasers(links: dict[str, str], names: list[str]) -> list[Item]:
    return [Item(guid=f"valley-{name}", link=links[name], title=STORIES[name][0], text=STORIES[name][1],
                 published=START - timedelta(hours=2)) for name in names]


def page_hits(server: FeedServer) -> Counter[str]:
    return Counter(path for _, path, _ in server.log if path.startswith("news/"))


async def test_a_moved_feed_does_not_fetch_its_stored_items_pages_again(server: FeedServer, db: Database,
                                                                         clock: ManualClock) -> None:
    pipeline = Pipeline(db, Config(ingest=CONFIG), clock, LeadSummariser(),
                        full_text=FullText(CONFIG, max_age=timedelta(days=9), robots=None, sleep=_nothing_sleeps))
    links = serve_pages(server)
    async with Fetcher(CONFIG) as fetcher:
        poller = Poller(pipeline, fetcher, pipeline.sources, SchedulerConfig(poll_jitter_seconds=0), clock,
                        rng=random.Random(7))
        old = server.add(0, "old", Feed(items=teasers(links, ["quarry", "bridge"])))
        await pipeline.sources.ensure(old, kind="feed", now=clock())
        first = await poller.poll_due()
        assert first.added == 2
        assert page_hits(server) == Counter({"news/quarry": 1, "news/bridge": 1})

        new = server.add(0, "new", Feed(items=teasers(links, ["quarry", "bridge"])))
        server.feed(old).failing = Reply(301, (("Location", new),))
        clock.advance(timedelta(days=1))
        moved = await poller.poll_due()  # read at the old address, which moves the source
        assert (moved.ok, moved.added) == (1, 0)
        server.feed(new).items = teasers(links, ["quarry", "bridge", "choir"])  # a new ETag: all read again
        clock.advance(timedelta(days=1))
        polled = await poller.poll_due()

    assert (polled.ok, polled.added) == (1, 1), polled.lines
    assert [s.key for s in await pipeline.sources.list()] == [new]
    assert page_hits(server) == Counter({"news/quarry": 1, "news/bridge": 1, "news/choir": 1})
    async with db.connect() as conn:
        rows = (await conn.execute(sa.select(articles.c.guid, articles.c.text_source))).all()
    assert sorted((str(r.guid), str(r.text_source)) for r in rows) == [
        ("valley-bridge", "page"), ("valley-choir", "page"), ("valley-quarry", "page")]
