"""A bot token Slack refuses while answering (a mention, a slash command's private answer posted when response_url
failed, a long reply posted in the channel) is said as a refused token, naming the variable the config reads the
token from, and never as "Invite the bot": the caller's note and the log both say the token is the problem."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import pytest
from fake_slack import BOT_TOKEN, Failure, FakeSlack, slash_payload
from response_url_helpers import Lost, Respond, slack_logs
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, run_adapter, slack_config
from test_slack_mentions import BOT, mention, send

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.app import CommandHandler, ManagerCheck
from adapters.slack.post import RetryPolicy
from bot.adapter import PostError
from bot.commands.base import Reply
from bot.config import Secret
from bot.models import ChannelRef

TOKEN_VARIABLE = "ORRIN_SLACK_KEY"


def adapter_reading(fake: FakeSlack, mode: str) -> SlackAdapter:
    """The Slack adapter with its bot token read from $ORRIN_SLACK_KEY (``token_env``), not $SLACK_BOT_TOKEN."""
    config = replace(slack_config(fake, mode=mode), bot_token=Secret(TOKEN_VARIABLE, BOT_TOKEN))
    return build_slack_adapter(
        config, clock=lambda: NOW, sleep=RecordingSleep(), policy=RetryPolicy(attempts=4), connect_timeout=5.0
    )


async def test_a_mention_answer_refused_for_the_token_is_one_warning_naming_the_variable(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    dropped = Lost("dropped")
    with slack_logs(dropped):
        adapter = await run_adapter(running, adapter_reading(fake, "http"), command_dispatcher())
        fake.fail_next("chat.postMessage", Failure(error="token_revoked"))
        await send(fake, adapter, "http", mention(f"{BOT} whosaid Riga"))
        await asyncio.wait_for(dropped.event.wait(), 5)
    warned = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == 1, warned
    assert f"Slack refused the bot token from ${TOKEN_VARIABLE}" in warned[0] and "mention" in warned[0]
    assert "Invite" not in caplog.text and "$SLACK_BOT_TOKEN" not in caplog.text


async def test_a_private_answer_refused_for_the_token_is_lost_with_the_token_named(
    fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    lost = Lost()
    with slack_logs(lost):
        await run_adapter(running, adapter_reading(fake, "socket"), command_dispatcher())
        fake.fail_next("respond", *[Failure(status=500)] * 4)  # response_url fails: posted privately instead
        fake.fail_next("chat.postEphemeral", Failure(error="invalid_auth"))
        await fake.push_slash_command(slash_payload("help", response_url=fake.response_url(), user_id="U0ALICE"))
        await asyncio.wait_for(lost.event.wait(), 5)
    [message] = lost.messages
    assert f"Slack refused the bot token from ${TOKEN_VARIABLE} (chat.postEphemeral: invalid_auth)" in message
    assert "Invite" not in caplog.text


async def test_a_long_reply_the_channel_post_of_which_is_refused_for_the_token_says_so() -> None:
    async def refused(channel: ChannelRef, messages: object) -> list[str]:
        raise PostError(
            channel, "permanent", f"Slack refused the bot token from ${TOKEN_VARIABLE} (...)", token_refused=True
        )

    async def dispatch(_invocation: object) -> Reply:
        raise AssertionError("not dispatched here")

    managers = ManagerCheck(client=None, admins=frozenset(), clock=lambda: NOW)  # type: ignore[arg-type]
    handler = CommandHandler(
        dispatch=dispatch, managers=managers, clock=lambda: NOW, post_messages=refused, sleep=RecordingSleep()
    )
    reply = Reply("\n\n".join(f"Part {n} on the Quillmoor tram depot. " + "platform " * 900 for n in range(7)))
    respond = Respond()
    await handler.deliver("C0NEWS", reply, respond)  # type: ignore[arg-type]
    note = respond.texts[-1]
    assert "did not fit" in note and "Invite" not in note
    assert "refuses the bot's token" in note
