"""A thread-mode briefing whose channel is deleted (its thread with it) while it goes out: reported as the channel
refused, with no log line first saying that only its thread was deleted and the rest go in the channel."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from discord_harness import AdapterFactory, real_briefing
from fake_deletions import DeletingDiscord, running_deleting_discord
from fake_discord import CHANNEL_ID

from bot.adapter import PostError, post_resuming
from bot.models import ChannelRef

CHANNEL = ChannelRef("discord", CHANNEL_ID)


@pytest.fixture
async def fake() -> AsyncIterator[DeletingDiscord]:
    async with running_deleting_discord() as server:
        yield server


async def test_a_channel_deleted_mid_post_is_not_logged_as_a_deleted_thread(
        fake: DeletingDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    ids: list[str] = []

    async def on_part(message_id: str) -> None:
        ids.append(message_id)
        if len(ids) == 2:  # the channel is deleted, and its thread (part 2 in it) with it
            fake.delete_thread(ids[0])
            fake.fail("GET", rf"/channels/{CHANNEL_ID}/messages/\d+", 404, count=10)  # 10003 Unknown Channel
            fake.fail("POST", rf"/channels/{CHANNEL_ID}/messages", 404, count=10)

    with pytest.raises(PostError) as failed:
        await post_resuming(make_adapter(thread_per_briefing=True), CHANNEL, real_briefing(40), key="slot-g",
                            posted=(), on_part=on_part)
    assert failed.value.channel_refused is True and "unknown channel" in failed.value.reason
    assert list(failed.value.posted) == ids and len(ids) == 2
    told = [r.getMessage() for r in caplog.records if r.name.startswith("adapters.discord")]
    assert told and not [m for m in told if "thread was deleted" in m or "in the channel itself" in m], told
