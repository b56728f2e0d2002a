"""A long in-channel command reply that fails part-way in the channel is finished through response_url from the
first part not out, never repeating the parts already posted; a slash command's verb ends at any whitespace."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from adapters.slack.app import CommandHandler, ManagerCheck
from adapters.slack.translate import MAX_RESPONSES, SlashCommand, reply_messages, to_invocation
from bot.adapter import PostError
from bot.commands.base import Reply
from bot.commands.dispatch import DEFAULT_VERB, split_verb
from bot.models import ChannelRef
from digests.render_slack import SlackMessage

NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
VERBS = ("brief", "help", "whosaid", "subscribe", "schedule")


def long_reply(paragraphs: int) -> Reply:
    """An invented answer long enough to need several Slack messages."""
    return Reply("\n\n".join(f"Paragraph {n} on the Quillmoor ferry timetable. " + "crossing " * 560
                             for n in range(paragraphs)))


class Channel:
    """``post_messages`` that posts ``out`` parts, then fails with them as ``posted``."""

    def __init__(self, out: int) -> None:
        self.out = out
        self.posted: list[str] = []

    async def __call__(self, channel: ChannelRef, messages: Sequence[SlackMessage]) -> list[str]:
        self.posted = [m.text for m in messages[: self.out]]
        raise PostError(channel, "retryable", "ratelimited 429", posted=[f"17.{n}" for n in range(self.out)])


class Respond:
    def __init__(self) -> None:
        self.texts: list[str] = []

    async def __call__(self, **kwargs: Any) -> Any:
        self.texts.append(kwargs["text"])
        return SimpleNamespace(status_code=200, body="ok")


def handler(post: Channel) -> CommandHandler:
    async def dispatch(_invocation: Any) -> Reply:
        raise AssertionError("not dispatched here")

    managers = ManagerCheck(client=None, admins=frozenset(), clock=lambda: NOW)  # type: ignore[arg-type]
    return CommandHandler(dispatch=dispatch, managers=managers, clock=lambda: NOW,
                          post_messages=post)


async def test_a_reply_failing_part_way_answers_only_the_rest() -> None:
    reply = long_reply(16)
    messages = reply_messages(reply)
    assert len(messages) > MAX_RESPONSES + 2  # more than response_url allows
    out = len(messages) - MAX_RESPONSES  # the rest fits in response_url's five messages
    post, respond = Channel(out=out), Respond()
    await handler(post).deliver("C0NEWS", reply, respond)  # type: ignore[arg-type]
    assert post.posted == [m.text for m in messages[:out]]
    assert respond.texts == [m.text for m in messages[out:]]  # each part once: none in the channel answered again
    assert not set(post.posted) & set(respond.texts)


async def test_the_rest_past_five_parts_ends_in_a_note() -> None:
    reply = long_reply(16)
    messages = reply_messages(reply)
    post, respond = Channel(out=1), Respond()
    await handler(post).deliver("C0NEWS", reply, respond)  # type: ignore[arg-type]
    assert respond.texts[: MAX_RESPONSES - 1] == [m.text for m in messages[1:MAX_RESPONSES]]
    left = len(messages) - 1 - (MAX_RESPONSES - 1)
    assert len(respond.texts) == MAX_RESPONSES and f"{left} more parts" in respond.texts[-1]


async def test_a_reply_with_nothing_out_is_answered_from_its_first_part() -> None:
    reply = long_reply(16)
    messages = reply_messages(reply)
    respond = Respond()
    await handler(Channel(out=0)).deliver("C0NEWS", reply, respond)  # type: ignore[arg-type]
    assert respond.texts[: MAX_RESPONSES - 1] == [m.text for m in messages[: MAX_RESPONSES - 1]]
    assert len(respond.texts) == MAX_RESPONSES


@pytest.mark.parametrize(("text", "expected"), [
    ("whosaid\nVarn", ("whosaid", "Varn")),
    ("subscribe\tharbour", ("subscribe", "harbour")),
    ("schedule \t\n daily 07:30", ("schedule", "daily 07:30")),
    ("whosaid\nMira Okonde\nat the quay", ("whosaid", "Mira Okonde\nat the quay")),
    ("brief\nhelp", ("help", "")),
    ("help.", ("help", "")),
    ("harbour\tworks", (DEFAULT_VERB, "harbour\tworks")),
])
def test_the_verb_ends_at_any_whitespace(text: str, expected: tuple[str, str]) -> None:
    assert split_verb(text, VERBS) == expected


def test_a_slash_command_with_a_newline_after_its_verb_runs_that_verb() -> None:
    cmd = SlashCommand(command="/brief", text="whosaid\nVarn", user_id="U0ALICE", channel_id="C0NEWS",
                       team_id="T0TEAM", response_url="")
    invocation = to_invocation(cmd, VERBS, can_manage=False, now=NOW)
    assert (invocation.command, invocation.args) == ("whosaid", "Varn")

