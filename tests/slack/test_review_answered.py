"""Review of Slack's answered-once: a question carrying half an emoji (a lone surrogate) is claimed and kept on SQLite
and PostgreSQL; a hostile question kept with a claim is read as none; the start-up pass's one-hour bound counts from the
message itself, so a question each run stops on is not answered again at every start for ever; and `store copy`
keeps the claims' questions and the channels' languages (schema v16, v17)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_helpers import command_dispatcher

from adapters.slack.direct_message import DirectMessageHandler
from adapters.slack.left_unanswered import ANSWER_WITHIN, LeftUnanswered
from adapters.slack.mention import AnsweredOnce, MentionHandler
from adapters.slack.question import MENTION, Question, decode_question, encode_question
from adapters.slack.translate import SlackMention
from bot.commands.base import Invocation
from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.copy import copy_store
from bot.store.db import Database
from digests.render_slack import SlackMessage
from tests import pg

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
CHANNEL = ChannelRef("slack", "C0DESK")


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'review.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_review_answered"))
    database = await Database.open(url)
    yield database
    await database.close()


def asked(text: str, *, at: datetime) -> Question:
    """A mention in CHANNEL written at ``at`` (its ts is that time, as Slack's are)."""
    ts = f"{at.timestamp():.6f}"
    return Question(MENTION, SlackMention(text=text, user_id="U0READER", channel_id=CHANNEL.id, ts=ts, thread_ts=ts))


async def test_a_question_with_a_lone_surrogate_is_claimed_and_kept_as_written(db: Database) -> None:
    question = asked("<@U0BOT> whosaid Riga \ud83d", at=NOW)  # half an emoji, as a JSON escape can carry it
    claims = AnsweredStore(db, owner="run-a")
    assert await claims.claim(CHANNEL, question.message.ts, now=NOW, question=encode_question(question))
    [undone] = await AnsweredStore(db, owner="run-b").left_undone("slack")
    assert decode_question(undone.question) == question
    assert not await claims.claim(CHANNEL, question.message.ts, now=NOW)  # this run's: not answered twice


def test_a_hostile_question_kept_with_a_claim_is_read_as_none() -> None:
    fields = '"kind":"mention","channel":"C0DESK","ts":"1.0","thread_ts":"1.0","user":"U0READER"'
    assert decode_question("[" * 200_000 + "]" * 200_000) is None  # nested past the parser's depth
    assert decode_question("{" + fields + "}") is None  # no text
    assert decode_question("{" + fields + ',"text":7}') is None  # text of another type
    assert decode_question('{"kind":"reaction",' + fields[18:] + ',"text":"hi"}') is None  # an unknown kind
    assert decode_question("\ud800 not json") is None
    huge = decode_question("{" + fields + ',"text":"' + "Riga " * 40_000 + '"}')
    assert huge is not None and len(huge.message.text) == 200_000


def test_when_a_message_was_written_is_read_from_its_ts() -> None:
    assert asked("hi", at=NOW).asked_at() == NOW
    for ts in ("", "not-a-ts", "nan", "1e400"):
        kept = Question(MENTION, SlackMention(text="hi", user_id="U", channel_id=CHANNEL.id, ts=ts, thread_ts=ts))
        assert kept.asked_at() is None


class Posted:
    """Where the answers go: every message posted in a thread."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    async def __call__(self, channel: ChannelRef, messages: Sequence[SlackMessage], thread_ts: str, *,
                       only_to: str = "") -> list[str]:
        self.threads.append(thread_ts)
        return ["1.0"]


def start_up_pass(db: Database, owner: str, posted: Posted, seen: list[Invocation]) -> LeftUnanswered:
    """The pass a Slack adapter of run ``owner`` makes when it starts, its answers posted to ``posted``."""
    dispatch = command_dispatcher(seen)
    answered = AnsweredOnce(AnsweredStore(db, owner=owner))

    async def nowhere(channel: ChannelRef, messages: Sequence[SlackMessage]) -> list[str]:
        raise AssertionError("no DM here")

    async def managers(user: str, channel: str) -> bool:
        return False

    mentions = MentionHandler(dispatch=dispatch, clock=lambda: NOW, post_in_thread=posted, answered=answered)
    direct = DirectMessageHandler(dispatch=dispatch, clock=lambda: NOW, managers=managers, post_messages=nowhere,
                                  post_in_thread=posted, answered=answered)
    return LeftUnanswered(answered, mentions, direct, clock=lambda: NOW)


async def test_a_question_each_run_stops_on_is_not_answered_again_past_an_hour_from_when_it_was_asked(
        db: Database) -> None:
    question = asked("<@U0BOT> whosaid Riga", at=NOW - timedelta(hours=2))
    ts = question.message.ts
    # run 1 claimed it when it came, two hours ago, and stopped; run 2 took it over at its start 5 minutes ago (which
    # renews claimed_at) and stopped again before its answer was out
    assert await AnsweredStore(db, owner="run-1").claim(CHANNEL, ts, now=NOW - timedelta(hours=2),
                                                        question=encode_question(question))
    [left] = await AnsweredStore(db, owner="run-2").left_undone("slack")
    assert await AnsweredStore(db, owner="run-2").take_over(left, now=NOW - timedelta(minutes=5))
    posted, seen = Posted(), list[Invocation]()
    assert await start_up_pass(db, "run-3", posted, seen).answer_all("U0BOT") == 0
    assert posted.threads == [] and seen == []  # more than ANSWER_WITHIN after it was asked: not answered
    assert await AnsweredStore(db, owner="run-4").left_undone("slack") == []  # marked done, its question cleared


async def test_a_recent_question_left_unanswered_is_still_answered_once(db: Database) -> None:
    question = asked("<@U0BOT> whosaid Riga", at=NOW - ANSWER_WITHIN / 2)
    ts = question.message.ts
    assert await AnsweredStore(db, owner="run-1").claim(CHANNEL, ts, now=NOW - ANSWER_WITHIN / 2,
                                                        question=encode_question(question))
    posted, seen = Posted(), list[Invocation]()
    assert await start_up_pass(db, "run-2", posted, seen).answer_all("U0BOT") == 1
    assert posted.threads == [ts] and [i.args for i in seen] == ["Riga"]
    assert await start_up_pass(db, "run-3", Posted(), seen).answer_all("U0BOT") == 0  # once


async def test_store_copy_keeps_the_claims_with_their_questions_and_the_channels_languages(tmp_path: Path) -> None:
    question = asked("<@U0BOT> qui a dit quoi sur Valdmère ? \ud83d", at=NOW)
    source = await Database.open(f"sqlite:///{tmp_path / 'source.db'}")
    middle = await Database.open(await pg.fresh_database("briefbot_test_review_copy"))
    target = await Database.open(f"sqlite:///{tmp_path / 'target.db'}")
    try:
        assert await AnsweredStore(source, owner="run-a").claim(CHANNEL, question.message.ts, now=NOW,
                                                                question=encode_question(question))
        await ChannelStore(source).ensure(CHANNEL, ChannelDefaults("daily 08:00", "UTC"), now=NOW)
        await ChannelStore(source).set_languages(CHANNEL, ("no", "fr"))
        await copy_store(source, middle)
        await copy_store(middle, target)
        [undone] = await AnsweredStore(target, owner="run-b").left_undone("slack")
        assert (undone.owner, undone.claimed_at, decode_question(undone.question)) == ("run-a", NOW, question)
        copied = await ChannelStore(target).get(CHANNEL)
        assert copied is not None and copied.languages == ("no", "fr")
    finally:
        for db in (source, middle, target):
            await db.close()
