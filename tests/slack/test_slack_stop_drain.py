"""A normal stop (close(), as `briefbot run` on SIGTERM) takes no new event, then lets the mention and DM answers in
flight finish, for up to a bound: one finished is posted once and marked done (the next run answers nothing); one
still running past the bound is cut off, its claim left undone, and the next run answers it once at its start. The
real adapter over the local Slack, which holds the answer's post in flight; its claims in the store."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from fake_slack import HANG, HELD, FakeSlack
from slack_helpers import NOW, Running, slack_config
from test_slack_answered_once import CHANNEL, WatchedClaims, in_thread, mention, send, start, stop
from test_slack_left_unanswered import asked, caught_up, claimed_by_a_run_that_died

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.question import DIRECT_MESSAGE, MENTION, Kind
from bot.commands.base import Invocation
from bot.store.answered import AnsweredStore
from bot.store.db import Database
from tests import pg

NO_LIMIT = 3600.0  # a bound no test reaches: a stop that waited for it would fail the test's 5 s guard instead


async def store_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return await pg.fresh_database("briefbot_test_slack_stop_drain")


def closing(running: Running, adapter: SlackAdapter) -> tuple[asyncio.Task[None], asyncio.Task[None]]:
    """close() called (the process was told to stop), not awaited; with the adapter's run() task."""
    [(_, run)] = [entry for entry in running if entry[0] is adapter]
    running[:] = [entry for entry in running if entry[0] is not adapter]
    return asyncio.create_task(adapter.close()), run


async def draining(adapter: SlackAdapter) -> None:
    await asyncio.wait_for(adapter.draining.wait(), 5)


@pytest.mark.parametrize(("kind", "mode", "backend"), [(MENTION, "socket", "sqlite"), (MENTION, "http", "postgresql"),
                                                       (DIRECT_MESSAGE, "socket", "sqlite")])
async def test_a_normal_stop_lets_an_answer_in_flight_finish_and_marks_it_done(
        fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: Kind, mode: str,
        backend: str) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack.adapter")
    url = await store_url(backend, tmp_path)
    seen: list[Invocation] = []
    event, answers = asked(kind, "whosaid Riga")
    fake.fail_next("chat.postMessage", HELD)  # Slack is slow to take the answer in
    db = await Database.open(url)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        first = await start(running, fake, mode, seen, claims, drain_seconds=NO_LIMIT)
        await caught_up(first)
        await send(fake, first, mode, event)
        await fake.wait_for(lambda: fake.held == ["chat.postMessage"])  # the answer is being posted
        close, run = closing(running, first)
        await draining(first)  # stopped taking events: the answer still in flight
        assert not close.done() and not run.done()
        assert answers(fake) == [] and claims.finished == []
        if mode == "http":  # nothing is received any more
            with pytest.raises(aiohttp.ClientConnectionError):
                await send(fake, first, mode, mention("whosaid Vilnius"))
        fake.release()
        await asyncio.wait_for(close, 5)
        assert run.done() and run.result() is None
        assert len(answers(fake)) == 1 and claims.finished == [(f"slack:{event['channel']}", event["ts"])]
        assert await AnsweredStore(db).left_undone("slack") == []
        second_claims = WatchedClaims(AnsweredStore(db))
        second = await start(running, fake, mode, seen, second_claims)
        await caught_up(second)
        assert second_claims.taken == [] and second_claims.finished == []  # nothing left for the next run
        await stop(running, second)
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga"] and len(answers(fake)) == 1 and len(fake.messages) == 1
    assert "slack: stopped taking events; letting 1 answer(s) in flight finish (up to 3600 s)" in caplog.messages
    assert not any("cut off" in m for m in caplog.messages)


@pytest.mark.parametrize("mode", ["socket", "http"])
async def test_an_answer_still_running_past_the_bound_is_cut_off_and_answered_once_by_the_next_start(
        fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture, mode: str) -> None:
    """The bound is 0 here: nothing in flight is waited for, as when an answer outlasts DRAIN_SECONDS."""
    caplog.set_level(logging.INFO, logger="adapters.slack.adapter")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    event = mention("whosaid Riga")
    fake.fail_next("chat.postMessage", HANG)  # never taken in, never answered (until the test ends)
    db = await Database.open(url)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        first = await start(running, fake, mode, seen, claims, drain_seconds=0)
        await caught_up(first)
        await send(fake, first, mode, event)
        await fake.wait_for(lambda: ("chat.postMessage", "HTTP 200") in fake.rejected)  # the post hangs
        await asyncio.wait_for(stop(running, first), 5)
        assert claims.decided == [(f"slack:{CHANNEL}", event["ts"], True)] and claims.finished == []
        [undone] = await AnsweredStore(db).left_undone("slack")
        assert (undone.channel.key, undone.message) == (f"slack:{CHANNEL}", event["ts"])
        assert fake.messages == []
        second_claims = WatchedClaims(AnsweredStore(db))
        second = await start(running, fake, mode, seen, second_claims)
        await caught_up(second)
        assert second_claims.taken == [(f"slack:{CHANNEL}", event["ts"], True)]
        assert second_claims.finished == [(f"slack:{CHANNEL}", event["ts"])]
        await stop(running, second)
        assert await AnsweredStore(db).left_undone("slack") == []
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga", "Riga"]  # worked out twice, posted once
    assert len(in_thread(fake, event)) == 1 and len(fake.messages) == 1
    assert ("slack: 1 answer(s) still running 0 s after stopping were cut off; the next run answers them at its "
            "start") in caplog.messages


async def test_the_start_up_pass_finishes_the_answer_in_flight_and_leaves_the_rest_to_the_next_run(
        fake: FakeSlack, running: Running, tmp_path: Path) -> None:
    """Stopping while answering what a run that died left unanswered: that answer finishes and is marked done; the
    next claim is not taken over, so the next run answers it."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    riga, vilnius = mention("whosaid Riga"), mention("whosaid Vilnius")
    db = await Database.open(url)
    try:
        await claimed_by_a_run_that_died(db, MENTION, riga, ago=timedelta(minutes=3))
        await claimed_by_a_run_that_died(db, MENTION, vilnius, ago=timedelta(minutes=2))
        fake.fail_next("chat.postMessage", HELD)
        claims = WatchedClaims(AnsweredStore(db))
        first = await start(running, fake, "socket", seen, claims, drain_seconds=NO_LIMIT)
        await fake.wait_for(lambda: fake.held == ["chat.postMessage"])  # answering Riga
        close, _ = closing(running, first)
        await draining(first)
        assert not close.done() and claims.finished == []
        fake.release()
        await asyncio.wait_for(close, 5)
        assert first.caught_up.is_set()
        assert claims.taken == [(f"slack:{CHANNEL}", riga["ts"], True)]
        assert claims.finished == [(f"slack:{CHANNEL}", riga["ts"])] and len(in_thread(fake, riga)) == 1
        second_claims = WatchedClaims(AnsweredStore(db))
        second = await start(running, fake, "socket", seen, second_claims)
        await caught_up(second)
        assert second_claims.taken == [(f"slack:{CHANNEL}", vilnius["ts"], True)]
        await stop(running, second)
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga", "Vilnius"] and len(fake.messages) == 2
    assert len(in_thread(fake, riga)) == 1 and len(in_thread(fake, vilnius)) == 1


@pytest.mark.parametrize("mode", ["socket", "http"])
async def test_with_nothing_in_flight_a_stop_does_not_wait_for_the_bound(
        fake: FakeSlack, running: Running, tmp_path: Path, mode: str) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    event = mention("whosaid Riga")
    db = await Database.open(url)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        adapter = await start(running, fake, mode, seen, claims, drain_seconds=NO_LIMIT)
        await caught_up(adapter)
        await send(fake, adapter, mode, event)
        await claims.wait_for_done(1)
        await asyncio.wait_for(stop(running, adapter), 5)  # well short of the bound
        assert adapter.draining.is_set()
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga"] and len(in_thread(fake, event)) == 1


async def test_close_of_an_adapter_that_never_ran_returns_at_once(fake: FakeSlack) -> None:
    """`briefbot post` closes adapters that never ran."""
    adapter = build_slack_adapter(slack_config(fake), clock=lambda: NOW, drain_seconds=NO_LIMIT)
    await asyncio.wait_for(adapter.close(), 5)
    assert not adapter.draining.is_set() and not adapter.ready.is_set()
