"""The start-up pass over claims a stopped run left undone: one claim whose answer fails does not stop the rest."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.answered import AnsweredOnce, KeptQuestions, UndoneClaim, answer_left_undone
from bot.models import ChannelRef
from bot.store.answered import AnsweredStore
from bot.store.db import Database

NOW = datetime(2031, 3, 2, 9, 0, tzinfo=UTC)
NEWSROOM = ChannelRef("slack", "C0NEWS")


@dataclass(frozen=True)
class Kept:
    text: str

    def asked_at(self) -> datetime | None:
        return None


async def test_a_failing_answer_is_logged_and_the_next_claim_is_still_answered(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'claims.db'}")
    try:
        stopped_run = AnsweredStore(db, owner="run-that-stopped")
        for message, question in (("m1", "first"), ("m2", "second")):
            assert await stopped_run.claim(NEWSROOM, message, now=NOW - timedelta(minutes=5), question=question)
        answered: list[str] = []

        async def answer(question: Kept) -> None:
            if question.text == "first":
                raise RuntimeError("chat platform said no")
            answered.append(question.text)

        def read(claim: UndoneClaim) -> Kept | None:
            return Kept(claim.question) if claim.question else None

        questions = KeptQuestions(read=read, kind=lambda q: "mention", answer=answer,
                                  unreadable="they stay unanswered", unkept="left as it is")
        once = AnsweredOnce(claims=AnsweredStore(db, owner="this-run"), platform="slack")
        with caplog.at_level(logging.WARNING):
            count = await answer_left_undone(once, questions, now=lambda: NOW, within=timedelta(hours=1),
                                             stopped=lambda: False, log=logging.getLogger("test.left"))
        assert answered == ["second"] and count == 1
        assert "could not answer message m1 in slack:C0NEWS" in caplog.text and "chat platform said no" in caplog.text
    finally:
        await db.close()
