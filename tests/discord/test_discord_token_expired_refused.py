"""Review of the token-expired fallback: when the channel refuses the bot too (403 Missing Access), the answer's loss
is logged naming the command, nothing crashes, and the next command is answered as usual."""

from __future__ import annotations

import asyncio
import logging

from discord_harness import AdapterFactory, Recorder, start, stop
from discord_logs import CALLBACK, FOLLOW_UP, Seen
from fake_discord import FakeDiscord

CHANNEL_MESSAGES = r"/channels/\d+/messages"
MISSING_ACCESS = 50001
CHANNEL_MESSAGE_WITH_SOURCE = 4


def answered(fake: FakeDiscord) -> int:
    """How many answers were sent through interactions (taken or refused): a reply in the callback, or a follow-up."""
    replies = [c for c in fake.calls("POST", CALLBACK) if c.body.get("type") == CHANNEL_MESSAGE_WITH_SOURCE]
    return len(replies) + len(fake.calls("POST", FOLLOW_UP))


async def test_a_channel_refusing_the_fallback_is_logged_and_the_bot_carries_on(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    seen = Seen("was not delivered")
    logging.getLogger("adapters.discord").addHandler(seen)
    adapter = make_adapter(defer_after=0.0)
    fake.fail("POST", FOLLOW_UP, 401, code=50027)  # once: the token expired ...
    fake.fail("POST", CHANNEL_MESSAGES, 403, code=MISSING_ACCESS)  # ... and the bot may not post in the channel
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        recorder.release.set()
        await asyncio.wait_for(seen.event.wait(), 5)
        [line] = seen.messages
        assert "/brief wait" in line
        assert fake.calls("POST", CHANNEL_MESSAGES)  # it was tried there
        await fake.push_command("wait", {})  # still answering: the next command gets its answer
        await fake.wait_for(lambda: answered(fake) == 2)
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)
