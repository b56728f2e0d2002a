"""A Discord mention or DM is answered once: however often the gateway delivers its MESSAGE_CREATE (a replay after
RESUME, two adapters of one run), and across a restart, when the next run answers at its start what a run that died
had claimed and not answered (one claimed too long ago is marked done unanswered); with the store out of reach it is
answered anyway. The real adapter over the local Discord, its claims in the store (SQLite or PostgreSQL)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from discord_harness import NOW, Recorder, discord_config, stop
from fake_discord import BOT_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from mention_messages import READER, assert_reply_to, push_message, replies

from adapters.discord import DiscordAdapter
from adapters.discord.left_unanswered import ANSWER_WITHIN
from adapters.discord.question import DiscordQuestion, decode_question, encode_question
from bot.answered import AnsweredMessages, UndoneClaim
from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.db import Database
from tests import pg

DIED = "run-that-died"
DM_CHANNEL = "900000000000000088"
Started = list[tuple[DiscordAdapter, "asyncio.Task[None]"]]


@dataclass
class WatchedClaims:
    """The store's claims, each outcome recorded as it is decided (a delivery's claim, or a take-over at start) and
    each message as it is marked done, so a test can wait for them."""

    claims: AnsweredMessages
    decided: list[tuple[str, str, bool]] = field(default_factory=list)
    taken: list[tuple[str, str, bool]] = field(default_factory=list)
    finished: list[tuple[str, str]] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def claim(self, channel: ChannelRef, message: str, *, now: datetime, question: str | None = None) -> bool:
        won = await self.claims.claim(channel, message, now=now, question=question)
        await self._record(self.decided, (channel.key, message, won))
        return won

    async def done(self, channel: ChannelRef, message: str) -> None:
        await self.claims.done(channel, message)
        await self._record(self.finished, (channel.key, message))

    async def left_undone(self, platform: str) -> list[UndoneClaim]:
        return await self.claims.left_undone(platform)

    async def take_over(self, claim: UndoneClaim, *, now: datetime) -> bool:
        won = await self.claims.take_over(claim, now=now)
        await self._record(self.taken, (claim.channel.key, claim.message, won))
        return won

    async def _record(self, into: list[Any], item: Any) -> None:
        async with self.changed:
            into.append(item)
            self.changed.notify_all()

    async def wait_for(self, decided: int = 0, finished: int = 0) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(
                lambda: len(self.decided) >= decided and len(self.finished) >= finished), 5)


class UnreachableClaims:
    """A store that cannot be reached: every call fails as a refused connection does."""

    async def claim(self, channel: ChannelRef, message: str, *, now: datetime, question: str | None = None) -> bool:
        raise OSError("connection refused")

    async def done(self, channel: ChannelRef, message: str) -> None:
        raise OSError("connection refused")

    async def left_undone(self, platform: str) -> list[UndoneClaim]:
        raise OSError("connection refused")

    async def take_over(self, claim: UndoneClaim, *, now: datetime) -> bool:
        raise OSError("connection refused")


async def open_store(backend: str, tmp_path: Path) -> Database:
    if backend == "sqlite":
        return await Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    return await Database.open(await pg.fresh_database("briefbot_test_discord_answered"))


@pytest.fixture
async def started() -> AsyncIterator[Started]:
    running: Started = []
    yield running
    for adapter, task in running:
        await stop(task, adapter)


async def begin(fake: FakeDiscord, recorder: Recorder, claims: AnsweredMessages | None,
                started: Started) -> DiscordAdapter:
    """A run's adapter with ``claims`` (as the composition root hands them), connected, READY, and done with the
    claims other runs left undone."""
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, guild_ready_timeout=0.05)
    adapter.answered_messages = claims
    task = asyncio.create_task(adapter.run(recorder.dispatcher))
    started.append((adapter, task))
    caught_up = asyncio.ensure_future(adapter.caught_up.wait())
    await asyncio.wait({task, caught_up}, timeout=5, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        caught_up.cancel()
        task.result()
    assert caught_up.done(), "the adapter never became ready"
    return adapter


async def end(started: Started, adapter: DiscordAdapter) -> None:
    [(_, task)] = [(a, t) for a, t in started if a is adapter]
    started.remove((adapter, task))
    await stop(task, adapter)


def replied_to(fake: FakeDiscord, channel_id: str = CHANNEL_ID) -> list[str]:
    return [str(body["message_reference"]["message_id"]) for body in replies(fake, channel_id)]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_mention_is_answered_once_and_its_claim_is_done(fake: FakeDiscord, recorder: Recorder,
                                                                started: Started, tmp_path: Path,
                                                                backend: str) -> None:
    db = await open_store(backend, tmp_path)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        await begin(fake, recorder, claims, started)
        asked = await push_message(fake, f"<@{BOT_ID}> echo Riga")
        await claims.wait_for(decided=1, finished=1)
        key = f"discord:{CHANNEL_ID}"
        assert claims.decided == [(key, asked, True)] and claims.finished == [(key, asked)]
        [body] = replies(fake)
        assert_reply_to(body, asked)
        assert [i.args for i in recorder.seen] == ["Riga"]
        later_run = AnsweredStore(db)  # done: no later run answers it, nor finds it undone
        assert await later_run.left_undone("discord") == []
        assert not await later_run.claim(ChannelRef("discord", CHANNEL_ID), asked, now=NOW)
    finally:
        await db.close()


async def test_a_message_create_replayed_after_resume_while_it_is_answered_gets_one_answer(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path) -> None:
    db = await open_store("sqlite", tmp_path)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        await begin(fake, recorder, claims, started)
        held = await push_message(fake, f"<@{BOT_ID}> wait")  # its answer waits for recorder.release
        await claims.wait_for(decided=1)
        await fake.force_reconnect()  # the session resumes on a new socket...
        await fake.wait_ready()
        assert fake.resumes == 1 and fake.identifies == 1
        await push_message(fake, f"<@{BOT_ID}> wait", message_id=held)  # ...and Discord replays the message
        after = await push_message(fake, f"<@{BOT_ID}> echo after")  # handled after the replay, in order
        await fake.wait_for(lambda: len(replies(fake)) == 1)
        recorder.release.set()
        await claims.wait_for(finished=2)
        assert replied_to(fake) == [after, held]
        assert [i.command for i in recorder.seen] == ["wait", "echo"]
        key = f"discord:{CHANNEL_ID}"
        assert claims.decided == [(key, held, True), (key, after, True)]  # the replay was dropped before the store
    finally:
        await db.close()


async def test_the_same_message_given_to_two_adapters_of_one_run_gets_one_answer(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path) -> None:
    db = await open_store("sqlite", tmp_path)
    try:
        claims = WatchedClaims(AnsweredStore(db))  # one run: one owner, shared by its adapters
        await begin(fake, recorder, claims, started)
        first = fake.connection
        await begin(fake, recorder, claims, started)
        second = fake.connection
        assert first is not None and second is not None and first is not second
        asked = await push_message(fake, f"<@{BOT_ID}> echo twice given")
        fake.use_connection(first)
        await push_message(fake, f"<@{BOT_ID}> echo twice given", message_id=asked)
        await claims.wait_for(decided=2, finished=1)
        key = f"discord:{CHANNEL_ID}"
        assert sorted(claims.decided) == [(key, asked, False), (key, asked, True)]
        assert replied_to(fake) == [asked] and [i.args for i in recorder.seen] == ["twice given"]
    finally:
        await db.close()


async def claimed_by_a_run_that_died(db: Database, question: DiscordQuestion, *, ago: timedelta) -> None:
    """What run DIED left in the store: the message claimed with its question ``ago`` before NOW, never done."""
    assert await AnsweredStore(db, owner=DIED).claim(ChannelRef("discord", question.channel), question.message,
                                                     now=NOW - ago, question=encode_question(question))


async def asked_in(fake: FakeDiscord, where: str, *, ago: timedelta = timedelta(minutes=10)
                   ) -> tuple[DiscordQuestion, str]:
    """A question asked ``ago`` before NOW (its id says when) in a server channel, a DM or a thread (that the
    client learns of from GUILD_CREATE), and the channel whose set-up answers it."""
    content, message = f"<@{BOT_ID}> echo Riga", str(discord.utils.time_snowflake(NOW - ago))
    if where == "dm":
        return DiscordQuestion(DM_CHANNEL, message, None, READER, content, True, None, True), DM_CHANNEL
    channel = await fake.add_thread(announce=False) if where == "thread" else CHANNEL_ID
    return DiscordQuestion(channel, message, GUILD_ID, READER, content, False, None, True), CHANNEL_ID


@pytest.mark.parametrize(("backend", "where"), [("sqlite", "channel"), ("postgresql", "channel"), ("sqlite", "dm"),
                                                ("sqlite", "thread")])
async def test_a_question_left_unanswered_by_a_run_that_died_is_answered_once_at_the_next_start(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        backend: str, where: str) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.left_unanswered")
    question, home = await asked_in(fake, where)
    key = f"discord:{question.channel}"
    db = await open_store(backend, tmp_path)
    try:
        await claimed_by_a_run_that_died(db, question, ago=timedelta(minutes=10))
        claims = WatchedClaims(AnsweredStore(db))
        second = await begin(fake, recorder, claims, started)  # no MESSAGE_CREATE: a new session gets no replay
        await claims.wait_for(finished=1)
        assert claims.taken == [(key, question.message, True)] and claims.finished == [(key, question.message)]
        [body] = replies(fake, question.channel)
        assert_reply_to(body, question.message)
        assert [(i.args, i.user, i.channel.key) for i in recorder.seen] == [("Riga", READER, f"discord:{home}")]
        assert any("answering a " in r.getMessage() and "claimed 10 min ago" in r.getMessage()
                   for r in caplog.records)
        # the message delivered after all, then another: only the other is answered
        await push_message(fake, question.content, channel_id=question.channel, dm=question.dm,
                           message_id=question.message)
        after = await push_message(fake, f"<@{BOT_ID}> echo after", channel_id=question.channel, dm=question.dm)
        await claims.wait_for(finished=2)
        assert replied_to(fake, question.channel) == [question.message, after]
        await end(started, second)

        third_claims = WatchedClaims(AnsweredStore(db))
        await begin(fake, recorder, third_claims, started)
        assert third_claims.taken == [] and third_claims.finished == []  # nothing left undone
        assert replied_to(fake, question.channel) == [question.message, after]
    finally:
        await db.close()


LATE = ANSWER_WITHIN + timedelta(minutes=1)


@pytest.mark.parametrize(("backend", "written", "claimed"), [
    ("sqlite", LATE, LATE), ("postgresql", LATE, LATE),
    ("sqlite", timedelta(hours=2), timedelta(minutes=10))])  # claim renewed by take-overs: the message's age counts
async def test_a_question_left_unanswered_too_long_ago_is_marked_done_unanswered(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        backend: str, written: timedelta, claimed: timedelta) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.left_unanswered")
    question, _ = await asked_in(fake, "channel", ago=written)
    db = await open_store(backend, tmp_path)
    try:
        await claimed_by_a_run_that_died(db, question, ago=claimed)
        claims = WatchedClaims(AnsweredStore(db))
        await begin(fake, recorder, claims, started)
        key = f"discord:{CHANNEL_ID}"
        assert claims.taken == [(key, question.message, True)] and claims.finished == [(key, question.message)]
        assert replies(fake) == [] and recorder.seen == []
        [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert question.message in warning and key in warning and "not answered now (more than 60 min late)" in warning
        assert not await AnsweredStore(db).claim(ChannelRef("discord", CHANNEL_ID), question.message, now=NOW)
    finally:
        await db.close()


@pytest.mark.parametrize("kept", [None, "{not json", '{"v": 99}'])
async def test_a_claim_left_without_a_readable_question_is_left_alone(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path, kept: str | None) -> None:
    db = await open_store("sqlite", tmp_path)
    try:
        message = fake.new_id()
        assert await AnsweredStore(db, owner=DIED).claim(ChannelRef("discord", CHANNEL_ID), message,
                                                         now=NOW - timedelta(minutes=5), question=kept)
        claims = WatchedClaims(AnsweredStore(db))
        await begin(fake, recorder, claims, started)
        assert claims.taken == [] and replies(fake) == []
        [left] = await AnsweredStore(db).left_undone("discord")
        assert (left.message, left.owner) == (message, DIED)  # a delivery of it can still take it over
    finally:
        await db.close()


async def test_with_the_store_out_of_reach_a_mention_is_answered_anyway_and_logged(
        fake: FakeDiscord, recorder: Recorder, started: Started, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    adapter = await begin(fake, recorder, UnreachableClaims(), started)
    assert adapter.caught_up.is_set()
    asked = await push_message(fake, f"<@{BOT_ID}> echo regardless")
    await fake.wait_for(lambda: bool(replies(fake)))
    assert replied_to(fake) == [asked] and [i.args for i in recorder.seen] == ["regardless"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
                and r.name.startswith(("adapters.discord", "bot.answered"))]
    assert any("could not read the messages a run that stopped left unanswered" in w for w in warnings)
    assert any(asked in w and "answering it anyway" in w for w in warnings)


def test_a_question_survives_the_store_as_json_and_junk_is_refused() -> None:
    question = DiscordQuestion("1", "2", None, "3", "<@4> wer sagte was über Köln?", True, None, True)
    in_thread = DiscordQuestion("5", "6", "7", "8", "", False, "9", False)
    assert decode_question(encode_question(question)) == question
    assert decode_question(encode_question(in_thread)) == in_thread
    for junk in (None, "", "[]", "{bad", '{"v": 1, "channel": "x1"}', "[" * 100_000,
                 encode_question(question).replace('"dm":true', '"dm":"yes"')):
        assert decode_question(junk) is None


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_question_with_half_an_emoji_is_claimed_and_kept(tmp_path: Path, backend: str) -> None:
    question = DiscordQuestion(CHANNEL_ID, "2", GUILD_ID, READER, f"<@{BOT_ID}> who said \ud83d about Riga", False,
                               None, True)
    kept = encode_question(question)
    assert kept.isascii()
    db = await open_store(backend, tmp_path)
    try:
        assert await AnsweredStore(db, owner=DIED).claim(ChannelRef("discord", CHANNEL_ID), "2", now=NOW,
                                                         question=kept)
        [left] = await AnsweredStore(db).left_undone("discord")
        assert decode_question(left.question) == question
    finally:
        await db.close()
