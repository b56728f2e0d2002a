""""briefbot is typing…" while a mention is answered, end to end: POST /channels/{id}/typing before the reply,
and a typing endpoint that refuses or fails never keeps the answer from going out."""

from __future__ import annotations

import logging

import pytest
from discord_harness import Recorder
from fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from mention_messages import answering, assert_reply_to, push_message, replies

TYPING = rf"/channels/{CHANNEL_ID}/typing"
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"


def position(fake: FakeDiscord, pattern: str) -> list[int]:
    """Where the POSTs to ``pattern`` are in the order the local Discord received requests."""
    return [n for n, r in enumerate(fake.requests) if r in fake.calls("POST", pattern)]


async def test_typing_shows_while_the_answer_is_worked_out(fake: FakeDiscord, recorder: Recorder) -> None:
    async with answering(fake, recorder.dispatcher):
        asked = await push_message(fake, f"<@{BOT_ID}> wait")  # answers when the test releases it
        await fake.wait_for(lambda: bool(fake.calls("POST", TYPING)))
        assert replies(fake) == []  # typing shows while the answer is not there yet
        recorder.release.set()
        await fake.wait_for(lambda: bool(replies(fake)))
    [body] = replies(fake)
    assert_reply_to(body, asked)
    assert body["content"] == "done waiting"
    [typing] = position(fake, TYPING)
    [reply] = position(fake, MESSAGES)
    assert typing < reply
    assert fake.calls("POST", TYPING)[0].body is None  # Discord's typing call has no body


@pytest.mark.parametrize("status", [403, 500])
async def test_a_typing_call_that_fails_never_stops_the_answer(fake: FakeDiscord, recorder: Recorder, status: int,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    fake.fail("POST", TYPING, status, count=10)
    # typing_wait=0: the reply does not wait for a typing call discord.py is still retrying (500s)
    async with answering(fake, recorder.dispatcher, typing_wait=0.0):
        asked = await push_message(fake, f"<@{BOT_ID}> wait")
        await fake.wait_for(lambda: bool(fake.calls("POST", TYPING)))
        recorder.release.set()
        await fake.wait_for(lambda: bool(replies(fake)))
        again = await push_message(fake, f"<@{BOT_ID}> echo still answering")
        await fake.wait_for(lambda: len(replies(fake)) == 2)
    first, second = replies(fake)
    assert_reply_to(first, asked)
    assert_reply_to(second, again)
    assert first["content"] == "done waiting" and "still answering" in second["content"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("adapters.")]
    if status == 403:  # refused at once: one line saying so (a 500 is still being retried when the answer is out)
        assert any("could not show typing" in r.getMessage() and f"discord:{CHANNEL_ID}" in r.getMessage()
                   and "HTTP 403" in r.getMessage() for r in caplog.records)
