"""A mention is answered once even across a restart: the real adapter over the local Slack, its claims in the store
(SQLite or PostgreSQL); a redelivery (``retry_attempt`` / ``X-Slack-Retry-Num``) after the restart is not answered
again once answered, and is answered by the new run when the run that claimed it died before answering."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fake_slack import NOT_IN_CHANNEL, FakeSlack, im_message_event
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, run_adapter, slack_config

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.adapter import DRAIN_SECONDS
from adapters.slack.post import RetryPolicy
from bot.answered import AnsweredMessages, UndoneClaim
from bot.commands.base import Invocation
from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.db import Database
from tests import pg

CHANNEL = "C0CHAN"
DM = "D0ALICE"
UNREACHABLE_STORE = "postgresql://postgres@127.0.0.1:1/briefbot"  # nothing listens on port 1
_ts = itertools.count(1)


@dataclass
class WatchedClaims:
    """The store's claims, each outcome recorded as it is decided (a delivery's claim, or a take-over at start) and
    each message as it is marked done, so a test can wait for a delivery's verdict, and for its answer to be recorded
    before the process stops."""

    claims: AnsweredMessages
    decided: list[tuple[str, str, bool]] = field(default_factory=list)
    taken: list[tuple[str, str, bool]] = field(default_factory=list)
    finished: list[tuple[str, str]] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def claim(self, channel: ChannelRef, message: str, *, now: datetime, question: str | None = None) -> bool:
        won = await self.claims.claim(channel, message, now=now, question=question)
        async with self.changed:
            self.decided.append((channel.key, message, won))
            self.changed.notify_all()
        return won

    async def done(self, channel: ChannelRef, message: str) -> None:
        await self.claims.done(channel, message)
        async with self.changed:
            self.finished.append((channel.key, message))
            self.changed.notify_all()

    async def left_undone(self, platform: str) -> list[UndoneClaim]:
        return await self.claims.left_undone(platform)

    async def take_over(self, claim: UndoneClaim, *, now: datetime) -> bool:
        won = await self.claims.take_over(claim, now=now)
        async with self.changed:
            self.taken.append((claim.channel.key, claim.message, won))
            self.changed.notify_all()
        return won

    async def wait_for(self, count: int) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: len(self.decided) >= count), 5)

    async def wait_for_done(self, count: int) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: len(self.finished) >= count), 5)


def mention(question: str) -> dict[str, Any]:
    """An ``app_mention`` event as Slack sends it (a fresh ts each time)."""
    ts = f"1764200000.{next(_ts):06d}"
    return {"type": "app_mention", "user": "U0READER", "text": f"<@U0BOT> {question}", "ts": ts, "channel": CHANNEL,
            "event_ts": ts, "team": "T0TEAM", "client_msg_id": f"m-{ts}"}


async def start(running: Running, fake: FakeSlack, mode: str, seen: list[Invocation],
                claims: AnsweredMessages | None, *, drain_seconds: float = DRAIN_SECONDS) -> SlackAdapter:
    """A briefbot process: the adapter, handed the store's claims as the composition root does; at a normal stop it
    lets the answers in flight finish for up to ``drain_seconds``."""
    adapter = build_slack_adapter(slack_config(fake, mode=mode), clock=lambda: NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=3), connect_timeout=5.0, drain_seconds=drain_seconds)
    adapter.answered_messages = claims
    return await run_adapter(running, adapter, command_dispatcher(seen))


async def stop(running: Running, adapter: SlackAdapter) -> None:
    """The process ends (a deploy, a crash): its adapter stops and its memory goes with it."""
    [(_, task)] = [entry for entry in running if entry[0] is adapter]
    running[:] = [entry for entry in running if entry[0] is not adapter]
    await adapter.close()
    await asyncio.wait_for(task, 5)


async def send(fake: FakeSlack, adapter: SlackAdapter, mode: str, event: dict[str, Any], *, retry: int = 0) -> None:
    await fake.send_event(event, http_port=adapter.http_port if mode == "http" else None, retry=retry)


def in_thread(fake: FakeSlack, event: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in fake.messages if m.get("channel") == CHANNEL and m.get("thread_ts") == event["ts"]]


async def store_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return await pg.fresh_database("briefbot_test_slack_answered")


def in_dm(fake: FakeSlack) -> list[dict[str, Any]]:
    return [m for m in fake.messages if m.get("channel") == DM]


async def answer_then_restart(fake: FakeSlack, running: Running, mode: str, url: str | None,
                              seen: list[Invocation], event: dict[str, Any],
                              answers: Callable[[], int] | None = None) -> None:
    """A first process (over the store at ``url``; None: without claims) answers ``event`` (``answers``: how many
    answers it has, by default in its thread), records it done, then stops."""
    counted = answers or (lambda: len(in_thread(fake, event)))
    db = await Database.open(url) if url else None
    try:
        claims = WatchedClaims(AnsweredStore(db)) if db else None
        first = await start(running, fake, mode, seen, claims)
        await send(fake, first, mode, event)
        await fake.wait_for(lambda: counted() == 1)
        if claims is not None:
            await claims.wait_for_done(1)
        await stop(running, first)
    finally:
        if db is not None:
            await db.close()


@pytest.mark.parametrize(("mode", "backend"), [("socket", "sqlite"), ("http", "sqlite"), ("http", "postgresql")])
async def test_a_mention_redelivered_after_a_restart_is_answered_once(
        fake: FakeSlack, running: Running, tmp_path: Path, mode: str, backend: str) -> None:
    url = await store_url(backend, tmp_path)
    seen: list[Invocation] = []
    event = mention("whosaid Riga")
    await answer_then_restart(fake, running, mode, url, seen, event)
    db = await Database.open(url)  # the new process opens the same store
    try:
        claims = WatchedClaims(AnsweredStore(db))
        second = await start(running, fake, mode, seen, claims)
        await send(fake, second, mode, event, retry=1)  # Slack thought the first delivery went unacknowledged
        await claims.wait_for(1)
        assert claims.decided == [(f"slack:{CHANNEL}", event["ts"], False)]  # claimed before the restart
        later = mention("whosaid Vilnius")
        await send(fake, second, mode, later)
        await fake.wait_for(lambda: len(in_thread(fake, later)) == 1)
        await stop(running, second)
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga", "Vilnius"]
    assert len(in_thread(fake, event)) == 1 and len(fake.messages) == 2


async def test_a_direct_message_redelivered_after_a_restart_is_answered_once(
        fake: FakeSlack, running: Running, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    typed = im_message_event("whosaid Riga", channel=DM)
    await answer_then_restart(fake, running, "socket", url, seen, typed, lambda: len(in_dm(fake)))
    db = await Database.open(url)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        second = await start(running, fake, "socket", seen, claims)
        await fake.send_event(typed, retry=2)
        await claims.wait_for(1)
        assert claims.decided == [(f"slack:{DM}", typed["ts"], False)]
        await fake.send_event(im_message_event("whosaid Vilnius", channel=DM))
        await fake.wait_for(lambda: len(in_dm(fake)) == 2)
        await stop(running, second)
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga", "Vilnius"] and len(fake.messages) == 2


async def test_without_claims_in_the_store_a_restart_forgets_what_was_answered(
        fake: FakeSlack, running: Running) -> None:
    """What the store's claims prevent (and what briefbot did before them): memory alone ends with the process."""
    seen: list[Invocation] = []
    event = mention("whosaid Riga")
    await answer_then_restart(fake, running, "socket", None, seen, event)
    await start(running, fake, "socket", seen, None)
    await fake.send_event(event, retry=1)
    await fake.wait_for(lambda: len(in_thread(fake, event)) == 2)
    assert [i.args for i in seen] == ["Riga", "Riga"]


async def test_two_adapters_of_one_run_given_one_mention_at_once_answer_it_once(
        fake: FakeSlack, running: Running, tmp_path: Path) -> None:
    """Each adapter has its own memory, so only the store decides; both are one run's (one owner id), so the
    second claim loses. (Adapters of two runs would each answer: the second would take over a claim the first had
    not yet marked done, as from a run that died; the run lock keeps a second `briefbot run` off the store.)"""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    one, other = await Database.open(url), await Database.open(url)
    try:
        run = AnsweredStore(one).owner
        watched = [WatchedClaims(AnsweredStore(one, owner=run)), WatchedClaims(AnsweredStore(other, owner=run))]
        adapters = [await start(running, fake, "http", seen, claims) for claims in watched]
        event = mention("whosaid Riga")
        await asyncio.gather(*(send(fake, adapter, "http", event, retry=n) for n, adapter in enumerate(adapters)))
        for claims in watched:
            await claims.wait_for(1)
        assert sorted(c.decided[0][2] for c in watched) == [False, True]
        await fake.wait_for(lambda: len(in_thread(fake, event)) == 1)
        winner = next(c for c in watched if c.decided[0][2])
        await winner.wait_for_done(1)
        for adapter in adapters:
            await stop(running, adapter)
    finally:
        await one.close()
        await other.close()
    assert [i.args for i in seen] == ["Riga"] and len(fake.messages) == 1


@pytest.mark.parametrize(("mode", "backend"), [("socket", "sqlite"), ("http", "postgresql")])
async def test_a_mention_claimed_by_a_run_that_died_before_answering_is_answered_once_by_the_next(
        fake: FakeSlack, running: Running, tmp_path: Path, mode: str, backend: str) -> None:
    """The crash between claim and post: run A claimed the mention and died (its claim never marked done); the next
    run is given the redelivery, takes the claim over and answers; a run after that, given it again, does not."""
    url = await store_url(backend, tmp_path)
    seen: list[Invocation] = []
    event = mention("whosaid Riga")
    db = await Database.open(url)
    try:
        assert await AnsweredStore(db, owner="run-that-died").claim(ChannelRef("slack", CHANNEL), event["ts"], now=NOW)
        claims = WatchedClaims(AnsweredStore(db))
        second = await start(running, fake, mode, seen, claims)
        await send(fake, second, mode, event, retry=1)
        await fake.wait_for(lambda: len(in_thread(fake, event)) == 1)
        await claims.wait_for_done(1)
        assert claims.decided == [(f"slack:{CHANNEL}", event["ts"], True)]  # taken over
        await stop(running, second)
        third_claims = WatchedClaims(AnsweredStore(db))
        third = await start(running, fake, mode, seen, third_claims)
        await send(fake, third, mode, event, retry=2)
        await third_claims.wait_for(1)
        assert third_claims.decided == [(f"slack:{CHANNEL}", event["ts"], False)]  # done: not again
        await stop(running, third)
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga"] and len(in_thread(fake, event)) == 1 and len(fake.messages) == 1


async def test_a_mention_whose_answer_failed_for_good_is_not_answered_by_a_later_run(
        fake: FakeSlack, running: Running, tmp_path: Path) -> None:
    """A post given up on (Slack refused it) counts as done, so a redelivery after a restart does not retry it."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    event = mention("whosaid Riga")
    fake.fail_next("chat.postMessage", NOT_IN_CHANNEL)
    db = await Database.open(url)
    try:
        first_claims = WatchedClaims(AnsweredStore(db))
        first = await start(running, fake, "socket", seen, first_claims)
        await fake.send_event(event)
        await first_claims.wait_for_done(1)
        assert fake.rejected == [("chat.postMessage", "not_in_channel")] and fake.messages == []
        await stop(running, first)
        claims = WatchedClaims(AnsweredStore(db))
        await start(running, fake, "socket", seen, claims)
        await fake.send_event(event, retry=1)
        await claims.wait_for(1)
        assert claims.decided == [(f"slack:{CHANNEL}", event["ts"], False)]
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga"] and fake.messages == []


async def test_a_store_that_cannot_be_reached_leaves_the_mention_answered_and_logged(
        fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack.mention")
    down = await Database.open(UNREACHABLE_STORE, migrate=False)
    try:
        seen: list[Invocation] = []
        adapter = await start(running, fake, "socket", seen, AnsweredStore(down))
        event = mention("whosaid Riga")
        await fake.send_event(event)
        await fake.wait_for(lambda: len(in_thread(fake, event)) == 1)
        await fake.send_event(event, retry=1)  # this process still remembers it answered
        later = mention("whosaid Vilnius")
        await fake.send_event(later)
        await fake.wait_for(lambda: len(in_thread(fake, later)) == 1)
        await stop(running, adapter)
    finally:
        await down.close()
    assert [i.args for i in seen] == ["Riga", "Vilnius"] and len(in_thread(fake, event)) == 1
    refused = [r for r in caplog.records if "could not record message" in r.getMessage()]
    assert [r.levelno for r in refused] == [logging.WARNING, logging.WARNING]  # Riga, then Vilnius
    assert event["ts"] in refused[0].getMessage() and "answering it anyway" in refused[0].getMessage()
    unmarked = [r for r in caplog.records if "could not mark message" in r.getMessage()]
    assert [r.levelno for r in unmarked] == [logging.WARNING, logging.WARNING]  # each answer, once posted
    assert event["ts"] in unmarked[0].getMessage() and "could answer it again" in unmarked[0].getMessage()
    assert any("delivered again; already answered" in r.getMessage() for r in caplog.records)
