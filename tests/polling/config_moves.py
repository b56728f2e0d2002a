"""The set-up the config-move tests share: a `[[sources]]` feed that moved for good (301) and was followed once,
whose old address then breaks before the operator edits the config."""

from __future__ import annotations

from bot.config import Config, SourceConfig
from tests.polling.conftest import Harness, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


def config_naming(h: Harness, url: str) -> Config:
    """The harness's config with ``url`` as its one `[[sources]]` entry."""
    return Config(ingest=h.pipeline.config.ingest, scheduler=h.pipeline.config.scheduler,
                  sources=(SourceConfig(url=url),))


async def moved_then_broken(h: Harness, server: FeedServer) -> tuple[str, str]:
    """The old and the new address of a configured feed polled once through its 301, its old address now a 503."""
    new = server.add(1, "feeds/quay.xml", make_feed("quay", 2))
    old = server.add(0, "quay.rss", Feed(failing=Reply(301, (("Location", new),))))
    h.pipeline.config = config_naming(h, old)
    await h.pipeline.sources.configure(old, now=h.clock(), interval_seconds=0)
    await h.poller.poll_due()
    server.feed(old).failing = Reply(503)  # the old address breaks before the operator edits the config
    return old, new
