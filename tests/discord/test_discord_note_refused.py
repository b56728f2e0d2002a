"""A deferred command's "thinking…" still up 14 minutes on (``token_note_after``, 0 here: time injected) is edited into
a note; when Discord refuses that edit (an HTTP error, an edge outage), the "thinking…" would end as Discord's "The
application did not respond" with no word from the bot. A public command's note goes to the channel as a message
instead, and the log names the channel; a private one's stays private (logged)."""

from __future__ import annotations

import pytest
from discord_harness import Recorder
from discord_logs import CALLBACK, FOLLOW_UP, contents
from fake_discord import CHANNEL_ID, FakeDiscord
from test_discord_token_note import INVALID_WEBHOOK_TOKEN, ORIGINAL, SlowPrivate, serving, wait_for_log, watching

UNKNOWN_WEBHOOK = 10015
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"
# the edit refused: Discord losing the webhook, a bad request, an edge proxy's 429 (no Via: discord.py gives up)
REFUSALS = [pytest.param({"status": 404, "code": UNKNOWN_WEBHOOK}, id="404-unknown-webhook"),
            pytest.param({"status": 400}, id="400"),
            pytest.param({"status": 429, "via": False}, id="429-from-the-edge")]


@pytest.mark.parametrize("refusal", REFUSALS)
async def test_a_refused_note_is_posted_in_the_channel_and_logged_naming_it(
        fake: FakeDiscord, recorder: Recorder, refusal: dict[str, object]) -> None:
    fake.fail("PATCH", ORIGINAL, **refusal)  # type: ignore[arg-type]
    seen, done = watching("posted it in channel")
    try:
        async with serving(fake, recorder.dispatcher, token_note_after=0.0):
            await fake.push_command("wait", {})
            await wait_for_log(seen)
            assert not recorder.release.is_set()  # the note went out while the answer was still being worked out
            [note] = contents(fake)
            recorder.release.set()
            await fake.wait_for(lambda: bool(fake.calls("POST", FOLLOW_UP)))
    finally:
        done()
    assert note.startswith("Still working on `/brief wait`") and "15 minutes" in note
    assert "posted in this channel" in note
    [line] = seen.messages
    assert CHANNEL_ID in line and "/brief wait" in line
    assert [c.body["type"] for c in fake.calls("POST", CALLBACK)] == [5]  # the "thinking…" went out
    assert [c.body["content"] for c in fake.calls("POST", FOLLOW_UP)] == ["done waiting"]  # token still alive
    assert contents(fake) == [note]  # the answer went through the command: not posted twice


async def test_after_a_refused_note_an_answer_past_the_token_goes_in_the_channel_too(
        fake: FakeDiscord, recorder: Recorder) -> None:
    fake.fail("PATCH", ORIGINAL, 404, code=UNKNOWN_WEBHOOK)
    fake.fail("POST", FOLLOW_UP, 401, code=INVALID_WEBHOOK_TOKEN)  # ready after the 15 minutes
    async with serving(fake, recorder.dispatcher, token_note_after=0.0):
        await fake.push_command("wait", {})
        await fake.wait_for(lambda: len(contents(fake)) == 1)
        recorder.release.set()
        await fake.wait_for(lambda: len(contents(fake)) == 2)
    note, answer = contents(fake)
    assert note.startswith("Still working on `/brief wait`") and answer == "done waiting"


async def test_a_note_the_channel_refuses_too_is_logged_and_the_answer_still_comes(
        fake: FakeDiscord, recorder: Recorder) -> None:
    fake.fail("PATCH", ORIGINAL, 404, code=UNKNOWN_WEBHOOK)
    fake.fail("POST", MESSAGES, 403)  # no Send Messages there
    seen, done = watching("could not be posted in channel")
    try:
        async with serving(fake, recorder.dispatcher, token_note_after=0.0):
            await fake.push_command("wait", {})
            await wait_for_log(seen)
            recorder.release.set()
            await fake.wait_for(lambda: bool(fake.calls("POST", FOLLOW_UP)))
    finally:
        done()
    [line] = seen.messages
    assert CHANNEL_ID in line and "/brief wait" in line
    assert contents(fake) == []
    assert [c.body["content"] for c in fake.calls("POST", FOLLOW_UP)] == ["done waiting"]


async def test_a_private_commands_refused_note_is_not_posted_in_the_channel(fake: FakeDiscord) -> None:
    secret = SlowPrivate()
    fake.fail("PATCH", ORIGINAL, 404, code=UNKNOWN_WEBHOOK)
    seen, done = watching("was for the caller alone")
    try:
        async with serving(fake, secret.dispatcher, token_note_after=0.0):
            await fake.push_command("secret", {}, user_id="77")
            await wait_for_log(seen)
            secret.release.set()
            await fake.wait_for(lambda: bool(fake.calls("POST", FOLLOW_UP)))
    finally:
        done()
    [line] = seen.messages
    assert "/brief secret" in line and CHANNEL_ID in line
    assert contents(fake) == []  # a private command is never announced in the channel
    [answer] = fake.calls("POST", FOLLOW_UP)
    assert answer.body["content"] == "only for you"
