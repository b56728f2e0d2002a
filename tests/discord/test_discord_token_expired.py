"""A slow answer ready after the interaction's token expired (15 min: 401 Invalid Webhook Token, 404 Unknown Webhook)
still reaches the channel when public; a private one is logged, naming the user and the command."""

from __future__ import annotations

import asyncio
import logging

import pytest
from discord_harness import AdapterFactory, Recorder, start, stop
from discord_logs import CALLBACK, FOLLOW_UP, Seen, contents
from fake_discord import FakeDiscord

from bot.commands.base import Command, Invocation, Reply
from bot.commands.dispatch import Dispatcher

ORIGINAL = r"/webhooks/\d+/tok\d+/messages/@original"
UNKNOWN_WEBHOOK = 10015


class SlowSecret:
    """A command whose answer is for the asker alone (not declared private: deferred publicly, then replaced)."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.dispatcher = Dispatcher([Command("secret", "Answers privately, late.", self._secret)])

    async def _secret(self, inv: Invocation) -> Reply:
        await self.release.wait()
        return Reply("only for you", ephemeral=True)


@pytest.mark.parametrize(("status", "code"), [(401, None), (404, UNKNOWN_WEBHOOK)])
async def test_a_public_answer_after_the_token_expired_goes_in_the_channel(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder, status: int, code: int | None) -> None:
    adapter = make_adapter(defer_after=0.0)  # deferred: "briefbot is thinking..."
    fake.fail("POST", FOLLOW_UP, status, code=code)  # the follow-up came after the 15 minutes
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        recorder.release.set()
        await fake.wait_for(lambda: bool(contents(fake)))
        assert contents(fake) == ["done waiting"]
        assert len(fake.calls("POST", FOLLOW_UP)) == 1  # tried once through the interaction, then the channel
    finally:
        await stop(task, adapter)


@pytest.mark.parametrize(("status", "code"), [(401, None), (404, UNKNOWN_WEBHOOK)])
async def test_a_private_answer_after_the_token_expired_is_logged_not_posted(
        fake: FakeDiscord, make_adapter: AdapterFactory, status: int, code: int | None) -> None:
    seen = Seen("was not posted in the channel")
    logging.getLogger("adapters.discord").addHandler(seen)
    secret = SlowSecret()
    adapter = make_adapter(defer_after=0.0)
    for method in ("POST", "DELETE"):  # the follow-up, and taking the public "thinking..." down
        fake.fail(method, FOLLOW_UP, status, code=code)
        fake.fail(method, ORIGINAL, status, code=code)
    task = await start(adapter, fake, secret.dispatcher)
    try:
        await fake.push_command("secret", {}, user_id="77")
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        secret.release.set()
        await asyncio.wait_for(seen.event.wait(), 5)
        [line] = seen.messages
        assert "/brief secret" in line and "user 77" in line and f"HTTP {status}" in line
        assert contents(fake) == []
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)
