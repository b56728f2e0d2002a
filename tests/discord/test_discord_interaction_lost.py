"""A command whose interaction Discord no longer takes (10062, past its 3 s) still has its answer delivered."""

from __future__ import annotations

import asyncio
import logging

from discord_harness import AdapterFactory, Recorder, start, stop
from discord_logs import CALLBACK, Seen, contents
from fake_discord import APP_ID, CHANNEL_ID, FakeDiscord

UNKNOWN_INTERACTION = 10062


async def test_a_failed_thinking_still_delivers_the_answer_in_the_channel(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    adapter = make_adapter(defer_after=0.0)  # deferred from the first tick
    fake.fail("POST", CALLBACK, 404, code=UNKNOWN_INTERACTION)  # the "thinking…" came too late
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        recorder.release.set()  # the command ran all the same
        await fake.wait_for(lambda: bool(contents(fake)))
        assert contents(fake) == ["done waiting"]
        [sent] = fake.calls("POST", rf"/channels/{CHANNEL_ID}/messages")
        assert sent.body["allowed_mentions"] == {"parse": []}
        assert fake.calls("POST", rf"/webhooks/{APP_ID}/.*") == []  # no follow-up on a dead interaction
    finally:
        await stop(task, adapter)


async def test_a_quick_answer_too_late_for_the_interaction_goes_in_the_channel(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    adapter = make_adapter()
    fake.fail("POST", CALLBACK, 404, code=UNKNOWN_INTERACTION)  # gateway lag: the 3 s passed before it arrived
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("echo", {"text": "late"})
        await fake.wait_for(lambda: bool(contents(fake)))
        assert contents(fake) == ["echo: {'text': 'late'}"]
    finally:
        await stop(task, adapter)


async def test_a_private_answer_is_never_posted_in_the_channel_and_the_log_says_so(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    seen = Seen("was not posted in the channel")
    logging.getLogger("adapters.discord").addHandler(seen)
    adapter = make_adapter(defer_after=0.0)
    fake.fail("POST", CALLBACK, 404, code=UNKNOWN_INTERACTION)
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("help", {})  # its answer is for the asker alone
        await asyncio.wait_for(seen.event.wait(), 5)
        [line] = seen.messages
        assert "/brief help" in line and "10062" in line and "private" in line
        assert contents(fake) == []
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)


async def test_other_refusals_of_a_quick_answer_are_logged_not_reposted(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    seen = Seen("could not answer /brief echo")
    logging.getLogger("adapters.discord").addHandler(seen)
    adapter = make_adapter()
    fake.fail("POST", CALLBACK, 400)  # the answer itself refused
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await fake.push_command("echo", {"text": "x"})
        await asyncio.wait_for(seen.event.wait(), 5)
        assert contents(fake) == []  # the interaction may have gone through: no second copy in the channel
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)
