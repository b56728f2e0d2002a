"""A deferred answer that outlives the interaction's token (15 minutes; every request on it then gets 401, code 50027)
does not leave "briefbot is thinking…" to turn into Discord's "The application did not respond": shortly before the
token expires (``token_note_after``: 14 minutes, 0 here) the "thinking…" is replaced by a note saying what will happen
to the answer, and a public answer ready after that is posted in the channel. When a follow-up is refused while the
token still works (404 Unknown Webhook, which Discord also answers now and then on a live token), the answer goes to the
channel and the "thinking…" says so."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from discord_harness import NOW, Recorder, discord_config, start, stop
from discord_logs import CALLBACK, FOLLOW_UP, Seen, contents
from fake_discord import FakeDiscord

from adapters.discord import DiscordAdapter
from bot.commands.base import Command, Dispatch, Invocation, Reply
from bot.commands.dispatch import Dispatcher

ORIGINAL = r"/webhooks/\d+/tok\d+/messages/@original"
INVALID_WEBHOOK_TOKEN = 50027
UNKNOWN_WEBHOOK = 10015
EPHEMERAL = 1 << 6


@asynccontextmanager
async def serving(fake: FakeDiscord, dispatch: Dispatch, **options: Any) -> AsyncIterator[DiscordAdapter]:
    """The real adapter, every answer deferred at once (``defer_after`` 0), connected to the local Discord."""
    adapter = DiscordAdapter(discord_config(fake), clock=lambda: NOW, defer_after=0.0, guild_ready_timeout=0.05,
                             **options)
    task = await start(adapter, fake, dispatch)
    try:
        yield adapter
    finally:
        await stop(task, adapter)


def edits(fake: FakeDiscord) -> list[dict[str, Any]]:
    """The bodies of the edits of the command's original response (its "thinking…")."""
    return [c.body for c in fake.calls("PATCH", ORIGINAL)]


class SlowPrivate:
    """``/brief secret``: always private (deferred privately), answered when the test releases it."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.dispatcher = Dispatcher([Command("secret", "Only for you, late.", self._secret, private=True)])

    async def _secret(self, inv: Invocation) -> Reply:
        await self.release.wait()
        return Reply("only for you", ephemeral=True)


async def wait_for_log(seen: Seen) -> None:
    await asyncio.wait_for(seen.event.wait(), 5)


def watching(text: str) -> tuple[Seen, Callable[[], None]]:
    seen = Seen(text)
    logger = logging.getLogger("adapters.discord")
    logger.addHandler(seen)
    return seen, lambda: logger.removeHandler(seen)


async def test_a_slow_public_answer_replaces_thinking_with_a_note_then_goes_in_the_channel(
        fake: FakeDiscord, recorder: Recorder) -> None:
    fake.fail("POST", FOLLOW_UP, 401, code=INVALID_WEBHOOK_TOKEN)  # ready after the 15 minutes
    async with serving(fake, recorder.dispatcher, token_note_after=0.0):
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(edits(fake)))  # the note is up while the answer is still being worked out
        assert contents(fake) == [] and not recorder.release.is_set()
        recorder.release.set()
        await fake.wait_for(lambda: bool(contents(fake)))
    [note] = edits(fake)
    assert note["content"].startswith("Still working on `/brief wait`.")
    assert "15 minutes" in note["content"] and "posted in this channel" in note["content"]
    assert note["embeds"] == [] and note.get("components") == []
    assert contents(fake) == ["done waiting"]
    assert [c.body["type"] for c in fake.calls("POST", CALLBACK)] == [5]  # deferred once; the note is an edit of it
    assert len(edits(fake)) == 1  # the note said what happened: not edited again


async def test_a_slow_private_answer_says_privately_that_it_may_not_reach_the_caller(fake: FakeDiscord) -> None:
    secret = SlowPrivate()
    seen, done = watching("was not posted in the channel")
    for method, pattern in (("POST", FOLLOW_UP), ("PATCH", ORIGINAL)):
        fake.fail(method, pattern, 401, code=INVALID_WEBHOOK_TOKEN, skip=1 if method == "PATCH" else 0)
    try:
        async with serving(fake, secret.dispatcher, token_note_after=0.0):
            await fake.push_command("secret", {}, user_id="77")
            await fake.wait_for(lambda: bool(edits(fake)))
            secret.release.set()
            await wait_for_log(seen)
    finally:
        done()
    [callback] = fake.calls("POST", CALLBACK)
    assert callback.body["type"] == 5 and callback.body["data"]["flags"] == EPHEMERAL  # the thinking was private
    note = edits(fake)[0]["content"]
    assert note.startswith("Still working on `/brief secret`.") and "cannot reach you" in note
    assert contents(fake) == []  # a private answer is never posted in the channel
    assert len(edits(fake)) == 1  # the note already said it: nothing more is tried on the expired token


async def test_an_answer_ready_in_time_gets_no_note(fake: FakeDiscord, recorder: Recorder) -> None:
    async with serving(fake, recorder.dispatcher):  # the note is due 14 minutes after the "thinking…"
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        recorder.release.set()
        await fake.wait_for(lambda: bool(fake.calls("POST", FOLLOW_UP)))
    assert [c.body["content"] for c in fake.calls("POST", FOLLOW_UP)] == ["done waiting"]
    assert edits(fake) == [] and contents(fake) == []


async def test_a_follow_up_refused_on_a_live_token_goes_in_the_channel_and_thinking_says_so(
        fake: FakeDiscord, recorder: Recorder) -> None:
    fake.fail("POST", FOLLOW_UP, 404, code=UNKNOWN_WEBHOOK)
    async with serving(fake, recorder.dispatcher):
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
        recorder.release.set()
        await fake.wait_for(lambda: bool(edits(fake)))
    assert contents(fake) == ["done waiting"]
    [settled] = edits(fake)
    assert settled["content"] == "The answer to `/brief wait` was posted in this channel as a message of its own."


async def test_an_expired_token_refusing_the_last_edit_too_is_logged_and_the_answer_still_goes_out(
        fake: FakeDiscord, recorder: Recorder) -> None:
    seen, done = watching("could not replace the \"thinking…\" of /brief wait")
    fake.fail("POST", FOLLOW_UP, 401, code=INVALID_WEBHOOK_TOKEN)
    fake.fail("PATCH", ORIGINAL, 401, code=INVALID_WEBHOOK_TOKEN)
    try:
        async with serving(fake, recorder.dispatcher):
            await fake.push_command("wait", {})
            await fake.wait_for(lambda: bool(fake.calls("POST", CALLBACK)))
            recorder.release.set()
            await wait_for_log(seen)
    finally:
        done()
    assert contents(fake) == ["done waiting"]
    [line] = seen.messages
    assert "HTTP 401" in line
