"""A source held back by an unset credential variable is reported on every start but never counted as a failed
fetch: restarting the bot any number of times neither backs it off nor pauses it, and once the variable is set it is
polled like any other source (its failures in a row start from none)."""

from __future__ import annotations

import argparse
import random
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.cli_core import run_sources
from bot.commands.source_commands import health
from bot.config import Config
from bot.ingest.credentials import SourceCredentials
from bot.poller import Poller
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer
from tests.polling.test_source_credentials import KEY, WRONG, credentials, guarded, with_key

VAR = "WIRE_RESTART_KEY"


def a_start(h: Harness, creds: SourceCredentials) -> Poller:
    """What one process start makes: a new poller (its once-per-process memory empty) over the same store."""
    p = h.poller
    return Poller(h.pipeline, p.fetcher, p.sources, p.config, p.clock, rng=random.Random(3), credentials=creds)


async def sources_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/store.db")  # the make_poller store
    try:
        assert await run_sources(argparse.Namespace(), app) == 0
    finally:
        await app.close()
    return capsys.readouterr().out


async def test_restarts_with_the_variable_unset_count_no_failure_and_then_it_runs(
        server: FeedServer, make_poller: PollerFactory, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    h = await make_poller()
    seen: list[str | None] = []
    locked = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", seen)))
    await h.pipeline.sources.ensure(locked, kind="", now=h.clock())
    _, unset = credentials(with_key(locked, VAR), {})
    limit = h.poller.config.max_failures_before_disable
    for _ in range(limit + 2):  # more starts than it takes to pause a failing source
        done = await a_start(h, unset).poll_due()
        assert (done.polled, done.failed, done.notices) == (0, 0, ())
        h.clock.advance(timedelta(minutes=10))
    state = await h.pipeline.sources.get(locked)
    assert seen == [] and state is not None
    assert (state.failures, state.disabled, state.next_poll_at) == (0, False, None)  # due as soon as it may run
    assert state.last_error is not None and state.last_error.startswith(f"not polled: environment variable {VAR}")
    shown = health(state, locked)  # chat's `sources list`
    assert f"held back: not polled: environment variable {VAR}" in shown and "failure" not in shown
    out = await sources_output(tmp_path, capsys)
    assert f"last fetch never · held back · not polled: environment variable {VAR}" in out, out
    assert "failing" not in out

    _, wrong = credentials(with_key(locked, VAR), {VAR: WRONG})  # set, but refused: one failure, not a pause
    refused = await a_start(h, wrong).poll_due()
    state = await h.pipeline.sources.get(locked)
    assert refused.failed == 1 and refused.notices == ()
    assert state is not None and (state.failures, state.disabled) == (1, False)

    _, right = credentials(with_key(locked, VAR), {VAR: KEY})
    h.clock.advance(timedelta(days=1))
    ran = await a_start(h, right).poll_due()
    state = await h.pipeline.sources.get(locked)
    assert (ran.polled, ran.ok, ran.added) == (1, 1, 2) and seen == [WRONG, KEY]
    assert state is not None and (state.failures, state.last_error, state.disabled) == (0, None, False)


async def test_failures_an_older_briefbot_counted_for_holding_are_dropped_at_the_next_hold(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    locked = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", [])))
    await h.pipeline.sources.ensure(locked, kind="", now=h.clock())
    _, unset = credentials(with_key(locked, VAR), {})
    problem = unset.problem(locked)
    for _ in range(4):  # what each start of a briefbot before this fix stored
        await h.pipeline.sources.record_failure(locked, kind="", now=h.clock(), error=problem, add=False,
                                                fetched=False)
    await a_start(h, unset).poll_due()
    state = await h.pipeline.sources.get(locked)
    assert state is not None and state.failures == 0 and state.last_error == problem

    _, wrong = credentials(with_key(locked, VAR), {VAR: WRONG})
    await a_start(h, wrong).poll_due()
    state = await h.pipeline.sources.get(locked)
    assert state is not None and (state.failures, state.disabled) == (1, False)
