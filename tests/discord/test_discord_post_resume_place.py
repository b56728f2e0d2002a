"""A retried thread-mode briefing goes on where its earlier parts went: the channel after a refused thread, the
thread otherwise, and the channel when its thread or first message was deleted (named so, not "unknown channel")."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence

import pytest
from discord_harness import AdapterFactory, real_briefing
from fake_deletions import DeletingDiscord, running_deleting_discord
from fake_discord import CHANNEL_ID, FORUM_ID

from adapters.discord import DiscordAdapter
from adapters.discord.translate import failure_reason
from bot.adapter import PostError, post_resuming
from bot.models import Briefing, ChannelRef
from digests.render_discord import render_discord

CHANNEL = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"
ANY_MESSAGES = r"/channels/\d+/messages"
OPEN_THREAD = rf"/channels/{CHANNEL_ID}/messages/\d+/threads"
MISSING_PERMISSIONS = 50013


@pytest.fixture
async def fake() -> AsyncIterator[DeletingDiscord]:
    """The local Discord, where messages and threads can be deleted (``make_adapter`` points at this one)."""
    async with running_deleting_discord() as server:
        yield server


class Ledger:
    """What the delivery ledger records of one slot: each part's id as it goes out; ``then`` runs after each."""

    def __init__(self, then: Callable[[list[str]], None] | None = None) -> None:
        self.ids: list[str] = []
        self._then = then

    async def on_part(self, message_id: str) -> None:
        self.ids.append(message_id)
        if self._then is not None:
            self._then(self.ids)

    async def post(self, adapter: DiscordAdapter, briefing: Briefing, key: str = "slot-t") -> list[str]:
        posted: Sequence[str] = tuple(self.ids)
        return await post_resuming(adapter, CHANNEL, briefing, key=key, posted=posted, on_part=self.on_part)


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno >= logging.WARNING and r.name.startswith("adapters.discord")]


def ids_in(fake: DeletingDiscord, channel_id: str) -> list[str]:
    return [m["id"] for m in fake.messages.get(channel_id, [])]


async def test_a_retry_after_a_refused_thread_goes_on_in_the_channel_once_threads_are_allowed(
        fake: DeletingDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(40)
    expected = len(render_discord(briefing))
    assert expected >= 4
    ledger = Ledger()
    fake.fail("POST", OPEN_THREAD, 403, code=MISSING_PERMISSIONS)  # no Create Public Threads, this time only
    fake.fail("POST", MESSAGES, 429, skip=2, count=5, retry_after=0.001)  # part 3 limited past discord.py's tries
    with pytest.raises(PostError):
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ledger.ids == ids_in(fake, CHANNEL_ID) and len(ledger.ids) == 2  # parts 1 and 2, in the channel
    fake.advance(fake.nonce_window + 60)  # the permission was granted meanwhile; the retry comes after a restart
    ids = await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ids == ledger.ids == ids_in(fake, CHANNEL_ID)  # the whole briefing in the channel, in order
    assert len(ids) == expected
    assert fake.threaded == set() and len(fake.calls("POST", OPEN_THREAD)) == 1  # no thread opened for the rest


async def test_a_retry_after_a_refused_thread_with_only_the_first_part_out_opens_the_thread_on_it(
        fake: DeletingDiscord, make_adapter: AdapterFactory) -> None:
    """Only the first part is out: a thread opened on it now still holds the whole briefing (as usual)."""
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", OPEN_THREAD, 403, code=MISSING_PERMISSIONS)
    fake.fail("POST", MESSAGES, 429, skip=1, count=5, retry_after=0.001)  # part 2, in the channel
    with pytest.raises(PostError):
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    [first] = ledger.ids
    fake.advance(fake.nonce_window + 60)
    ids = await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ids_in(fake, CHANNEL_ID) == [first]
    assert ids == ledger.ids == [first, *ids_in(fake, first)]
    assert len(ids) == len(render_discord(briefing))


async def test_a_retry_whose_thread_was_deleted_posts_the_rest_in_the_channel(
        fake: DeletingDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    briefing = real_briefing(40)
    expected = len(render_discord(briefing))
    ledger = Ledger()
    fake.fail("POST", ANY_MESSAGES, 429, skip=2, count=5, retry_after=0.001)  # part 3, in the thread
    with pytest.raises(PostError):
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    first, second = ledger.ids
    assert ids_in(fake, first) == [second]
    fake.delete_thread(first)  # a moderator deletes the briefing's thread, part 2 with it
    fake.advance(fake.nonce_window + 60)
    caplog.clear()
    ids = await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ids == ledger.ids and len(ids) == expected  # every part once: none posted twice, none skipped
    assert ids_in(fake, CHANNEL_ID) == [first, *ids[2:]]  # the rest after the first part, in the channel
    assert fake.threaded == set()  # no new thread opened for them
    [warning] = warnings(caplog)
    assert "thread was deleted" in warning and "in the channel itself" in warning
    assert "unknown channel" not in caplog.text


async def test_a_retry_whose_first_message_was_deleted_is_named_so_and_posts_the_rest_in_the_channel(
        fake: DeletingDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", OPEN_THREAD, 503)  # the first part is out; its thread is not opened yet
    with pytest.raises(PostError):
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    [first] = ledger.ids
    fake.delete_message(CHANNEL_ID, first)  # someone deletes it before the retry
    caplog.clear()
    ids = await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ids == ledger.ids and len(ids) == len(render_discord(briefing))
    assert ids_in(fake, CHANNEL_ID) == ids[1:]  # the rest in the channel, once each
    [warning] = warnings(caplog)
    assert "first message was deleted" in warning and "10008" in warning and "in the channel itself" in warning
    assert "unknown channel" not in caplog.text


async def test_a_thread_whose_first_message_was_deleted_still_gets_the_rest(
        fake: DeletingDiscord, make_adapter: AdapterFactory) -> None:
    """Deleting a thread's first message leaves the thread (as on Discord): the rest go on in it."""
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", ANY_MESSAGES, 429, skip=2, count=5, retry_after=0.001)  # part 3, in the thread
    with pytest.raises(PostError):
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    first, second = ledger.ids
    assert ids_in(fake, first) == [second]
    fake.delete_message(CHANNEL_ID, first)
    ids = await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ids == ledger.ids and len(ids) == len(render_discord(briefing))
    assert ids_in(fake, first) == ids[1:] and ids_in(fake, CHANNEL_ID) == []


async def test_a_thread_deleted_while_the_briefing_goes_out_gets_the_rest_in_the_channel(
        fake: DeletingDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    def delete_after_part_two(ids: list[str]) -> None:
        if len(ids) == 2:
            fake.delete_thread(ids[0])

    briefing = real_briefing(40)
    ledger = Ledger(then=delete_after_part_two)
    ids = await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ids == ledger.ids and len(ids) == len(render_discord(briefing))
    assert ids_in(fake, CHANNEL_ID) == [ids[0], *ids[2:]]
    [warning] = warnings(caplog)
    assert "thread was deleted" in warning


async def test_a_channel_deleted_with_the_thread_is_still_reported_as_such(
        fake: DeletingDiscord, make_adapter: AdapterFactory) -> None:
    """When the channel itself is gone too, the fall-back post is refused: the channel is reported refused."""
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", ANY_MESSAGES, 429, skip=2, count=5, retry_after=0.001)
    with pytest.raises(PostError):
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    fake.delete_thread(ledger.ids[0])
    fake.fail("POST", MESSAGES, 404, count=10)  # 10003 Unknown Channel: the channel was deleted
    with pytest.raises(PostError) as failed:
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert failed.value.channel_refused is True and "unknown channel" in failed.value.reason
    assert len(ledger.ids) == 2


async def test_without_read_message_history_a_thread_less_retry_still_goes_on_in_the_channel(
        fake: DeletingDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    """The bot cannot look its second part up (no Read Message History): either way the rest go in the channel."""
    briefing = real_briefing(40)
    ledger = Ledger()
    fake.fail("POST", OPEN_THREAD, 403, code=MISSING_PERMISSIONS)
    fake.fail("POST", MESSAGES, 429, skip=2, count=5, retry_after=0.001)
    with pytest.raises(PostError):
        await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    fake.fail("GET", rf"/channels/{CHANNEL_ID}/messages/\d+", 403)  # 50001 Missing Access
    caplog.clear()
    ids = await ledger.post(make_adapter(thread_per_briefing=True), briefing)
    assert ids == ledger.ids == ids_in(fake, CHANNEL_ID) and len(ids) == len(render_discord(briefing))
    [warning] = warnings(caplog)
    assert "has no thread" in warning and "in the channel itself" in warning


async def test_a_deleted_forum_post_is_named_so(fake: DeletingDiscord, make_adapter: AdapterFactory) -> None:
    """A forum takes no plain messages: the rest of a briefing whose forum post was deleted cannot go on there."""
    briefing = real_briefing(40)
    forum = ChannelRef("discord", FORUM_ID)
    fake.fail("POST", ANY_MESSAGES, 429, count=5, retry_after=0.001)  # part 2, in the new post
    with pytest.raises(PostError) as failed:
        await make_adapter(thread_per_briefing=True).post(forum, briefing, key="slot-f")
    [post] = failed.value.posted
    fake.delete_thread(post)
    fake.advance(fake.nonce_window + 60)
    with pytest.raises(PostError) as failed:
        await post_resuming(make_adapter(thread_per_briefing=True), forum, briefing, key="slot-f", posted=[post],
                            on_part=None)
    assert failed.value.kind == "permanent" and failed.value.channel_refused is False
    assert "forum post" in failed.value.reason and "deleted" in failed.value.reason
    assert list(failed.value.posted) == [post]


@pytest.mark.parametrize(("code", "says", "never"), [
    (10008, "the briefing's first message was deleted", "unknown channel"),
    (10003, "unknown channel", "first message"),
])
def test_a_thread_that_cannot_be_opened_for_a_404_says_which_was_missing(code: int, says: str, never: str) -> None:
    reason = failure_reason(404, code, "", "new thread")
    assert says in reason and never not in reason
