"""With ``thread_per_briefing``, a set-up reply also warns when the bot may not open a briefing's thread (Create Public
Threads: the stories then go in the channel itself) or may not post in it (Send Messages in Threads: the briefing stops
after its first message), from the app's own permissions Discord sends with the command (``app_permissions``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from discord_harness import AdapterFactory, Recorder, discord_config, start, stop
from fake_discord import APP_ID, CHANNEL_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from adapters.discord.translate import thread_problem
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.commands.post_warning import post_warning
from bot.config import Config
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database

VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
USE_APPLICATION_COMMANDS = 1 << 31
POSTS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | USE_APPLICATION_COMMANDS  # enough for a briefing in the channel
THREADS = CREATE_PUBLIC_THREADS | SEND_MESSAGES_IN_THREADS
MANAGE_CHANNELS = 1 << 4
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


async def subscribe_with(fake: FakeDiscord, app: int) -> str:
    """``/brief subscribe topic:harbour`` by a Manage Channels member, Discord saying the bot has ``app`` there."""
    opts = [{"name": "topic", "type": 3, "value": "harbour"}]
    return await fake._interaction(2, {"id": "1", "name": "brief", "type": 1,
                                       "options": [{"name": "subscribe", "type": 1, "options": opts}]},
                                   user_id="42", permissions=MANAGE_CHANNELS, app_permissions=str(app))


async def invocation_with(fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder, app: int, *,
                          threads: bool) -> Invocation:
    adapter = make_adapter(thread_per_briefing=threads)
    task = await start(adapter, fake, recorder.dispatcher)
    try:
        await subscribe_with(fake, app)
        await fake.wait_for(lambda: bool(recorder.seen))
    finally:
        await stop(task, adapter)
    [inv] = recorder.seen
    return inv


async def test_without_create_public_threads_the_admin_is_told_the_stories_go_in_the_channel(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    inv = await invocation_with(fake, make_adapter, recorder, POSTS, threads=True)
    assert inv.post_problem is None  # the briefing does go out
    warning = post_warning(inv)
    assert "Create Public Threads and Send Messages in Threads" in warning  # both: granting one alone is not enough
    assert "posted in the channel itself" in warning
    assert "cannot be posted" not in warning


async def test_with_threads_allowed_nothing_is_said(fake: FakeDiscord, make_adapter: AdapterFactory,
                                                    recorder: Recorder) -> None:
    inv = await invocation_with(fake, make_adapter, recorder, POSTS | THREADS, threads=True)
    assert post_warning(inv) == ""


async def test_without_thread_per_briefing_threads_are_not_asked_for(
        fake: FakeDiscord, make_adapter: AdapterFactory, recorder: Recorder) -> None:
    inv = await invocation_with(fake, make_adapter, recorder, POSTS, threads=False)
    assert post_warning(inv) == ""


def test_each_thread_permission_is_named_with_what_happens_instead() -> None:
    only_create = thread_problem(POSTS | CREATE_PUBLIC_THREADS, threads=True, in_thread=False) or ""
    assert "Send Messages in Threads" in only_create and "Create Public Threads" not in only_create
    assert "after its first message" in only_create  # the thread opens, the rest are refused in it
    only_send = thread_problem(POSTS | SEND_MESSAGES_IN_THREADS, threads=True, in_thread=False) or ""
    assert "give it Create Public Threads in this channel" in only_send and "channel itself" in only_send
    assert thread_problem(POSTS | THREADS, threads=True, in_thread=False) is None
    assert thread_problem(POSTS, threads=False, in_thread=False) is None
    assert thread_problem(POSTS, threads=True, in_thread=True) is None  # typed in a thread: no thread is opened
    assert thread_problem(1 << 3, threads=True, in_thread=False) is None  # Administrator
    assert thread_problem(0, threads=True, in_thread=False) is None  # not sent: unknown


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'threads.db'}")
    yield database
    await database.close()


async def test_the_real_subscribe_reply_warns_of_both_problems_at_once(fake: FakeDiscord, db: Database) -> None:
    """The real commands over the local Discord: the set-up is kept, and one reply names everything to grant."""
    dispatch = build_dispatcher(CommandDeps(Config(), db, ManualClock(NOW)))
    adapter = DiscordAdapter(discord_config(fake, thread_per_briefing=True), clock=lambda: NOW,
                             guild_ready_timeout=0.05)
    task = await start(adapter, fake, dispatch)
    try:
        inter = await subscribe_with(fake, POSTS & ~EMBED_LINKS)

        def bodies() -> list[dict[str, Any]]:
            replied = [r.body["data"] for r in fake.calls("POST", rf"/interactions/{inter}/[^/]+/callback")
                       if r.body["type"] == 4]
            return replied + [r.body for r in fake.calls("POST", rf"/webhooks/{APP_ID}/tok{inter}")]

        await fake.wait_for(lambda: bool(bodies()), timeout=30)
    finally:
        await stop(task, adapter)
    text = str(bodies()[0].get("content") or "")
    assert "harbour" in text
    assert "give it Embed Links in this channel" in text and "cannot be posted" in text
    assert "Create Public Threads" in text and "posted in the channel itself" in text
    kept = await ChannelStore(db).get(ChannelRef("discord", CHANNEL_ID))
    assert kept is not None and "harbour" in kept.topics
