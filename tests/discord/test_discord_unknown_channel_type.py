"""A channel of a type discord.py has no class for (a type newer than it, a Student Hub directory): ``/brief`` typed
there sets that channel up (not "discord:None": discord.py drops such a channel from the interaction), the set-up
reply says plainly that with ``thread_per_briefing`` no thread can be opened there and each briefing is posted in the
channel itself, and a briefing posted there does exactly that instead of failing on the unknown type."""

from __future__ import annotations

from typing import Any

import pytest
from discord_harness import AdapterFactory, Recorder, real_briefing, start, stop
from fake_discord import APP_ID, GUILD_ID, FakeDiscord

from bot.commands.post_warning import post_warning
from bot.models import ChannelRef
from digests.render_discord import render_discord

ODD_CHANNEL = "900000000000000071"
FUTURE_TYPE = 99  # a channel type Discord may add later: discord.py has no class for it
DIRECTORY = 14  # a Student Hub's directory: Discord has it, discord.py has no class for it
MANAGE_CHANNELS = 1 << 4
POSTS_AND_THREADS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 35) | (1 << 38)


async def push_in_channel(fake: FakeDiscord, kind: int, *, channel_id: str = ODD_CHANNEL,
                          app_permissions: int = POSTS_AND_THREADS) -> str:
    """``/brief subscribe topic:harbour`` by a Manage Channels member in ``channel_id``, which Discord says is of type
    ``kind``; the interaction's id."""
    inter_id = fake.new_id()
    member = {"user": fake.user("42", "user42"), "roles": [], "flags": 0, "joined_at": "2025-01-01T00:00:00+00:00",
              "deaf": False, "mute": False, "permissions": str(MANAGE_CHANNELS)}
    options = [{"name": "subscribe", "type": 1, "options": [{"name": "topic", "type": 3, "value": "harbour"}]}]
    payload: dict[str, Any] = {
        "id": inter_id, "application_id": APP_ID, "type": 2, "token": f"tok{inter_id}", "version": 1,
        "attachment_size_limit": 8388608, "app_permissions": str(app_permissions), "locale": "en-US",
        "entitlements": [], "data": {"id": "1", "name": "brief", "type": 1, "options": options},
        "guild_id": GUILD_ID, "channel_id": channel_id,
        "channel": {"id": channel_id, "type": kind, "guild_id": GUILD_ID, "name": "odd"}, "member": member,
        "guild_locale": "en-US", "authorizing_integration_owners": {"0": GUILD_ID}, "context": 0}
    fake.interaction_types[inter_id] = 2
    await fake.dispatch("INTERACTION_CREATE", payload)
    return inter_id


async def subscribed_in(fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder, kind: int, *,
                        threads: bool, sharded: bool = False) -> tuple[str, str]:
    """The channel the set-up went to, and the warning its reply ends with."""
    adapter = make_adapter(thread_per_briefing=threads, sharded=sharded)
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await push_in_channel(fake, kind)
        await fake.wait_for(lambda: bool(recorder.seen))
    finally:
        await stop(task, adapter)
    [inv] = recorder.seen
    return inv.channel.key, post_warning(inv)


@pytest.mark.parametrize("sharded", [False, True])  # a plain Client, and an AutoShardedClient (its own state)
async def test_a_future_channel_type_is_set_up_by_its_id_and_warned_that_no_thread_opens_there(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder, sharded: bool) -> None:
    channel, warning = await subscribed_in(fake, make_adapter, recorder, FUTURE_TYPE, threads=True, sharded=sharded)
    assert channel == f"discord:{ODD_CHANNEL}"
    assert warning.startswith("\nWarning: ") and warning.count("\nWarning: ") == 1
    assert "cannot open a thread for each briefing here" in warning
    assert f"type {FUTURE_TYPE}" in warning and "posted in the channel itself" in warning
    assert "cannot be posted" not in warning  # the bot's permissions are all there


async def test_any_type_discord_py_has_no_class_for_gets_the_same_warning(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    channel, warning = await subscribed_in(fake, make_adapter, recorder, DIRECTORY, threads=True)
    assert channel == f"discord:{ODD_CHANNEL}"
    assert "cannot open a thread for each briefing here" in warning and f"type {DIRECTORY}" in warning


async def test_without_thread_per_briefing_nothing_is_said_and_the_channel_is_still_right(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    channel, warning = await subscribed_in(fake, make_adapter, recorder, FUTURE_TYPE, threads=False)
    assert channel == f"discord:{ODD_CHANNEL}"
    assert warning == ""


async def test_a_briefing_for_a_channel_of_an_unknown_type_goes_whole_into_it(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    fake.kinds[ODD_CHANNEL] = FUTURE_TYPE  # GET /channels/{id} says so: discord.py cannot make a channel of it
    briefing = real_briefing(40)
    ids = await make_adapter(thread_per_briefing=True).post(ChannelRef("discord", ODD_CHANNEL), briefing, key="s-9")
    assert ids == [m["id"] for m in fake.messages[ODD_CHANNEL]]
    assert len(ids) == len(render_discord(briefing)) > 1
    assert fake.calls("POST", rf"/channels/{ODD_CHANNEL}/messages/\d+/threads") == []
    assert fake.calls("POST", rf"/channels/{ODD_CHANNEL}/threads") == []


async def test_a_retry_for_a_channel_of_an_unknown_type_posts_the_rest_in_it(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    fake.kinds[ODD_CHANNEL] = FUTURE_TYPE
    briefing = real_briefing(40)
    adapter = make_adapter(thread_per_briefing=True)
    channel = ChannelRef("discord", ODD_CHANNEL)
    first = await adapter.post_resuming(channel, briefing, key="s-10", posted=(), on_part=None)
    del fake.messages[ODD_CHANNEL][1:]  # as if only the first part had gone out
    ids = await adapter.post_resuming(channel, briefing, key="s-11", posted=first[:1], on_part=None)
    assert ids[0] == first[0] and len(ids) == len(render_discord(briefing))
    assert ids == [m["id"] for m in fake.messages[ODD_CHANNEL]]
    assert fake.calls("POST", rf"/channels/{ODD_CHANNEL}/messages/\d+/threads") == []
