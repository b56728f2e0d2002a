"""Retried briefings resume after the parts the ledger recorded, past Discord's nonce window, in threads and forums."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from discord_harness import AdapterFactory, real_briefing
from fake_discord import CHANNEL_ID, FORUM_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.adapter import PostError, ResumablePost, post_resuming
from bot.models import Briefing, ChannelRef
from digests.render_discord import render_discord

CHANNEL = ChannelRef("discord", CHANNEL_ID)
FORUM = ChannelRef("discord", FORUM_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"
OPEN_THREAD = rf"/channels/{CHANNEL_ID}/messages/\d+/threads"


class Ledger:
    """What the delivery ledger records of one slot: each part's id as it goes out (bot/delivery_parts.py)."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    async def on_part(self, message_id: str) -> None:
        self.ids.append(message_id)

    async def post(self, adapter: DiscordAdapter, channel: ChannelRef, briefing: Briefing, key: str) -> list[str]:
        """One attempt as the delivery makes it: resuming after the parts recorded so far."""
        posted: Sequence[str] = tuple(self.ids)
        return await post_resuming(adapter, channel, briefing, key=key, posted=posted, on_part=self.on_part)


async def test_a_retry_past_the_nonce_window_posts_only_the_parts_not_out(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(60)
    expected = len(render_discord(briefing))
    assert expected == 12
    adapter = make_adapter()
    assert isinstance(adapter, ResumablePost)
    ledger = Ledger()
    fake.fail("POST", MESSAGES, 429, skip=1, count=5, retry_after=0.001)  # part 2 limited past discord.py's tries
    with pytest.raises(PostError) as failed:
        await ledger.post(adapter, CHANNEL, briefing, "slot-1")
    assert failed.value.kind == "retryable"
    assert list(failed.value.posted) == ledger.ids == [fake.messages[CHANNEL_ID][0]["id"]]
    fake.advance(fake.nonce_window + 60)  # the delivery retries minutes later: Discord no longer knows the nonce
    restarted = make_adapter()  # after a restart too: only the ledger knows what went out
    ids = await ledger.post(restarted, CHANNEL, briefing, "slot-1")
    assert len(fake.messages[CHANNEL_ID]) == expected  # 12, not 13
    assert ids == ledger.ids == [m["id"] for m in fake.messages[CHANNEL_ID]]
    assert len(fake.calls("POST", MESSAGES)) == 1 + 5 + (expected - 1)  # part 1 was never sent again


async def test_a_retried_post_in_the_same_process_skips_what_it_sent(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(60)
    adapter = make_adapter()
    fake.fail("POST", MESSAGES, 429, skip=1, count=5, retry_after=0.001)
    with pytest.raises(PostError):
        await adapter.post(CHANNEL, briefing, key="slot-1")
    fake.advance(fake.nonce_window + 60)
    ids = await adapter.post(CHANNEL, briefing, key="slot-1")  # no ledger: the adapter remembers its own parts
    assert ids == [m["id"] for m in fake.messages[CHANNEL_ID]]
    assert len(ids) == len(render_discord(briefing))


async def test_a_fully_recorded_briefing_is_not_posted_again(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(10)
    ledger = Ledger()
    first = await ledger.post(make_adapter(), CHANNEL, briefing, "slot-1")
    fake.advance(fake.nonce_window + 60)
    again = await ledger.post(make_adapter(), CHANNEL, briefing, "slot-1")  # a crash before the ledger's "delivered"
    assert again == first == ledger.ids
    assert len(fake.messages[CHANNEL_ID]) == len(first)


async def test_a_forum_retry_posts_the_rest_in_the_same_forum_post(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", r"/channels/\d+/messages", 429, count=5, retry_after=0.001)  # part 2, in the new post's thread
    with pytest.raises(PostError) as failed:
        await ledger.post(make_adapter(thread_per_briefing=True), FORUM, briefing, "slot-f")
    [thread_id] = failed.value.posted  # the forum post's first message: its id is the thread's
    assert ledger.ids == [thread_id] and failed.value.channel_refused is False
    fake.advance(fake.nonce_window + 60)
    ids = await ledger.post(make_adapter(thread_per_briefing=True), FORUM, briefing, "slot-f")
    assert len(fake.calls("POST", rf"/channels/{FORUM_ID}/threads")) == 1  # one forum post, not 2
    assert ids == ledger.ids == [m["id"] for m in fake.messages[thread_id]]
    assert len(ids) == len(render_discord(briefing))


async def test_a_forum_post_retried_through_post_is_not_opened_twice(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    adapter = make_adapter(thread_per_briefing=True)
    briefing = real_briefing(40)
    fake.fail("POST", r"/channels/\d+/messages", 429, count=5, retry_after=0.001)
    with pytest.raises(PostError):
        await adapter.post(FORUM, briefing, key="slot-f")
    ids = await adapter.post(FORUM, briefing, key="slot-f")
    assert len(fake.calls("POST", rf"/channels/{FORUM_ID}/threads")) == 1
    assert ids == [m["id"] for m in fake.messages[ids[0]]]


async def test_a_thread_retry_posts_the_rest_in_the_thread_the_first_part_opened(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", r"/channels/\d+/messages", 429, skip=1, count=5, retry_after=0.001)  # part 2, in the thread
    with pytest.raises(PostError) as failed:
        await ledger.post(make_adapter(thread_per_briefing=True), CHANNEL, briefing, "slot-t")
    [first] = failed.value.posted
    assert fake.threaded == {first}
    fake.advance(fake.nonce_window + 60)
    ids = await ledger.post(make_adapter(thread_per_briefing=True), CHANNEL, briefing, "slot-t")
    assert [m["id"] for m in fake.messages[CHANNEL_ID]] == [first]  # the first part once, in the channel
    assert ids == ledger.ids == [first] + [m["id"] for m in fake.messages[first]]
    assert len(ids) == len(render_discord(briefing))


async def test_a_thread_not_opened_yet_is_opened_on_the_retry(fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", OPEN_THREAD, 503)  # the first part is out; opening its thread fails for now
    with pytest.raises(PostError) as failed:
        await ledger.post(make_adapter(thread_per_briefing=True), CHANNEL, briefing, "slot-t")
    assert failed.value.kind == "retryable"
    first = fake.messages[CHANNEL_ID][0]["id"]
    assert list(failed.value.posted) == ledger.ids == [first]  # recorded before the thread was asked for
    ids = await ledger.post(make_adapter(thread_per_briefing=True), CHANNEL, briefing, "slot-t")
    assert [m["id"] for m in fake.messages[CHANNEL_ID]] == [first]
    assert ids == [first] + [m["id"] for m in fake.messages[first]]
