"""A source the poller holds back (its credential variable unset) is never fetched: no fetch time is kept for it, so
`briefbot sources` says "last fetch never" beside the reason, not the time the hold was noted."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.app import App
from bot.cli_core import run_sources
from bot.commands.source_commands import health
from bot.config import Config
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer
from tests.polling.test_source_credentials import credentials, guarded, with_credentials, with_key


async def test_a_held_source_shows_no_fetch_time(server: FeedServer, make_poller: PollerFactory, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    h = await make_poller()
    seen: list[str | None] = []
    locked = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", seen)))
    await h.pipeline.sources.ensure(locked, kind="", now=h.clock())
    _, creds = credentials(with_key(locked, "WIRE_HELD_KEY"), {})
    await with_credentials(h, creds).poll_due()
    state = await h.pipeline.sources.get(locked)
    assert seen == [] and state is not None and state.last_error is not None
    assert state.last_fetch_at is None  # no request was made
    assert "last fetch never" in health(state, locked)  # chat's `sources list`
    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/store.db")  # the make_poller store
    try:
        assert await run_sources(argparse.Namespace(), app) == 0
    finally:
        await app.close()
    out = capsys.readouterr().out
    assert "last fetch never · held back · not polled: environment variable WIRE_HELD_KEY" in out, out
