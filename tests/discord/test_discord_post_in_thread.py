"""A channel set up from inside a thread (its own id is the thread's) with ``thread_per_briefing``: a thread cannot be
opened on a message in a thread, so the whole briefing goes in that thread, as a retry already sends it."""

from __future__ import annotations

from discord_harness import AdapterFactory, real_briefing
from fake_discord import FakeDiscord

from bot.models import ChannelRef
from digests.render_discord import render_discord

CANNOT_IN_THIS_CHANNEL_TYPE = 50024  # what Discord answers opening a thread on a message inside a thread


async def test_a_briefing_for_a_thread_goes_whole_into_it_without_a_thread_of_its_own(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    thread_id = await fake.add_thread(announce=False)  # posting needs no gateway
    open_thread = rf"/channels/{thread_id}/messages/\d+/threads"
    fake.fail("POST", open_thread, 400, code=CANNOT_IN_THIS_CHANNEL_TYPE, count=10)
    briefing = real_briefing(40)
    ids = await make_adapter(thread_per_briefing=True).post(ChannelRef("discord", thread_id), briefing, key="slot-0")
    assert ids == [m["id"] for m in fake.messages[thread_id]]
    assert len(ids) == len(render_discord(briefing)) > 1
    assert fake.calls("POST", open_thread) == []
