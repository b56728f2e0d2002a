"""A normal stop (close(), as `briefbot run` on SIGTERM) takes no new message to answer, then lets the mention and DM
answers in flight finish, for up to a bound: one finished is posted once and marked done (the next run answers
nothing); one still running past the bound is cut off, its claim left undone, and the next run answers it once at its
start; a message that comes in while stopping is claimed, not answered, and the next run answers it at its start. The
real adapter over the local Discord, which holds the answer's post in flight; its claims in the store."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

import discord
import pytest
from discord_harness import NOW, Recorder, discord_config
from fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from mention_messages import push_message
from test_discord_answered_once import Started, WatchedClaims, end, open_store
from test_discord_answered_once import started as started  # the fixture

from adapters.discord import DiscordAdapter
from bot.answered import AnsweredMessages
from bot.store.answered import AnsweredStore

NO_LIMIT = 3600.0  # a bound no test reaches: a stop that waited for it would fail the test's 5 s guard instead
REPLY = rf"/channels/{CHANNEL_ID}/messages"
KEY = f"discord:{CHANNEL_ID}"


async def begin(fake: FakeDiscord, recorder: Recorder, claims: AnsweredMessages, started: Started, *,
                drain_seconds: float = NO_LIMIT) -> DiscordAdapter:
    """A run's adapter with ``claims`` and the stop's bound ``drain_seconds``: connected, READY, done with the claims
    other runs left undone."""
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, guild_ready_timeout=0.05,
                             drain_seconds=drain_seconds)
    adapter.answered_messages = claims
    task = asyncio.create_task(adapter.run(recorder.dispatcher))
    started.append((adapter, task))
    await asyncio.wait_for(adapter.caught_up.wait(), 5)
    return adapter


def closing(started: Started, adapter: DiscordAdapter) -> tuple[asyncio.Task[None], asyncio.Task[None]]:
    """close() called (the process was told to stop), not awaited; with the adapter's run() task."""
    [(_, run)] = [(a, t) for a, t in started if a is adapter]
    started.remove((adapter, run))
    return asyncio.create_task(adapter.close()), run


def recent_id() -> str:
    """A message id that says it was sent a minute before NOW: recent enough for the next run to answer it."""
    return str(discord.utils.time_snowflake(NOW - timedelta(minutes=1)))


def posted(fake: FakeDiscord) -> list[str]:
    """The messages Discord took in, in the channel: the answers, as their text."""
    return [str(m["content"]) for m in fake.messages.get(CHANNEL_ID, [])]


def answer_to(topic: str) -> str:
    """What the recorder's ``echo`` answers a mention asking ``echo <topic>``."""
    return f"echo: {{'text': '{topic}'}}"


async def stopping(started: Started, adapter: DiscordAdapter, how: str
                   ) -> tuple[asyncio.Task[None], asyncio.Task[None]]:
    """Stop the adapter as ``how`` says: "close" (close() while run() serves), or "run" (as `briefbot run` does: its
    run() task cancelled first, which stops reading the gateway, then close())."""
    if how == "close":
        return closing(started, adapter)
    [(_, run)] = [(a, t) for a, t in started if a is adapter]
    started.remove((adapter, run))
    run.cancel()
    await asyncio.gather(run, return_exceptions=True)
    return asyncio.create_task(adapter.close()), run


@pytest.mark.parametrize(("backend", "how"), [("sqlite", "close"), ("postgresql", "close"), ("sqlite", "run")])
async def test_a_normal_stop_lets_an_answer_in_flight_finish_and_marks_it_done(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path, caplog: pytest.LogCaptureFixture,
        backend: str, how: str) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.client")
    db = await open_store(backend, tmp_path)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        first = await begin(fake, recorder, claims, started)
        fake.hold("POST", REPLY)  # Discord is slow to take the answer in
        asked = await push_message(fake, f"<@{BOT_ID}> echo Riga", message_id=recent_id())
        await fake.wait_for(lambda: fake.held == [REPLY])  # the answer is being posted
        close, run = await stopping(started, first, how)
        await asyncio.wait_for(first.draining.wait(), 5)  # stopped taking messages: the answer still in flight
        assert not close.done() and run.done() == (how == "run")
        assert posted(fake) == [] and claims.finished == []
        fake.release()
        await asyncio.wait_for(close, 5)
        await asyncio.wait_for(asyncio.gather(run, return_exceptions=True), 5)
        assert posted(fake) == [answer_to("Riga")] and claims.finished == [(KEY, asked)]
        assert await AnsweredStore(db).left_undone("discord") == []
        second_claims = WatchedClaims(AnsweredStore(db))
        second = await begin(fake, recorder, second_claims, started)
        assert second_claims.taken == [] and second_claims.finished == []  # nothing left for the next run
        await end(started, second)
    finally:
        await db.close()
    assert [i.args for i in recorder.seen] == ["Riga"] and posted(fake) == [answer_to("Riga")]
    assert "discord: stopped taking messages; letting 1 answer(s) in flight finish (up to 3600 s)" in caplog.messages
    assert not any("cut off" in m for m in caplog.messages)


async def test_an_answer_still_running_past_the_bound_is_cut_off_and_answered_once_by_the_next_start(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    """The bound is 0 here: nothing in flight is waited for, as when an answer outlasts DRAIN_SECONDS."""
    caplog.set_level(logging.INFO, logger="adapters.discord.client")
    db = await open_store("sqlite", tmp_path)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        first = await begin(fake, recorder, claims, started, drain_seconds=0)
        fake.hold("POST", REPLY)  # never taken in while the first run lives
        asked = await push_message(fake, f"<@{BOT_ID}> echo Riga", message_id=recent_id())
        await fake.wait_for(lambda: fake.held == [REPLY])
        await asyncio.wait_for(end(started, first), 5)
        assert claims.decided == [(KEY, asked, True)] and claims.finished == []
        [undone] = await AnsweredStore(db).left_undone("discord")
        assert (undone.channel.key, undone.message) == (KEY, asked)
        assert posted(fake) == []
        second_claims = WatchedClaims(AnsweredStore(db))
        second = await begin(fake, recorder, second_claims, started)
        assert second_claims.taken == [(KEY, asked, True)] and second_claims.finished == [(KEY, asked)]
        assert posted(fake) == [answer_to("Riga")]
        await end(started, second)
        assert await AnsweredStore(db).left_undone("discord") == []
    finally:
        fake.release()  # the first run's post, abandoned: the fake may now end its request
        await db.close()
    assert [i.args for i in recorder.seen] == ["Riga", "Riga"]  # worked out twice, taken in once by Discord
    assert ("discord: 1 answer(s) still running 0 s after stopping were cut off; the next run answers them at its "
            "start") in caplog.messages


async def test_a_message_that_comes_in_while_stopping_is_left_for_the_next_run(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path) -> None:
    db = await open_store("sqlite", tmp_path)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        first = await begin(fake, recorder, claims, started)
        fake.hold("POST", REPLY)
        asked = await push_message(fake, f"<@{BOT_ID}> echo Riga", message_id=recent_id())
        await fake.wait_for(lambda: fake.held == [REPLY])
        close, run = closing(started, first)
        await asyncio.wait_for(first.draining.wait(), 5)
        later = await push_message(fake, f"<@{BOT_ID}> echo Vilnius",
                                   message_id=str(discord.utils.time_snowflake(NOW - timedelta(seconds=30))))
        await claims.wait_for(decided=2)  # claimed, not answered
        assert claims.decided == [(KEY, asked, True), (KEY, later, True)]
        fake.release()
        await asyncio.wait_for(close, 5)
        await asyncio.wait_for(run, 5)
        assert posted(fake) == [answer_to("Riga")] and claims.finished == [(KEY, asked)]
        assert [i.args for i in recorder.seen] == ["Riga"]
        second_claims = WatchedClaims(AnsweredStore(db))
        second = await begin(fake, recorder, second_claims, started)
        assert second_claims.taken == [(KEY, later, True)] and second_claims.finished == [(KEY, later)]
        assert posted(fake) == [answer_to("Riga"), answer_to("Vilnius")]
        assert [i.args for i in recorder.seen] == ["Riga", "Vilnius"]
        await end(started, second)
    finally:
        await db.close()


async def test_with_nothing_in_flight_a_stop_does_not_wait_for_the_bound(
        fake: FakeDiscord, recorder: Recorder, started: Started, tmp_path: Path) -> None:
    db = await open_store("sqlite", tmp_path)
    try:
        claims = WatchedClaims(AnsweredStore(db))
        adapter = await begin(fake, recorder, claims, started)  # the bound is an hour
        asked = await push_message(fake, f"<@{BOT_ID}> echo Riga", message_id=recent_id())
        await claims.wait_for(finished=1)
        assert claims.finished == [(KEY, asked)]
        close, run = closing(started, adapter)
        await asyncio.wait_for(close, 5)  # at once: well within the test's guard, far from the hour
        await asyncio.wait_for(run, 5)
        assert adapter.draining.is_set() and posted(fake) == [answer_to("Riga")]
    finally:
        await db.close()

