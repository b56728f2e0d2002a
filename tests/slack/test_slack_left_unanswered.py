"""A mention or DM claimed by a run that stopped before answering it, never delivered again (bolt acknowledged it):
the next run answers it once when its Slack adapter starts, from the question kept with the claim; a run after that
answers nothing; one claimed too long ago is marked done unanswered. The real adapter over the local Slack, its
claims in the store (SQLite or PostgreSQL)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import test_slack_answered_once as answered_once
from fake_slack import FakeSlack, im_message_event
from slack_helpers import NOW, Running
from test_slack_answered_once import CHANNEL, DM, WatchedClaims, in_dm, in_thread, mention, send, start, stop

from adapters.slack import SlackAdapter
from adapters.slack.left_unanswered import ANSWER_WITHIN
from adapters.slack.question import DIRECT_MESSAGE, MENTION, Kind, Question, encode_question
from adapters.slack.translate import parse_direct_message, parse_mention
from bot.commands.base import Invocation
from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.db import Database

DIED = "run-that-died"


def asked(kind: Kind, question: str) -> tuple[dict[str, Any], Callable[[FakeSlack], list[dict[str, Any]]]]:
    """An event of ``kind`` asking ``question``, and where its answers go."""
    if kind == MENTION:
        event = mention(question)
        return event, lambda fake: in_thread(fake, event)
    return im_message_event(question, channel=DM), in_dm


async def claimed_by_a_run_that_died(db: Database, kind: Kind, event: dict[str, Any], *, ago: timedelta) -> None:
    """What run DIED left in the store: the event claimed, with its question, ``ago`` before NOW; never done."""
    parsed = parse_mention(event) if kind == MENTION else parse_direct_message(event)
    assert parsed is not None
    question = encode_question(Question(kind, parsed))
    assert await AnsweredStore(db, owner=DIED).claim(ChannelRef("slack", event["channel"]), event["ts"],
                                                     now=NOW - ago, question=question)


async def caught_up(adapter: SlackAdapter) -> None:
    await asyncio.wait_for(adapter.caught_up.wait(), 5)


@pytest.mark.parametrize(("kind", "mode", "backend"), [(MENTION, "socket", "sqlite"), (MENTION, "http", "postgresql"),
                                                       (DIRECT_MESSAGE, "socket", "sqlite")])
async def test_a_question_left_unanswered_by_a_run_that_died_is_answered_once_by_the_next_run_at_its_start(
        fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: Kind, mode: str,
        backend: str) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack.left_unanswered")
    url = await answered_once.store_url(backend, tmp_path)
    seen: list[Invocation] = []
    event, answers = asked(kind, "whosaid Riga")
    db = await Database.open(url)
    try:
        await claimed_by_a_run_that_died(db, kind, event, ago=timedelta(minutes=10))
        claims = WatchedClaims(AnsweredStore(db))
        second = await start(running, fake, mode, seen, claims)  # no redelivery: Slack had its acknowledgement
        await caught_up(second)
        assert claims.taken == [(f"slack:{event['channel']}", event["ts"], True)]
        assert claims.finished == [(f"slack:{event['channel']}", event["ts"])]
        assert len(answers(fake)) == 1 and [i.args for i in seen] == ["Riga"]  # "<@U0BOT>" read as the bot
        await send(fake, second, mode, event, retry=1)  # a late redelivery after all: not again
        await claims.wait_for(1)
        assert claims.decided == [(f"slack:{event['channel']}", event["ts"], False)]
        await stop(running, second)
        third_claims = WatchedClaims(AnsweredStore(db))
        third = await start(running, fake, mode, seen, third_claims)
        await caught_up(third)
        assert third_claims.taken == [] and third_claims.finished == []  # nothing left undone
        await stop(running, third)
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga"] and len(answers(fake)) == 1 and len(fake.messages) == 1
    started = [r.getMessage() for r in caplog.records if "left unanswered by a run that stopped" in r.getMessage()]
    assert len(started) == 1 and started[0].startswith(f"slack: answering a {kind} left unanswered by a run that "
                                                        f"stopped: message {event['ts']} in slack:{event['channel']}")


async def test_a_question_left_unanswered_longer_ago_than_the_bound_is_marked_done_not_answered(
        fake: FakeSlack, running: Running, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    stale, recent = mention("whosaid Riga"), mention("whosaid Vilnius")
    db = await Database.open(url)
    try:
        await claimed_by_a_run_that_died(db, MENTION, stale, ago=ANSWER_WITHIN + timedelta(minutes=1))
        await claimed_by_a_run_that_died(db, MENTION, recent, ago=ANSWER_WITHIN)  # just within: answered
        claims = WatchedClaims(AnsweredStore(db))
        adapter = await start(running, fake, "socket", seen, claims)
        await caught_up(adapter)
        assert sorted(claims.finished) == sorted((f"slack:{CHANNEL}", e["ts"]) for e in (stale, recent))
        assert in_thread(fake, stale) == [] and len(in_thread(fake, recent)) == 1
        await fake.send_event(stale, retry=3)  # done: not answered on a redelivery either
        await claims.wait_for(1)
        assert claims.decided == [(f"slack:{CHANNEL}", stale["ts"], False)]
        await stop(running, adapter)
        assert await AnsweredStore(db).left_undone("slack") == []
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Vilnius"] and len(fake.messages) == 1
    [too_old] = [r for r in caplog.records if "marked done" in r.getMessage()]
    assert too_old.levelno == logging.WARNING
    assert too_old.getMessage() == (f"slack: message {stale['ts']} in slack:{CHANNEL} was left unanswered by a run "
                                    "that stopped 61 min ago; not answered now (more than 60 min late), marked done")


async def test_a_redelivery_coming_while_the_start_answers_the_same_question_is_answered_once(
        fake: FakeSlack, running: Running, tmp_path: Path) -> None:
    """Whichever of the start-up pass and the redelivery takes the claim over first answers; the other does not."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    event = mention("whosaid Riga")
    db = await Database.open(url)
    try:
        await claimed_by_a_run_that_died(db, MENTION, event, ago=timedelta(minutes=2))
        claims = WatchedClaims(AnsweredStore(db))
        adapter = await start(running, fake, "http", seen, claims)
        await send(fake, adapter, "http", event, retry=1)
        await caught_up(adapter)
        await claims.wait_for(1)
        await claims.wait_for_done(1)
        await stop(running, adapter)
    finally:
        await db.close()
    won = [w for (_, _, w) in claims.taken] + [w for (_, _, w) in claims.decided]
    assert sorted(won) == [False, True] and claims.finished == [(f"slack:{CHANNEL}", event["ts"])]
    assert [i.args for i in seen] == ["Riga"] and len(in_thread(fake, event)) == 1 and len(fake.messages) == 1


async def test_a_claim_kept_without_a_question_it_can_read_is_left_for_a_redelivery(
        fake: FakeSlack, running: Running, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    seen: list[Invocation] = []
    event, other = mention("whosaid Riga"), mention("whosaid Vilnius")
    db = await Database.open(url)
    try:
        died = AnsweredStore(db, owner=DIED)
        assert await died.claim(ChannelRef("slack", CHANNEL), event["ts"], now=NOW)
        parsed = parse_mention(other)
        assert parsed is not None
        for question in ("not JSON", '{"kind": "reaction"}', encode_question(Question(MENTION, parsed))):
            ts = f"{other['ts']}{len(question)}"  # the last: the question of another message
            assert await died.claim(ChannelRef("slack", CHANNEL), ts, now=NOW, question=question)
        claims = WatchedClaims(AnsweredStore(db))
        adapter = await start(running, fake, "socket", seen, claims)
        await caught_up(adapter)
        assert claims.taken == [] and fake.messages == []
        await fake.send_event(event, retry=1)
        await claims.wait_for_done(1)
        assert claims.decided == [(f"slack:{CHANNEL}", event["ts"], True)]  # taken over by the redelivery
        await stop(running, adapter)
    finally:
        await db.close()
    assert [i.args for i in seen] == ["Riga"] and len(in_thread(fake, event)) == 1
