"""A command's answer through response_url survives a failed delivery: 429/5xx/network errors are retried within
Slack's limits (five uses, thirty minutes), then the answer is posted in the channel (privately when it is private)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import aiohttp
import pytest
from fake_slack import RATE_LIMITED, SERVER_ERROR, Failure, FakeSlack, slash_payload
from response_url_helpers import Lost, Posted, Respond, command_handler, slack_logs
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, make_adapter, run_adapter

from adapters.slack.respond import RESPONSE_URL_USES
from adapters.slack.translate import MAX_RESPONSES, reply_messages
from bot.commands.base import Reply


def respond_calls(fake: FakeSlack) -> int:
    """How many times response_url was used: answered or failed."""
    return len(fake.responses) + sum(1 for method, _ in fake.rejected if method == "respond")


async def whosaid(fake: FakeSlack, running: Running, sleep: RecordingSleep, *failures: Failure,
                  channel: str = "C0CHAN") -> None:
    await run_adapter(running, make_adapter(fake, sleep, mode="socket"), command_dispatcher())
    fake.fail_next("respond", *failures)
    await fake.push_slash_command(slash_payload("whosaid Varn harbour", response_url=fake.response_url(),
                                                channel_id=channel))


@pytest.mark.parametrize("failure", [SERVER_ERROR, Failure(status=502), Failure(status=503)])
async def test_a_server_error_on_response_url_is_retried(fake: FakeSlack, running: Running,
                                                         failure: Failure) -> None:
    sleep = RecordingSleep()
    await whosaid(fake, running, sleep, failure)
    await fake.wait_for(lambda: len(fake.responses) == 1)
    assert "Who said what about Varn harbour" in fake.responses[0]["text"]
    assert sleep.delays == [1.0] and respond_calls(fake) == 2
    assert fake.messages == []  # answered where it was asked, not posted again


async def test_a_rate_limit_on_response_url_waits_its_retry_after(fake: FakeSlack, running: Running) -> None:
    sleep = RecordingSleep()
    await whosaid(fake, running, sleep, Failure(status=429, error="ratelimited", retry_after=7), RATE_LIMITED)
    await fake.wait_for(lambda: len(fake.responses) == 1)
    assert sleep.delays == [7.0, 1.0] and respond_calls(fake) == 3


async def test_a_response_url_that_keeps_failing_is_answered_in_the_channel(fake: FakeSlack,
                                                                           running: Running) -> None:
    sleep = RecordingSleep()
    await whosaid(fake, running, sleep, *[SERVER_ERROR] * 10)
    await fake.wait_for(lambda: len(fake.messages) == 1)
    assert "Who said what about Varn harbour" in fake.messages[0]["text"]
    assert fake.messages[0]["channel"] == "C0CHAN"
    assert sleep.delays == [1.0, 2.0, 4.0]  # four tries (the test policy), then chat.postMessage
    assert fake.responses == [] and respond_calls(fake) == 4


async def test_a_private_answer_falls_back_to_an_ephemeral_message(fake: FakeSlack, running: Running) -> None:
    await run_adapter(running, make_adapter(fake, RecordingSleep(), mode="socket"), command_dispatcher())
    fake.fail_next("respond", *[Failure(status=500)] * 10)
    await fake.push_slash_command(slash_payload("help", response_url=fake.response_url(), user_id="U0ALICE"))
    await fake.wait_for(lambda: len(fake.ephemerals) == 1)
    assert fake.ephemerals[0]["user"] == "U0ALICE" and fake.ephemerals[0]["channel"] == "C0CHAN"
    assert fake.messages == []  # never shown to the whole channel


async def test_a_retry_after_past_the_limit_goes_to_the_channel_at_once(fake: FakeSlack, running: Running) -> None:
    sleep = RecordingSleep()
    await whosaid(fake, running, sleep, Failure(status=429, error="ratelimited", retry_after=600))
    await fake.wait_for(lambda: len(fake.messages) == 1)
    assert sleep.delays == [] and respond_calls(fake) == 1


async def test_when_the_channel_refuses_too_the_loss_is_logged_with_command_and_channel(
        fake: FakeSlack, running: Running) -> None:
    fake.not_in_channel.add("C0QUIET")
    lost = Lost("lost")
    with slack_logs(lost):
        await whosaid(fake, running, RecordingSleep(), *[SERVER_ERROR] * 10, channel="C0QUIET")
        await asyncio.wait_for(lost.event.wait(), 5)
    [message] = lost.messages
    assert "/brief whosaid" in message and "C0QUIET" in message and "not_in_channel" in message
    assert ("chat.postMessage", "not_in_channel") in fake.rejected


async def test_a_network_error_on_response_url_is_retried() -> None:
    sleep, posted = RecordingSleep(), Posted()
    respond = Respond(aiohttp.ClientConnectionError(), TimeoutError())
    await command_handler(sleep, posted).deliver("C0NEWS", Reply("The ferry timetable changes on Monday."), respond)  # type: ignore[arg-type]
    assert respond.texts == ["The ferry timetable changes on Monday."] and sleep.delays == [1.0, 2.0]
    assert posted.texts == []


async def test_retries_never_use_response_url_more_than_five_times() -> None:
    reply = Reply("\n\n".join(f"Paragraph {n} on the Quillmoor ferry timetable. " + "crossing " * 560
                              for n in range(4)))
    messages = reply_messages(reply)
    assert 1 < len(messages) <= MAX_RESPONSES
    sleep, posted = RecordingSleep(), Posted()
    respond = Respond(*[200] * (len(messages) - 1), *[500] * 10)  # the last part keeps failing
    await command_handler(sleep, posted).deliver("C0NEWS", reply, respond)  # type: ignore[arg-type]
    assert respond.calls == RESPONSE_URL_USES  # five tries in all would be allowed for one message alone
    # every part delivered once: through response_url while its uses last, the last one in the channel
    assert respond.texts == [m.text for m in messages[:-1]] and posted.texts == [messages[-1].text]


async def test_no_retry_past_the_thirty_minutes_response_url_lives() -> None:
    sleep, posted = RecordingSleep(), Posted()
    respond = Respond(500)
    received = NOW - timedelta(minutes=30) + timedelta(milliseconds=500)  # one second's wait would be too late
    await command_handler(sleep, posted).deliver("C0NEWS", Reply("Night buses run until two."), respond,  # type: ignore[arg-type]
                                         received=received)
    assert respond.calls == 1 and sleep.delays == [] and posted.texts == ["Night buses run until two."]
