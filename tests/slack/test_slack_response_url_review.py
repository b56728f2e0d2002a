"""Review of response_url answers: a private answer whose chat.postEphemeral fallback is refused too (the bot is
not in the channel, or the command came from a DM between two people) is logged as lost; the listener carries
on. A connection error slack_sdk already tried twice counts as two of response_url's five uses."""

from __future__ import annotations

import aiohttp
from fake_slack import FakeSlack, slash_payload
from response_url_helpers import REFUSED_CHANNELS, Lost, Posted, Respond, command_handler, refused_private_help
from slack_helpers import RecordingSleep, Running

from adapters.slack.respond import RESPONSE_URL_USES
from adapters.slack.translate import reply_messages
from bot.commands.base import Reply

# the errors slack_sdk's webhook client tries once more itself (AsyncConnectionErrorRetryHandler)
SDK_RETRIED = (aiohttp.ServerConnectionError, aiohttp.ClientOSError)


@REFUSED_CHANNELS
async def test_a_private_answer_the_bot_cannot_post_either_is_logged_as_lost(
        fake: FakeSlack, running: Running, channel: str, refusal: str) -> None:
    lost = Lost()
    await refused_private_help(fake, running, channel, refusal, lost, lost.event)
    [message] = lost.messages
    assert "privately" in message and channel in message and refusal in message
    assert fake.ephemerals == [] and fake.messages == []
    # the listener survived: the next command is answered through its response_url
    await fake.push_slash_command(slash_payload("whosaid Varn", response_url=fake.response_url()))
    await fake.wait_for(lambda: len(fake.responses) == 1)


class SdkRespond(Respond):
    """bolt's respond as slack_sdk's webhook client runs it: a connection error (reset, disconnected) is tried once
    more inside the SDK before it is raised, so each such failure is two POSTs to the response_url, two uses."""

    def uses(self, answer: int | BaseException) -> int:
        return 2 if isinstance(answer, SDK_RETRIED) else 1

    @property
    def posts(self) -> int:
        return self.calls


async def test_connection_errors_the_sdk_retried_count_as_two_uses() -> None:
    reply = Reply("\n\n".join(f"Paragraph {n} on the Quillmoor tram depot. " + "platform " * 900 for n in range(2)))
    messages = reply_messages(reply)
    assert len(messages) == 2
    sleep, posted = RecordingSleep(), Posted("18")
    respond = SdkRespond(aiohttp.ServerDisconnectedError(), aiohttp.ClientOSError(104, "Connection reset by peer"))
    await command_handler(sleep, posted).deliver("C0NEWS", reply, respond)  # type: ignore[arg-type]
    assert respond.posts <= RESPONSE_URL_USES  # never a sixth POST, which Slack refuses (used_url)
    assert respond.texts + posted.texts == [m.text for m in messages]  # each part once, in order
