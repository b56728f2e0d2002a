"""Refusals while posting: no thread permission (the channel gets the briefing), a channel that refuses the bot."""

from __future__ import annotations

import logging

import pytest
from discord_harness import AdapterFactory, real_briefing
from fake_discord import CHANNEL_ID, FakeDiscord

from bot.adapter import PostError
from bot.models import ChannelRef
from digests.render_discord import render_discord

CHANNEL = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"
OPEN_THREAD = rf"/channels/{CHANNEL_ID}/messages/\d+/threads"
MISSING_PERMISSIONS = 50013


async def test_without_thread_permission_the_briefing_goes_whole_into_the_channel(
        fake: FakeDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    adapter = make_adapter(thread_per_briefing=True)
    fake.fail("POST", OPEN_THREAD, 403, code=MISSING_PERMISSIONS, count=10)  # no Create Public Threads
    parts: list[str] = []

    async def on_part(message_id: str) -> None:
        parts.append(message_id)

    briefing = real_briefing(40)
    ids = await adapter.post_resuming(CHANNEL, briefing, key="slot-0", posted=(), on_part=on_part)
    assert ids == parts == [m["id"] for m in fake.messages[CHANNEL_ID]]
    assert len(ids) == len(render_discord(briefing))
    assert len(fake.calls("POST", OPEN_THREAD)) == 1
    [warning] = [r.getMessage() for r in caplog.records
                 if r.levelno == logging.WARNING and r.name.startswith("adapters.discord")]
    assert "Create Public Threads" in warning and "50013" in warning and "in the channel itself" in warning
    ids = await adapter.post(CHANNEL, real_briefing(40), key="slot-1")  # the next slot: the same, no failure
    assert len(fake.messages[CHANNEL_ID]) == 2 * len(ids)


async def test_a_failure_opening_the_thread_reports_the_first_part_out(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    """The first part is recorded before the thread is asked for, so a failure there reports it out."""
    adapter = make_adapter(thread_per_briefing=True)
    fake.fail("POST", OPEN_THREAD, 503)
    with pytest.raises(PostError) as failed:
        await adapter.post(CHANNEL, real_briefing(40), key="slot-0")
    assert failed.value.kind == "retryable"
    assert list(failed.value.posted) == [fake.messages[CHANNEL_ID][0]["id"]]
    assert failed.value.channel_refused is False


@pytest.mark.parametrize(("status", "code"), [(403, 50001), (404, 10003)])
async def test_a_channel_refusing_the_bot_is_channel_refused(
        fake: FakeDiscord, make_adapter: AdapterFactory, status: int, code: int) -> None:
    fake.fail("POST", MESSAGES, status, code=code)
    with pytest.raises(PostError) as failed:
        await make_adapter().post(CHANNEL, real_briefing(2), key="slot-0")
    assert failed.value.kind == "permanent"
    assert failed.value.channel_refused is True  # the delivery posts no failure notice there


async def test_a_channel_refusing_the_thread_parent_fetch_is_channel_refused(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    fake.fail("GET", rf"/channels/{CHANNEL_ID}", 404, code=10003)  # removed: even looking it up fails
    with pytest.raises(PostError) as failed:
        await make_adapter(thread_per_briefing=True).post(CHANNEL, real_briefing(2), key="slot-0")
    assert failed.value.channel_refused is True


async def test_a_refused_message_is_not_a_refused_channel(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    fake.fail("POST", MESSAGES, 403, code=MISSING_PERMISSIONS)  # sees the channel, may not post this (Embed Links)
    with pytest.raises(PostError) as failed:
        await make_adapter().post(CHANNEL, real_briefing(2), key="slot-0")
    assert failed.value.kind == "permanent" and failed.value.channel_refused is False
    assert "missing permissions" in failed.value.reason and "Embed Links" in failed.value.reason


async def test_a_refused_thread_is_not_a_refused_channel(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    fake.fail("POST", r"/channels/\d+/messages", 403, code=MISSING_PERMISSIONS, skip=1)  # part 2, in the thread
    with pytest.raises(PostError) as failed:
        await make_adapter(thread_per_briefing=True).post(CHANNEL, real_briefing(40), key="slot-0")
    assert failed.value.channel_refused is False
    assert "Send Messages in Threads" in failed.value.reason
    assert list(failed.value.posted) == [fake.messages[CHANNEL_ID][0]["id"]]

