"""Shared pieces of the response_url tests: a lost-answer log watch, a refused private command, fake deliveries."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest
from fake_slack import Failure, FakeSlack, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, make_adapter, run_adapter

from adapters.slack.app import CommandHandler, ManagerCheck
from bot.commands.base import Reply
from bot.models import ChannelRef
from digests.render_slack import SlackMessage
from tests.log_watch import Heard


class Lost(Heard):
    """Sets ``event`` at the warning whose message holds ``text`` (that an answer was lost)."""

    def __init__(self, text: str = "was lost") -> None:
        super().__init__(text, logging.WARNING)


REFUSED_CHANNELS = pytest.mark.parametrize(("channel", "refusal"), [("C0QUIET", "not_in_channel"),
                                                                     ("D0TWOPEOPLE", "channel_not_found")])


@contextmanager
def slack_logs(handler: logging.Handler) -> Iterator[None]:
    """``handler`` hears the Slack adapter's log while the block runs."""
    logger = logging.getLogger("adapters.slack")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def refuse_channel(fake: FakeSlack, channel: str, refusal: str) -> None:
    """The channel refuses the bot: ``not_in_channel``, or ``channel_not_found`` (a DM between two people)."""
    if refusal == "not_in_channel":
        fake.not_in_channel.add(channel)
    else:
        fake.missing_channels.add(channel)


async def refused_private_help(fake: FakeSlack, running: Running, channel: str, refusal: str,
                               handler: logging.Handler, heard: asyncio.Event) -> None:
    """``channel`` refuses the bot (see ``refuse_channel``); U0ALICE asks ``/brief help`` (a private answer) there and
    its response_url fails all four tries of the test policy; returns once ``handler`` has set ``heard``."""
    refuse_channel(fake, channel, refusal)
    with slack_logs(handler):
        await run_adapter(running, make_adapter(fake, RecordingSleep(), mode="socket"), command_dispatcher())
        fake.fail_next("respond", *[Failure(status=500)] * 4)  # the test policy: four tries
        await fake.push_slash_command(slash_payload("help", response_url=fake.response_url(), user_id="U0ALICE",
                                                    channel_id=channel))
        await asyncio.wait_for(heard.wait(), 5)


class Respond:
    """A response_url: answers the statuses (or raises the errors) given, then 200; ``calls`` counts its uses."""

    def __init__(self, *answers: int | BaseException) -> None:
        self.answers = list(answers)
        self.texts: list[str] = []
        self.calls = 0

    def uses(self, answer: int | BaseException) -> int:
        """How many uses of the response_url one answer costs."""
        return 1

    async def __call__(self, **kwargs: Any) -> Any:
        answer = self.answers.pop(0) if self.answers else 200
        self.calls += self.uses(answer)
        if isinstance(answer, BaseException):
            raise answer
        if answer == 200:
            self.texts.append(kwargs["text"])
        return SimpleNamespace(status_code=answer, body="" if answer == 200 else "trouble", headers={})


class Posted:
    """Records the texts posted in the channel instead; answers message ids ``<prefix>.<n>``."""

    def __init__(self, prefix: str = "17") -> None:
        self.prefix = prefix
        self.texts: list[str] = []

    async def __call__(self, channel: ChannelRef, messages: Sequence[SlackMessage]) -> list[str]:
        self.texts += [m.text for m in messages]
        return [f"{self.prefix}.{n}" for n in range(len(messages))]


def command_handler(sleep: RecordingSleep, posted: Posted) -> CommandHandler:
    """A CommandHandler that only delivers (nothing is dispatched), posting in the channel through ``posted``."""
    async def dispatch(_invocation: Any) -> Reply:
        raise AssertionError("not dispatched here")

    managers = ManagerCheck(client=None, admins=frozenset(), clock=lambda: NOW)  # type: ignore[arg-type]
    return CommandHandler(dispatch=dispatch, managers=managers, clock=lambda: NOW, post_messages=posted,
                          sleep=sleep, post_instead=posted)
