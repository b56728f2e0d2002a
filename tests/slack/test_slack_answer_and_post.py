"""What the mention and direct-message handlers share: a failing answer becomes the error reply, a failing post
is logged with the channel, and neither ever raises out of the handler."""

from __future__ import annotations

import logging

import pytest

from adapters.slack.mention import ERROR_REPLY, answer_and_post
from bot.adapter import PostError
from bot.commands.base import Reply
from bot.models import ChannelRef

CHANNEL = ChannelRef("slack", "D042")


async def test_the_answer_is_posted_as_given() -> None:
    posted: list[Reply] = []

    async def answer() -> Reply:
        return Reply("Who said what about Lisport: ...")

    async def post(reply: Reply) -> None:
        posted.append(reply)

    await answer_and_post("a mention", CHANNEL, answer, post)
    assert posted == [Reply("Who said what about Lisport: ...")]


async def test_an_answer_that_raises_is_replaced_by_the_error_reply(caplog: pytest.LogCaptureFixture) -> None:
    posted: list[Reply] = []

    async def answer() -> Reply:
        raise RuntimeError("the store went away")

    async def post(reply: Reply) -> None:
        posted.append(reply)

    with caplog.at_level(logging.ERROR):
        await answer_and_post("a direct message", CHANNEL, answer, post)
    assert posted == [ERROR_REPLY] and ERROR_REPLY.error and ERROR_REPLY.ephemeral
    assert "answering a direct message in slack:D042 failed" in caplog.text and "the store went away" in caplog.text


@pytest.mark.parametrize("failure", [PostError(CHANNEL, "permanent", "not_in_channel", posted=["1.2"]),
                                     ConnectionResetError("peer went away")])
async def test_a_post_that_fails_is_logged_and_never_raises(failure: Exception,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    async def answer() -> Reply:
        return Reply("help text", ephemeral=True)

    async def post(reply: Reply) -> None:
        raise failure

    with caplog.at_level(logging.DEBUG):
        await answer_and_post("a mention", CHANNEL, answer, post)
    if isinstance(failure, PostError):
        assert "the answer to a mention in slack:D042 was not posted (permanent, 1 part(s) out): not_in_channel" \
            in caplog.text
    else:
        assert "posting the answer to a mention in slack:D042 failed" in caplog.text and "peer went away" in caplog.text
