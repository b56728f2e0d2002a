"""A "thinking…" refused for another reason than 10062 (the interaction may be answered elsewhere) is not reposted."""

from __future__ import annotations

import asyncio
import logging

from discord_harness import AdapterFactory, Recorder, start, stop
from fake_discord import CHANNEL_ID, FakeDiscord

CALLBACK = r"/interactions/\d+/[^/]+/callback"
ALREADY_ACKNOWLEDGED = 40060  # another process on the same token answered this interaction first


class Seen(logging.Handler):
    """Sets ``event`` once a record whose message holds ``text`` is logged (a wait with no sleep)."""

    def __init__(self, text: str) -> None:
        super().__init__(logging.DEBUG)
        self.text = text
        self.event = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.text in record.getMessage():
            self.event.set()


async def test_a_thinking_refused_as_already_answered_posts_no_second_answer_in_the_channel(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    seen = Seen("could not answer /brief wait (HTTP 400")  # not "... through the interaction"
    logging.getLogger("adapters.discord").addHandler(seen)
    adapter = make_adapter(defer_after=0.0)  # deferred from the first tick
    fake.fail("POST", CALLBACK, 400, code=ALREADY_ACKNOWLEDGED)
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        recorder.release.set()  # the command ran all the same
        await asyncio.wait_for(seen.event.wait(), 5)
        assert fake.messages.get(CHANNEL_ID, []) == []  # the other process's answer is the one
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)
