"""A configured feed that moved for good still works: `briefbot sources` and `/brief sources list` show the move as
a note beside "ok", not as a last error, which reads as a failure that is not there."""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.cli_core import run_sources
from bot.commands.source_commands import health
from bot.config import Config, SourceConfig
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Reply


async def test_a_moved_configured_source_is_ok_with_a_note(server: FeedServer, make_poller: PollerFactory,
                                                           tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    h = await make_poller()
    new = server.add(1, "feeds/harbour.xml", make_feed("harbour", 2))
    old = server.add(0, "harbour.rss", Feed(failing=Reply(301, (("Location", new),))))
    h.pipeline.config = Config(ingest=h.pipeline.config.ingest, scheduler=h.pipeline.config.scheduler,
                               sources=(SourceConfig(url=old),))
    await h.pipeline.sources.configure(old, now=h.clock(), interval_seconds=0)
    await h.poller.poll_due()
    h.clock.advance(timedelta(hours=1))
    await h.poller.poll_due()

    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/store.db")  # the make_poller store
    try:
        assert await run_sources(argparse.Namespace(), app) == 0
    finally:
        await app.close()
    out = capsys.readouterr().out
    assert f" · ok · note: moved permanently to {new}: update its url in [[sources]] in the config" in out, out
    assert "last error" not in out
    state = await h.pipeline.sources.get(old)
    assert state is not None
    shown = health(state, old)
    assert "note: moved permanently to" in shown and "last error" not in shown, shown
