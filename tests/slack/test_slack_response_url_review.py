"""Review of response_url answers: a private answer whose chat.postEphemeral fallback is refused too (the bot is
not in the channel, or the command came from a DM between two people) is logged as lost; the listener carries
on. A connection error slack_sdk already tried twice counts as two of response_url's five uses."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from fake_slack import Failure, FakeSlack, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, make_adapter, run_adapter

from adapters.slack.app import CommandHandler, ManagerCheck
from adapters.slack.respond import RESPONSE_URL_USES
from adapters.slack.translate import reply_messages
from bot.commands.base import Reply
from bot.models import ChannelRef
from digests.render_slack import SlackMessage

# the errors slack_sdk's webhook client tries once more itself (AsyncConnectionErrorRetryHandler)
SDK_RETRIED = (aiohttp.ServerConnectionError, aiohttp.ClientOSError)


class Lost(logging.Handler):
    """Sets ``seen`` at the warning that an answer was lost."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = asyncio.Event()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "was lost" in record.getMessage():
            self.messages.append(record.getMessage())
            self.seen.set()


@pytest.mark.parametrize(("channel", "refusal"), [("C0QUIET", "not_in_channel"), ("D0TWOPEOPLE", "channel_not_found")])
async def test_a_private_answer_the_bot_cannot_post_either_is_logged_as_lost(
        fake: FakeSlack, running: Running, channel: str, refusal: str) -> None:
    if refusal == "not_in_channel":
        fake.not_in_channel.add(channel)
    else:
        fake.missing_channels.add(channel)
    lost = Lost()
    logger = logging.getLogger("adapters.slack")
    logger.addHandler(lost)
    try:
        await run_adapter(running, make_adapter(fake, RecordingSleep(), mode="socket"), command_dispatcher())
        fake.fail_next("respond", *[Failure(status=500)] * 4)  # the test policy: four tries
        await fake.push_slash_command(slash_payload("help", response_url=fake.response_url(), user_id="U0ALICE",
                                                    channel_id=channel))
        await asyncio.wait_for(lost.seen.wait(), 5)
        [message] = lost.messages
        assert "privately" in message and channel in message and refusal in message
        assert fake.ephemerals == [] and fake.messages == []
        # the listener survived: the next command is answered through its response_url
        await fake.push_slash_command(slash_payload("whosaid Varn", response_url=fake.response_url()))
        await fake.wait_for(lambda: len(fake.responses) == 1)
    finally:
        logger.removeHandler(lost)


class SdkRespond:
    """bolt's respond as slack_sdk's webhook client runs it: a connection error (reset, disconnected) is tried once
    more inside the SDK before it is raised, so each such failure is two POSTs to the response_url, two uses."""

    def __init__(self, *answers: int | BaseException) -> None:
        self.answers = list(answers)
        self.texts: list[str] = []
        self.posts = 0

    async def __call__(self, **kwargs: Any) -> Any:
        answer = self.answers.pop(0) if self.answers else 200
        self.posts += 2 if isinstance(answer, SDK_RETRIED) else 1
        if isinstance(answer, BaseException):
            raise answer
        if answer == 200:
            self.texts.append(kwargs["text"])
        return SimpleNamespace(status_code=answer, body="" if answer == 200 else "trouble", headers={})


class Posted:
    def __init__(self) -> None:
        self.texts: list[str] = []

    async def __call__(self, channel: ChannelRef, messages: Sequence[SlackMessage]) -> list[str]:
        self.texts += [m.text for m in messages]
        return [f"18.{n}" for n in range(len(messages))]


async def test_connection_errors_the_sdk_retried_count_as_two_uses() -> None:
    reply = Reply("\n\n".join(f"Paragraph {n} on the Quillmoor tram depot. " + "platform " * 900 for n in range(2)))
    messages = reply_messages(reply)
    assert len(messages) == 2
    sleep, posted = RecordingSleep(), Posted()
    respond = SdkRespond(aiohttp.ServerDisconnectedError(), aiohttp.ClientOSError(104, "Connection reset by peer"))

    async def dispatch(_invocation: Any) -> Reply:
        raise AssertionError("not dispatched here")

    managers = ManagerCheck(client=None, admins=frozenset(), clock=lambda: NOW)  # type: ignore[arg-type]
    handler = CommandHandler(dispatch=dispatch, managers=managers, clock=lambda: NOW, post_messages=posted,
                             sleep=sleep, post_instead=posted)
    await handler.deliver("C0NEWS", reply, respond)  # type: ignore[arg-type]
    assert respond.posts <= RESPONSE_URL_USES  # never a sixth POST, which Slack refuses (used_url)
    assert respond.texts + posted.texts == [m.text for m in messages]  # each part once, in order
